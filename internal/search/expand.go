package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// synSpan is a run of query tokens spelling one or more overlapping terms
// of the synonym table, with all their expansions.
type synSpan struct {
	start, end int
	exps       []vn.Expansion
}

// synonymSpans merges overlapping matches into spans and records in span
// which span covers each token.
func synonymSpans(matches []vn.Match, span []int) []synSpan {
	var spans []synSpan
	for _, m := range matches {
		if n := len(spans); n > 0 && m.Start < spans[n-1].end {
			last := &spans[n-1]
			last.end = max(last.end, m.End)
			last.exps = append(last.exps, m.Expansions...)
			continue
		}
		spans = append(spans, synSpan{start: m.Start, end: m.End, exps: append([]vn.Expansion(nil), m.Expansions...)})
	}
	for si, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			span[i] = si
		}
	}
	return spans
}

// synonymGroup is the group of one span: the words as typed (syllables and
// pairs) and each expansion not already used by an earlier span.
func (b *built) synonymGroup(sp synSpan, acc, fold []string, stop []bool, accW float64, seen map[string]bool) group {
	g := group{content: true}
	literal := alt{terms: make([]term, 0, 2*len(acc))}
	for i := range acc {
		w := 1.0
		if stop[i] {
			w = stopWeight
		}
		literal.terms = append(literal.terms, b.term(acc[i], fold[i], w, accW))
		if i > 0 {
			literal.terms = append(literal.terms, b.term(acc[i-1]+vn.BigramSep+acc[i], fold[i-1]+vn.BigramSep+fold[i], bigramWeight, accW))
		}
	}
	g.alts = append(g.alts, literal)
	for _, e := range sp.exps {
		key := strings.Join(e.Folded, " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		g.alts = append(g.alts, b.expansion(e, accW))
	}
	return g
}

// maxCachedExpansions bounds the expansions an index remembers: the
// synonym table has a few hundred rows, and editors may add more.
const maxCachedExpansions = 2048

// expansion returns the reading of one expansion. An expansion is many
// terms, often of common words ("tài khoản định danh điện tử"), whose
// lists are the longest a query reads; but its score in each document
// depends on the index alone. So it is computed once per index and
// remembered: the reading is then one list of final scores (the share of
// words applied), and its best score is the exact bound pruning needs.
// Its syllables still count for the title bonus.
func (b *built) expansion(e vn.Expansion, accW float64) alt {
	key := strconv.FormatFloat(accW, 'g', -1, 64) + "|" + strings.Join(e.Tokens, " ")
	var r expansionReading
	if v, ok := b.expansions.Load(key); ok {
		r = v.(expansionReading)
	} else {
		full := alt{terms: make([]term, 0, 2*len(e.Tokens)), words: len(e.Tokens)}
		for j := range e.Tokens {
			t := b.term(e.Tokens[j], e.Folded[j], synonymWeight, accW)
			t.word = true
			full.terms = append(full.terms, t)
			if t.title > 0 {
				r.titles = append(r.titles, t.title)
			}
			if j > 0 {
				full.terms = append(full.terms, b.term(e.Tokens[j-1]+vn.BigramSep+e.Tokens[j],
					e.Folded[j-1]+vn.BigramSep+e.Folded[j], synonymWeight*bigramWeight, accW))
			}
		}
		r.postings = b.evalAlt(&full)
		if b.cachedExpansions.Add(1) <= maxCachedExpansions {
			b.expansions.Store(key, r)
		}
	}
	a := alt{terms: make([]term, 1, 1+len(r.titles))}
	a.terms[0] = term{fold: r.list, foldMax: r.max, wFold: 1}
	for _, id := range r.titles {
		a.terms = append(a.terms, term{title: id}) // no list: marks a title word
	}
	return a
}

// expansionReading is an expansion's score in each document, and the
// numbers (+1) of its syllables in the title vocabulary.
type expansionReading struct {
	postings
	titles []int32
}

// evalAlt scores a reading in every document it matches, as
// scratch.score does for one reading of a group, and returns the scores
// as postings.
func (b *built) evalAlt(a *alt) postings {
	s := &scratch{alt: make([]float32, len(b.ids)), words: make([]uint8, len(b.ids))}
	for _, t := range a.terms {
		s.addAlt(t.fold, t.wFold, t.word)
		s.addAlt(t.acc, t.wAcc, false)
	}
	slices.Sort(s.altTouched)
	out := postings{list: make([]posting, 0, len(s.altTouched))}
	for _, d := range s.altTouched {
		v := s.alt[d]
		if a.words > 0 {
			share := float32(s.words[d]) / float32(a.words)
			v *= share * share
		}
		if v > 0 {
			out.list = append(out.list, posting{doc: d, score: v})
			out.max = max(out.max, v)
		}
	}
	return out
}
