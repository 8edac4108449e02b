package search

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// Diacritic restoration. A query typed without diacritics matches the
// folded index, where "ban" is bàn, bán, bạn and bản at once; the
// accented index tells them apart, and gives a query typed with marks
// its edge (MRR@10 on UIT-ViCoV19QA: .373 typed with marks, .355
// without). So a query typed without any mark gets its marks back from
// the index itself: each syllable's readings are the accented syllables
// that fold to it, and the most likely sequence under a pair model of
// the indexed text (Viterbi) is matched on the accented index as if it
// had been typed, beside the folded match. On UIT-ViCoV19QA it restores
// 94% of syllables and brings the unaccented figure within 3% of the
// accented.

const (
	// restoreLambda weighs the pair evidence (how often the previous
	// reading is followed by this one) against the reading's own
	// frequency, when the index has any pair that folds to the pair typed.
	restoreLambda = 0.8
	// maxReadings bounds the readings of one syllable, the most frequent
	// kept: "a" has two dozen.
	maxReadings = 16
)

// restore returns the most likely accented reading of a phrase typed
// without diacritics (its folded syllables). A syllable the index has no
// accented form of stays as typed.
func (b *built) restore(folded []string) []string {
	type state struct {
		word  string
		score float64 // log-probability of the best path ending here
		back  int     // its previous state
	}
	lattice := make([][]state, len(folded))
	for i, f := range folded {
		readings := b.readings(f)
		cur := make([]state, len(readings))
		var pairs map[string]int
		if i > 0 {
			for _, p := range b.accOf[folded[i-1]+vn.BigramSep+f] {
				if pairs == nil {
					pairs = map[string]int{}
				}
				pairs[p] = len(b.acc[p].list)
			}
		}
		for k, r := range readings {
			uni := (float64(len(b.acc[r].list)) + 0.5) / b.accTokens
			cur[k] = state{word: r, score: math.Inf(-1)}
			if i == 0 {
				cur[k].score = math.Log(uni)
				continue
			}
			for j, prev := range lattice[i-1] {
				p := (1 - restoreLambda) * uni
				if n := len(b.acc[prev.word].list); n > 0 && pairs != nil {
					p += restoreLambda * float64(pairs[prev.word+vn.BigramSep+r]) / float64(n)
				}
				if s := prev.score + math.Log(p); s > cur[k].score {
					cur[k].score, cur[k].back = s, j
				}
			}
		}
		lattice[i] = cur
	}
	out := make([]string, len(folded))
	if len(folded) == 0 {
		return out
	}
	last := lattice[len(folded)-1]
	best := 0
	for k := range last {
		if last[k].score > last[best].score {
			best = k
		}
	}
	for i := len(folded) - 1; i >= 0; i-- {
		out[i] = lattice[i][best].word
		best = lattice[i][best].back
	}
	return out
}

// readings returns the accented syllables of the index that fold to f,
// the most frequent first, at most maxReadings; or f itself when there
// are none.
func (b *built) readings(f string) []string {
	all := b.accOf[f]
	if len(all) == 0 {
		return []string{f}
	}
	if len(all) <= maxReadings {
		return all
	}
	sorted := slices.Clone(all)
	slices.SortFunc(sorted, func(x, y string) int {
		if c := cmp.Compare(len(b.acc[y].list), len(b.acc[x].list)); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	return sorted[:maxReadings]
}
