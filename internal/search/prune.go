package search

import (
	"cmp"
	"math"
	"slices"
)

// Dynamic pruning (MaxScore). In a catalogue of thousands of services a
// common word ("hồ sơ", "cấp", "đăng ký") is in most of them, and reading
// every posting of every word of a long question costs a millisecond.
// When Search wants only the best few, it scores the groups from the one
// that can add the most to a document to the one that can add the least.
// Once the groups still to come together cannot lift a document the
// search has not met above the few best so far, it stops meeting new
// ones: the rest is added only to the documents still in the running,
// found in each posting list by galloping search. The result is exactly
// that of scoring everything: a document is dropped only when even every
// remaining group and the whole title bonus would leave it below the
// score that the current best few have already reached.

// pruneMargin keeps a document whose bound falls short of the threshold
// by less than this share, so that rounding (totals are float64, the
// order compares float32) can never drop one that scoring everything
// would rank.
const pruneMargin = 1e-4

// bound is what g can add to one document at most: the best reading's
// sum of its terms' best scores (a share of an expansion's words only
// lowers it).
func (g *group) bound() float64 {
	var best float64
	for _, a := range g.alts {
		var sum float64
		for _, t := range a.terms {
			sum += float64(t.wFold*t.foldMax) + float64(t.wAcc*t.accMax)
		}
		best = max(best, sum)
	}
	return best
}

// boundOrder returns the groups' indices from the largest bound to the
// smallest (ties in plan order), and rest: rest[k] is the sum of the
// bounds of order[k:], rest[len] 0.
func boundOrder(groups []group) (order []int, rest []float64) {
	bounds := make([]float64, len(groups))
	order = make([]int, len(groups))
	for i := range groups {
		bounds[i] = groups[i].bound()
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(bounds[y], bounds[x]) })
	rest = make([]float64, len(groups)+1)
	for k := len(order) - 1; k >= 0; k-- {
		rest[k] = rest[k+1] + bounds[order[k]]
	}
	return order, rest
}

// threshold returns a score that limit documents of docs (those with
// content, when needContent) have already reached, and whether there are
// that many: it keeps the limit best totals in a min-heap, so that most
// documents cost one comparison, and then takes the least of their
// totals with their title bonus, which no more scoring can lower.
func (s *scratch) threshold(docs []int32, limit int, needContent bool, titles [][]int32) (float64, bool) {
	h := s.heap[:0]
	for _, d := range docs {
		if needContent && s.flags[d]&flagContent == 0 {
			continue
		}
		switch {
		case len(h) < limit:
			h = append(h, d)
			for i := len(h) - 1; i > 0; { // sift up
				p := (i - 1) / 2
				if s.total[h[p]] <= s.total[h[i]] {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		case s.total[d] > s.total[h[0]]:
			h[0] = d
			for i := 0; ; { // sift down
				c := 2*i + 1
				if c >= len(h) {
					break
				}
				if c+1 < len(h) && s.total[h[c+1]] < s.total[h[c]] {
					c++
				}
				if s.total[h[i]] <= s.total[h[c]] {
					break
				}
				h[i], h[c] = h[c], h[i]
				i = c
			}
		}
	}
	s.heap = h[:0]
	if len(h) < limit {
		return 0, false
	}
	theta := math.Inf(1)
	for _, d := range h {
		theta = min(theta, s.total[d]*s.titleOf(d, titles))
	}
	return theta, true
}

// titleOf returns document d's title factor for this query, computed once.
func (s *scratch) titleOf(d int32, titles [][]int32) float64 {
	if s.title[d] == 0 {
		s.title[d] = float32(s.titleFactor(titles[d]))
	}
	return float64(s.title[d])
}

// survivors returns, in document order, the documents of docs that can
// still reach theta: whose total plus rest, with their title bonus, does.
// docs may be the last survivors (sorted), which it filters in place.
func (s *scratch) survivors(docs []int32, theta, rest float64, sorted bool, titles [][]int32) []int32 {
	out := s.cands[:0]
	for _, d := range docs {
		// The title factor is between 1 and 1 + titleBoost: compute it
		// only when that decides.
		if up := (s.total[d] + rest) * (1 + pruneMargin); up >= theta || up*(1+titleBoost) >= theta && up*s.titleOf(d, titles) >= theta {
			out = append(out, d)
		}
	}
	if !sorted {
		slices.Sort(out)
	}
	s.cands = out
	return out
}

// seek returns the index of the first posting of list at or after i whose
// document is d or later: galloping, then binary search.
func seek(list []posting, i int, d int32) int {
	if i >= len(list) || list[i].doc >= d {
		return i
	}
	lo, step := i, 1 // list[lo].doc < d
	hi := lo + step
	for hi < len(list) && list[hi].doc < d {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(list)) // list[hi].doc >= d, or hi is the end
	for lo+1 < hi {
		mid := lo + (hi-lo)/2
		if list[mid].doc < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// scoreSome is score for the documents of cands (sorted) alone. For each
// document it adds the same numbers in the same order as score, so the
// totals are the same to the last bit.
func (s *scratch) scoreSome(g *group, cands []int32) {
	if len(g.alts) == 1 && g.alts[0].words == 0 {
		for _, t := range g.alts[0].terms {
			s.addTotalSome(t.fold, t.wFold, g.content, cands)
			s.addTotalSome(t.acc, t.wAcc, g.content, cands)
		}
		return
	}
	for _, a := range g.alts {
		for _, t := range a.terms {
			s.addAltSome(t.fold, t.wFold, t.word, cands)
			s.addAltSome(t.acc, t.wAcc, false, cands)
		}
		s.bestOfAlt(a)
	}
	s.addBest(g.content)
}

func (s *scratch) addTotalSome(list []posting, w float32, content bool, cands []int32) {
	if w == 0 || len(list) == 0 {
		return
	}
	j := 0
	for _, d := range cands {
		if j = seek(list, j, d); j == len(list) {
			return
		}
		if list[j].doc == d {
			s.add(d, float64(w*list[j].score), content)
		}
	}
}

func (s *scratch) addAltSome(list []posting, w float32, word bool, cands []int32) {
	if w == 0 || len(list) == 0 {
		return
	}
	j := 0
	for _, d := range cands {
		if j = seek(list, j, d); j == len(list) {
			return
		}
		if list[j].doc == d {
			s.addAltOne(d, w*list[j].score, word)
		}
	}
}
