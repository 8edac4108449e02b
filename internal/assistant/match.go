package assistant

import (
	"slices"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// qterm is a term of a question with its weight; id is -1 when no
// phrasing has it.
type qterm struct {
	id int32
	w  float32
	// at is the place of id in the bag's sorted ids (bag.sorted), -1 for
	// an unknown term.
	at int32
}

// unit is a part of a question that counts once: a syllable, a pair, or a
// run of syllables that spells an abbreviation or everyday name with its
// readings (the words as typed and each expansion from vn.Synonyms). A
// phrasing matches the unit through the reading it shares most with.
type unit struct {
	alts [][]qterm
}

// bag is a question ready to be compared with phrasings.
type bag struct {
	units []unit
	// foreign is the weight of the question's foreign pairs: two
	// syllables side by side that no text of the catalogue has. They
	// match nothing, so they are not units; see bag.match for where they
	// count.
	foreign float32
	// sorted are the distinct known term ids of every reading, sorted:
	// a question is compared with hundreds of phrasings, each a short
	// sorted list of ids, and one pass over both lists says which of its
	// terms each phrasing has (bag.hits).
	sorted []int32
	// buf holds the hits of one comparison for most questions.
	buf [64]bool
}

// bagOf turns a question into units: typos corrected against the
// phrasings' syllables, abbreviations and everyday names read both ways.
func (m *model) bagOf(t text, syn *vn.Synonyms) bag {
	var b bag
	for pi, p := range t.folded {
		words := m.fixTypos(p)
		// span[i] is 1 + the number of the synonym span covering word i, or 0.
		span := make([]int, len(words))
		if syn != nil {
			for si, sp := range mergeMatches(syn.Find(words)) {
				u := unit{alts: [][]qterm{m.termsOf(words[sp.start:sp.end])}}
				for _, e := range sp.exps {
					u.alts = append(u.alts, m.termsOf(e))
				}
				b.units = append(b.units, u)
				for i := sp.start; i < sp.end; i++ {
					span[i] = si + 1
				}
			}
		}
		for i, w := range words {
			switch {
			case span[i] != 0:
			case saysDied(t, pi, i):
				b.units = append(b.units, unit{alts: [][]qterm{m.termsOf(words[i : i+1]), m.termsOf(diedReading)}})
			default:
				id, wt := m.lookup(w)
				b.units = append(b.units, unit{alts: [][]qterm{{{id: id, w: wt}}}})
			}
			// Pairs inside a span are in its literal reading; pairs across
			// its edge ("mất bằng", "xe máy") are words as typed like any.
			if i > 0 && (span[i] == 0 || span[i] != span[i-1]) {
				if id, wt := m.lookup(words[i-1] + vn.BigramSep + w); id < 0 {
					b.foreign += wt
				} else if wt > 0 {
					b.units = append(b.units, unit{alts: [][]qterm{{{id: id, w: wt}}}})
				}
			}
		}
	}
	b.index()
	return b
}

// index numbers the bag's known terms in sorted and points each reading's
// terms at their place there.
func (b *bag) index() {
	b.sorted = b.ids()
	for _, u := range b.units {
		for _, alt := range u.alts {
			for k := range alt {
				alt[k].at = -1
				if alt[k].id >= 0 {
					i, _ := slices.BinarySearch(b.sorted, alt[k].id)
					alt[k].at = int32(i)
				}
			}
		}
	}
}

// hits says, by place in b.sorted, which of the bag's terms are in terms
// (sorted). The result is valid until the next call.
func (b *bag) hits(terms []int32) []bool {
	var hit []bool
	if len(b.sorted) <= len(b.buf) {
		hit = b.buf[:len(b.sorted)]
		clear(hit)
	} else {
		hit = make([]bool, len(b.sorted))
	}
	s := b.sorted
	if len(terms) > 16*len(s) {
		// A service's whole text: look each term up.
		for i, id := range s {
			_, hit[i] = slices.BinarySearch(terms, id)
		}
		return hit
	}
	for i, j := 0, 0; i < len(s) && j < len(terms); {
		switch {
		case s[i] < terms[j]:
			i++
		case s[i] > terms[j]:
			j++
		default:
			hit[i] = true
			i++
			j++
		}
	}
	return hit
}

// asTyped returns the bag with each unit read only as typed: without the
// expansions of abbreviations and everyday names.
func (b *bag) asTyped() bag {
	out := bag{units: make([]unit, len(b.units)), foreign: b.foreign, sorted: b.sorted}
	for i, u := range b.units {
		out.units[i] = unit{alts: u.alts[:1]}
	}
	return out
}

// ids returns the ids of every known term of every reading, sorted.
func (b *bag) ids() []int32 {
	var out []int32
	for _, u := range b.units {
		for _, alt := range u.alts {
			for _, t := range alt {
				if t.id >= 0 {
					out = append(out, t.id)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fixTypos returns the folded words of a phrase with typos fixed: a word
// no service uses takes its other i/y spelling ("kí" → "ký") or the known
// word one edit away ("sinhh" → "sinh"); then a pair no service uses
// takes the fix of either word that makes a pair one does — "hộ chịu"
// is "hộ chiếu", though "chịu" is a word, because "hộ chiếu" is said
// and "hộ chịu" is not.
func (m *model) fixTypos(p []string) []string {
	words := make([]string, len(p))
	for i, w := range p {
		if _, ok := m.terms[w]; !ok {
			if v, ok := vn.IYVariant(w); ok && m.known(v) {
				w = v
			} else if c := m.correct(w); c != "" {
				w = c
			}
		}
		words[i] = w
	}
	for i := 1; i < len(words); i++ {
		l, r := words[i-1], words[i]
		if functionWords[l] || functionWords[r] || m.known(l+vn.BigramSep+r) {
			continue
		}
		// Only a pair several services say is trusted as the meant one:
		// "giá vàng" is not a typo of a pair one guide happens to have.
		best, bestW, right := "", m.commonPair, true
		try := func(c string, isRight bool) {
			pair := l + vn.BigramSep + c
			if !isRight {
				pair = c + vn.BigramSep + r
			}
			if id, ok := m.terms[pair]; ok && m.weight[id] <= bestW {
				best, bestW, right = c, m.weight[id], isRight
			}
		}
		// A word that makes a known pair with its other neighbour is
		// meant as typed: in "còn độc thân", "còn độc" is no pair, but
		// "độc thân" is, so "độc" is not "được".
		if i+1 >= len(words) || !m.known(r+vn.BigramSep+words[i+1]) {
			for _, c := range m.variants(r) {
				try(c, true)
			}
		}
		if i < 2 || !m.known(words[i-2]+vn.BigramSep+l) {
			for _, c := range m.variants(l) {
				try(c, false)
			}
		}
		if best != "" {
			if right {
				words[i] = best
			} else {
				words[i-1] = best
			}
		}
	}
	return words
}

// known reports whether some service's text has the folded term.
func (m *model) known(term string) bool {
	_, ok := m.terms[term]
	return ok
}

// variants returns the known words a word may be a typo of: its other
// i/y spelling and the known words one edit away.
func (m *model) variants(w string) []string {
	var out []string
	if v, ok := vn.IYVariant(w); ok && m.known(v) {
		out = append(out, v)
	}
	if utf8.RuneCountInString(w) < 3 {
		return out
	}
	seen := map[string]bool{w: true}
	on := onset(w)
	add := func(c string) {
		if !seen[c] && onset(c) == on && vn.OneEdit(w, c) {
			seen[c] = true
			out = append(out, c)
		}
	}
	// A known word of three letters is a word, not a typo of another:
	// only an unknown one ("têm") is mended into a pair ("sang tên").
	nears := []map[string][]string{m.near, m.nearShort}
	if m.known(w) {
		nears = nears[:1]
	}
	for _, near := range nears {
		for _, c := range near[w] {
			add(c)
		}
		for _, d := range deletions(w) {
			for _, c := range near[d] {
				add(c)
			}
		}
	}
	for _, c := range onsetVariants(w) {
		if !seen[c] && m.known(c) {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// confusedOnsets are the onsets that the speech of one region or another
// does not tell apart, and that people therefore spell one for the other:
// "tạm chú" for tạm trú, "xổ" for sổ, "dìa" for về, "nàm" for làm. Such a
// slip is not one letter away, so it has its own list. A word spelt with
// gi has the onset "g" (onset stops at the i), so gi is only reached from
// d, r and v ("dao" → "giao"), never left.
var confusedOnsets = [][]string{{"ch", "tr"}, {"s", "x"}, {"d", "gi", "r", "v"}, {"l", "n"}}

// onsetVariants returns w with its onset replaced by each onset spoken
// the same in some region.
func onsetVariants(w string) []string {
	on := onset(w)
	rest := w[len(on):]
	if rest == "" {
		return nil
	}
	var out []string
	for _, group := range confusedOnsets {
		if !slices.Contains(group, on) {
			continue
		}
		for _, o := range group {
			if o != on {
				out = append(out, o+rest)
			}
		}
	}
	return out
}

// onset returns the consonants a folded syllable starts with ("ch" of
// "chieu", "ngh" of "nghiep"). A slip of the fingers changes a vowel or
// a final far more often than the onset, while words that differ only
// there are other words: "vàng" is not a typo of "bằng", nor "trời" of
// "thời".
func onset(w string) string {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return w[:i]
		}
	}
	return w
}

// termsOf returns the syllables and pairs of a run of folded words.
func (m *model) termsOf(words []string) []qterm {
	out := make([]qterm, 0, 2*len(words))
	for i, w := range words {
		id, wt := m.lookup(w)
		out = append(out, qterm{id: id, w: wt})
		if i > 0 {
			if id, wt := m.lookup(words[i-1] + vn.BigramSep + w); wt > 0 {
				out = append(out, qterm{id: id, w: wt})
			}
		}
	}
	return out
}

// synSpan is a run of words covered by overlapping synonym matches, with
// all their expansions as folded words.
type synSpan struct {
	start, end int
	exps       [][]string
}

func mergeMatches(ms []vn.Match) []synSpan {
	var out []synSpan
	for _, m := range ms {
		var exps [][]string
		for _, e := range m.Expansions {
			exps = append(exps, e.Folded)
		}
		if n := len(out); n > 0 && m.Start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, m.End)
			out[n-1].exps = append(out[n-1].exps, exps...)
			continue
		}
		out = append(out, synSpan{start: m.Start, end: m.End, exps: exps})
	}
	return out
}

// similarity is how well a phrasing and a question match: the harmonic
// mean of the share of the phrasing's weight the question has (does the
// question say all of "cấp lại thẻ bảo hiểm y tế"?) and the share of the
// question's weight the phrasing has (is that all the question says?).
// Both shares and the result are between 0 and 1.
type similarity struct {
	score      float32
	ofPhrasing float32 // share of the phrasing covered
	ofQuestion float32 // share of the question covered
	// strict is the score with the question's foreign pairs counted as
	// words the phrasing lacks (see bag.match): for deciding whether the
	// question is about the catalogue at all, where they are evidence.
	strict float32
}

// compare scores phrasing p against the question.
func (b *bag) compare(p *phrasing) similarity {
	matched, total := b.match(p.terms)
	var s similarity
	if p.mass > 0 {
		s.ofPhrasing = min(matched/p.mass, 1)
	}
	if total > 0 {
		s.ofQuestion = min(matched/total, 1)
	}
	s.score = harmonic(s.ofPhrasing, s.ofQuestion)
	if all := total + b.foreign; all > 0 {
		s.strict = harmonic(s.ofPhrasing, min(matched/all, 1))
	}
	return s
}

// harmonic returns the harmonic mean of two shares, 0 when both are.
func harmonic(x, y float32) float32 {
	if x+y == 0 {
		return 0
	}
	return 2 * x * y / (x + y)
}

// coverBy returns the share of the question's weight found in terms (a
// sorted set of term ids: a service's whole text), the weight found, and
// the question's weight as read for terms.
func (b *bag) coverBy(terms []int32) (share, matched, total float32) {
	matched, total = b.match(terms)
	total += b.foreign
	if total == 0 {
		return 0, 0, 0
	}
	return min(matched/total, 1), matched, total
}

// expansionFactor discounts a match through an expansion of an
// abbreviation or everyday name against a match of the words as typed:
// "giấy khai sinh" typed is nearer "làm giấy khai sinh" than its expansion
// "trích lục khai sinh" is.
const expansionFactor = 0.9

// match returns the weight of the question's units found in the sorted
// set terms, and the weight of the question, each unit read the way that
// matches most (and, among those, weighs least).
//
// The question's foreign pairs (b.foreign) are not in total: callers add
// them where they are evidence — in the coverage of a question by a
// service's whole text, and in deciding whether a question is about the
// catalogue at all (similarity.strict), as "hoa giấy trang trí" has
// syllables a guide has ("hóa đơn", "vị trí") but in pairs none has. They
// are left out of how well a phrasing, a few words long, matches the
// question: there they are the citizen's story ("mới đẻ", "hôm qua", "ở
// xa"), and counted, a question that told one looked less like every
// service the longer it was (testdata/README.md).
func (b *bag) match(terms []int32) (matched, total float32) {
	hit := b.hits(terms)
	for _, u := range b.units {
		bestM, bestT := float32(-1), float32(0)
		for i, alt := range u.alts {
			var am, at float32
			for _, t := range alt {
				at += t.w
				if t.at >= 0 && hit[t.at] {
					am += t.w
				}
			}
			if i > 0 {
				am *= expansionFactor
			}
			if am > bestM || (am == bestM && at < bestT) {
				bestM, bestT = am, at
			}
		}
		matched += bestM
		total += bestT
	}
	return matched, total
}
