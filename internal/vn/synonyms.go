package vn

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
)

//go:embed synonyms.tsv
var defaultSynonyms string

// Synonym is one row of the abbreviation and everyday-name table: what
// citizens type (Term) and the words the catalogue uses for it.
type Synonym struct {
	Term       string
	Expansions []string
}

// Expansion is one expansion of a term, as tokens (accented, lower case)
// and as folded tokens. Its slices are shared; do not modify them.
type Expansion struct {
	Tokens []string
	Folded []string
}

// Match is a term of the table found in a list of tokens.
type Match struct {
	// Start and End delimit the tokens that spell the term: tokens[Start:End].
	Start, End int
	// Term is the term as the table writes it.
	Term string
	// Expansions are the term's expansions, in table order.
	Expansions []Expansion
}

// Synonyms is the table of abbreviations (cccd, gplx, bhyt), everyday and
// old names (sổ đỏ, hộ khẩu, bằng lái) and foreign words (passport) that
// citizens type, each with the words the catalogue uses instead. Terms are
// matched on folded tokens, so "so do", "sổ đỏ" and "SỔ ĐỎ" all find the
// row for sổ đỏ; a term may have several syllables.
//
// The table is data: the default rows live in synonyms.tsv beside this
// file, and editors can add rows at run time with Add. A Synonyms is safe
// for concurrent use; lookups never wait for Add.
type Synonyms struct {
	mu    sync.Mutex // serialises writers
	table atomic.Pointer[synTable]
}

// synTable is one immutable version of the table; Add builds a new one.
type synTable struct {
	entries []synEntry
	byFirst map[string][]int // first folded token of a term → entries
	byTerm  map[string]int   // folded term, tokens joined by a space → entry
}

type synEntry struct {
	term       string
	folded     []string
	expansions []string
	phrases    []Expansion
}

// NewSynonyms returns an empty table.
func NewSynonyms() *Synonyms {
	s := &Synonyms{}
	s.table.Store(&synTable{byFirst: map[string][]int{}, byTerm: map[string]int{}})
	return s
}

// DefaultSynonyms returns a new table holding the curated rows of
// synonyms.tsv. Each call returns its own table, so Add on one does not
// change another.
func DefaultSynonyms() *Synonyms {
	s, err := ParseSynonyms(strings.NewReader(defaultSynonyms))
	if err != nil {
		// The file is embedded and a test parses it: this is a build bug.
		panic(err)
	}
	return s
}

// ParseSynonyms reads a table in the synonyms.tsv format: one row per
// line, the term and then its expansions separated by tabs; blank lines
// and lines starting with "#" are skipped. A term given on several lines
// collects the expansions of all of them.
func ParseSynonyms(r io.Reader) (*Synonyms, error) {
	t := &synTable{byFirst: map[string][]int{}, byTerm: map[string]int{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if err := t.add(fields[0], fields[1:]); err != nil {
			return nil, fmt.Errorf("vn: synonyms line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("vn: synonyms: read: %w", err)
	}
	s := &Synonyms{}
	s.table.Store(t)
	return s, nil
}

// Add adds a row: term and the expansions it stands for. Adding a term the
// table has already adds the new expansions to its row. It fails when the
// term has no letters or digits or no expansion has any.
func (s *Synonyms) Add(term string, expansions ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.table.Load().clone()
	if err := t.add(term, expansions); err != nil {
		return fmt.Errorf("vn: synonyms: add %q: %w", term, err)
	}
	s.table.Store(t)
	return nil
}

// Entries returns the rows of the table in the order they were added.
func (s *Synonyms) Entries() []Synonym {
	t := s.table.Load()
	out := make([]Synonym, len(t.entries))
	for i, e := range t.entries {
		out[i] = Synonym{Term: e.term, Expansions: append([]string(nil), e.expansions...)}
	}
	return out
}

// Find returns every term of the table spelt by consecutive tokens, in
// order of position (and, at one position, of table order). Tokens may be
// accented or folded. Overlapping terms are all returned: "nhập hộ khẩu"
// finds both "nhập hộ khẩu" and "hộ khẩu".
func (s *Synonyms) Find(tokens []string) []Match {
	t := s.table.Load()
	if len(t.entries) == 0 || len(tokens) == 0 {
		return nil
	}
	folded := make([]string, len(tokens))
	for i, tok := range tokens {
		folded[i] = Fold(tok)
	}
	var out []Match
	for i := range folded {
		for _, ei := range t.byFirst[folded[i]] {
			e := &t.entries[ei]
			end := i + len(e.folded)
			if end > len(folded) || !equalTokens(folded[i:end], e.folded) {
				continue
			}
			out = append(out, Match{Start: i, End: end, Term: e.term, Expansions: e.phrases})
		}
	}
	return out
}

// Expand returns the expansions, as accented tokens, of every term found
// in tokens, each once, in order of the terms' positions.
// ["lam", "gplx"] gives [["giấy", "phép", "lái", "xe"]].
func (s *Synonyms) Expand(tokens []string) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, m := range s.Find(tokens) {
		for _, e := range m.Expansions {
			key := strings.Join(e.Tokens, " ")
			if !seen[key] {
				seen[key] = true
				out = append(out, e.Tokens)
			}
		}
	}
	return out
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// clone copies the table so a writer can change the copy while readers
// keep the original. Entries are copied by value; their slices are never
// changed in place, only replaced.
func (t *synTable) clone() *synTable {
	c := &synTable{
		entries: append([]synEntry(nil), t.entries...),
		byFirst: make(map[string][]int, len(t.byFirst)),
		byTerm:  make(map[string]int, len(t.byTerm)),
	}
	for k, v := range t.byFirst {
		c.byFirst[k] = append([]int(nil), v...)
	}
	for k, v := range t.byTerm {
		c.byTerm[k] = v
	}
	return c
}

// add adds a row to t, which must not be shared with readers yet.
func (t *synTable) add(term string, expansions []string) error {
	folded := foldTokens(Tokens(term))
	if len(folded) == 0 {
		return fmt.Errorf("term %q has no letters or digits", term)
	}
	key := strings.Join(folded, " ")
	ei, ok := t.byTerm[key]
	if !ok {
		ei = len(t.entries)
		t.entries = append(t.entries, synEntry{term: Normalize(term), folded: folded})
		t.byTerm[key] = ei
		t.byFirst[folded[0]] = append(t.byFirst[folded[0]], ei)
	}
	e := t.entries[ei]
	// New slices, never appends into the old ones: readers may hold them.
	exps := append([]string(nil), e.expansions...)
	phrases := append([]Expansion(nil), e.phrases...)
	added := 0
	for _, x := range expansions {
		toks := Tokens(x)
		if len(toks) == 0 {
			continue
		}
		norm := strings.Join(toks, " ")
		dup := false
		for _, p := range phrases {
			if strings.Join(p.Tokens, " ") == norm {
				dup = true
				break
			}
		}
		added++
		if dup {
			continue
		}
		exps = append(exps, Normalize(x))
		phrases = append(phrases, Expansion{Tokens: toks, Folded: foldTokens(toks)})
	}
	if added == 0 {
		return fmt.Errorf("term %q has no expansion", term)
	}
	e.expansions, e.phrases = exps, phrases
	t.entries[ei] = e
	return nil
}

func foldTokens(tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = Fold(t)
	}
	return out
}
