package assistant

import (
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// The citizen's story: what happened before they ask ("Tôi xây nhà mới ở
// nông thôn, muốn xin lắp công tơ điện thì nộp hồ sơ trực tuyến được
// không"). A story told in clauses of its own, before the clause that
// asks, may name a service of its own (xây nhà: a building permit) that
// is not the one asked about. A first question that would be put back
// for two services named is read again with the story set aside
// (reread).

// storySpans returns the phrases of t (split at punctuation) that come
// before the first phrase that asks something, when t has both: each
// whole, as a span. A phrase asks when it says an intent (intentSets).
// Questions typed without punctuation have one phrase and no story, and
// an ask that joins itself to the story ("tiện cắt khẩu cho bà luôn")
// asks about the story too (joinsStory).
func storySpans(t text, syn *vn.Synonyms) []span {
	if len(t.folded) < 2 {
		return nil
	}
	first := firstAsking(t, t.names(syn))
	if first < 1 || joinsStory(t, first) {
		return nil
	}
	out := make([]span, first)
	for pi := range first {
		out[pi] = span{pi, 0, len(t.folded[pi])}
	}
	return out
}

// firstAsking returns the index of the first phrase of t that says an
// intent, strong or weak, not cut by one of names; -1 when none does.
func firstAsking(t text, names []span) int {
	first := -1
	for _, is := range intentSets {
		for _, ps := range []*phraseSet{is.strong, is.weak} {
			for _, s := range uncut(t, ps.find(t), names) {
				if first < 0 || s.p < first {
					first = s.p
				}
			}
		}
	}
	return first
}

// joinWords say that what is asked goes with what was told: "tiện cắt
// khẩu cho bà luôn" after "mẹ chồng tôi mất rồi" asks for both, and one
// joint service may do both. The words with "tiện" are found by that
// word typed with its mark (joinsStory): bare, "tien" is tiền ("tien
// lam", "nhan tien").
var joinWords = newPhraseSet([]string{"luôn thể", "một thể", "đồng thời", "cùng lúc", "kèm theo"})

// joinsStory reports whether a phrase of t from the first that asks on
// joins it to the story: a join word, or "tiện" typed with its mark.
func joinsStory(t text, first int) bool {
	for _, s := range joinWords.find(t) {
		if s.p >= first {
			return true
		}
	}
	return t.typedFrom(first, "tiện")
}

// askedPastStory returns the reading of question a without its story
// (withoutStory) and the service its clause that asks names, when that
// clause names one in the citizen's own words (saidAsTyped) other than
// c1, the best service of the whole question, which the question names
// only through an everyday name (said, not as typed): "Con gái bác lấy chồng bên Úc, sang năm nó mời hai ông
// bà sang chơi. Bác chưa có hộ chiếu bao giờ, cho bác hỏi làm hộ chiếu
// thế nào?" leans to a marriage through the everyday name "lấy chồng",
// and asks for a passport.
func (a *analysis) askedPastStory(m *model, ix *search.Index, syn *vn.Synonyms, c1 candidate) (*analysis, int32, bool) {
	if c1.said < m.generalWeight || c1.saidAsTyped >= m.generalWeight {
		return nil, 0, false
	}
	fa := a.withoutStory(m, ix, syn)
	if fa == nil || len(fa.cands) == 0 {
		return nil, 0, false
	}
	fc1, named, unclear := judge(m, fa)
	if unclear || !named || fc1.svc == c1.svc || fc1.saidAsTyped < m.generalWeight ||
		!answerable(fc1.sim.score, fa.lead(), named) {
		return nil, 0, false
	}
	return fa, fc1.svc, true
}
