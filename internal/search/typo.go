package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// fixPair adds the corrections (fixes) of typo that form a pair with its
// neighbour found in more than known documents to the pair's readings, and
// to the readings of g, typo's own group. before says the typo is the
// first syllable of the pair.
//
// A correction is trusted as much as the words typed when it and its pair
// are strongRatio times as common as the syllable and pair typed (a noisy
// channel with document frequency as the prior): in "ho chiu" the pair
// says "chiếu", and the page that says "chủ hộ chịu trách nhiệm" must not
// outrank the dozen about hộ chiếu. Then the typed syllable's own reading
// drops to typoWeight instead, and so does the pair's when its accents
// were restored (guessed): the index knows the pair the typo happens to
// spell ("hộ chịu"), so the restoration trusts it, but the correction
// has the better evidence.
func (b *built) fixPair(alts []alt, g *group, neighbour, typo string, fixes []string, w float64, before bool, known int, guessed bool) []alt {
	for _, c := range fixes {
		pair := neighbour + vn.BigramSep + c
		if before {
			pair = c + vn.BigramSep + neighbour
		}
		if len(b.fold[pair].list) <= known {
			continue
		}
		strong := len(b.fold[pair].list) >= strongRatio*known && len(b.fold[c].list) >= strongRatio*len(b.fold[typo].list)
		if strong {
			demote(&g.alts[0])
			if guessed {
				demote(&alts[0])
			}
		}
		weight := typoWeight
		if strong {
			weight = 1
		}
		alts = append(alts, one(b.foldTerm(pair, w*weight)))
		g.alts = append(g.alts, one(b.foldTerm(c, weight)))
		g.content = true // the corrected word is not a function word
	}
	return alts
}

// demote weakens a reading as typed to typoWeight, once.
func demote(a *alt) {
	if !a.demoted {
		a.demoted = true
		for i := range a.terms {
			a.terms[i].wAcc *= typoWeight
			a.terms[i].wFold *= typoWeight
		}
	}
}

// withVariant returns the syllable and its other i/y spelling, if any.
func withVariant(s string) []string {
	if v, ok := vn.IYVariant(s); ok {
		return []string{s, v}
	}
	return []string{s}
}

// typos returns the indexed syllables one edit from s (at least 4 letters),
// the most common first, at most maxTypos of them.
func (b *built) typos(s string) []string {
	if utf8.RuneCountInString(s) < 4 {
		return nil
	}
	var out []string
	add := func(cands []string) {
		for _, c := range cands {
			if vn.Near(s, c) && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	add(b.near[s])
	for _, d := range deletions(s) {
		add(b.near[d])
	}
	slices.SortFunc(out, func(x, y string) int {
		if c := cmp.Compare(len(b.fold[y].list), len(b.fold[x].list)); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	if len(out) > maxTypos {
		out = out[:maxTypos]
	}
	return out
}

// deletions returns the strings made by deleting one rune of s.
func deletions(s string) []string {
	out := make([]string, 0, len(s))
	for i, r := range s {
		d := s[:i] + s[i+utf8.RuneLen(r):]
		if len(out) == 0 || out[len(out)-1] != d {
			out = append(out, d)
		}
	}
	return out
}
