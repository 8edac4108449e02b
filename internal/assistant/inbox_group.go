package assistant

import (
	"slices"
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// Grouping the inbox. Citizens ask the same thing in many ways ("lam cccd
// mat bao lau", "làm căn cước mất bao lâu vậy"), and an editor should see
// one line per need, not one per wording. The method is deliberately
// simple and deterministic, so the same questions always give the same
// groups and an editor can predict them:
//
//  1. A question's features are its folded syllables (texting shorthand
//     expanded, as the assistant reads them: "dk" is đăng ký) and the
//     pairs of neighbouring syllables within a phrase. Pairs carry word
//     order, so "đăng ký kết hôn" and "kết hôn đăng ký ở đâu" share
//     syllables but only some pairs.
//  2. Two questions are similar when the Jaccard index of their features
//     (shared / all distinct) is at least groupThreshold.
//  3. Distinct questions are taken newest first; each joins the group
//     whose first (newest) question it is most similar to, if similar
//     enough — ties go to the older-created group, which came first —
//     else it starts a group. Only groups sharing a feature are compared
//     (an inverted index), so grouping a few thousand questions is fast.
//
// Single-link chaining is avoided on purpose: comparing with the group's
// first question keeps a group about one thing instead of drifting from
// "làm căn cước" through "làm hộ chiếu" to "gia hạn hộ chiếu".

// groupThreshold is the least Jaccard index of features for two questions
// to be one group. At 0.5 "cho hỏi thủ tục khai sinh" and "cho hỏi thủ
// tục kết hôn" (7 features shared of 15) stay apart, while "làm căn cước
// mất bao lâu" and "làm căn cước bao lâu" (8 of 12) go together.
const groupThreshold = 0.5

// questionKey is the key a question is recognised by: its folded
// syllables, shorthand expanded, joined by one space. Case, diacritics,
// punctuation and spacing do not change it. A question with no letters
// or digits is keyed by its folded text.
func questionKey(q string) string {
	toks := analyze(q).tokens()
	if len(toks) == 0 {
		return strings.TrimSpace(vn.Fold(vn.Normalize(q)))
	}
	return strings.Join(toks, " ")
}

// features returns the sorted, distinct features of a question (see above).
func features(q string) []string {
	var out []string
	for _, p := range analyze(q).folded {
		for i, tok := range p {
			out = append(out, tok)
			if i > 0 {
				out = append(out, p[i-1]+vn.BigramSep+tok)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard is |a ∩ b| / |a ∪ b| for sorted distinct slices; 0 when both
// are empty.
func jaccard[T int32 | string](a, b []T) float64 {
	shared, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			shared++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - shared
	if union == 0 {
		return 0
	}
	return float64(shared) / float64(union)
}

// groupQuestions groups distinct questions given newest first, and
// returns for each group the indexes of its questions in input order.
func groupQuestions(feats [][]string) [][]int {
	// Features become numbers, so that comparing two questions compares
	// integers rather than strings.
	ids := map[string]int32{}
	nums := make([][]int32, len(feats))
	for qi, f := range feats {
		n := make([]int32, len(f))
		for i, x := range f {
			id, ok := ids[x]
			if !ok {
				id = int32(len(ids))
				ids[x] = id
			}
			n[i] = id
		}
		slices.Sort(n)
		nums[qi] = n
	}
	var (
		groups [][]int
		heads  [][]int32                 // the first question's features, by group
		byFeat = make([][]int, len(ids)) // feature → groups whose first question has it
		seen   []int                     // by group: 1 + the question that last compared with it
	)
	for qi, f := range nums {
		best, bestSim := -1, 0.0
		for _, x := range f {
			for _, g := range byFeat[x] {
				if seen[g] == qi+1 {
					continue
				}
				seen[g] = qi + 1
				if s := jaccard(f, heads[g]); s >= groupThreshold && (s > bestSim || s == bestSim && g < best) {
					best, bestSim = g, s
				}
			}
		}
		if best >= 0 {
			groups[best] = append(groups[best], qi)
			continue
		}
		g := len(groups)
		groups = append(groups, []int{qi})
		heads = append(heads, f)
		seen = append(seen, qi+1)
		for _, x := range f {
			byFeat[x] = append(byFeat[x], g)
		}
	}
	return groups
}
