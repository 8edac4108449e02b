package assistant

import (
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// Corrections. A citizen who sees the assistant answer about the wrong
// thing corrects it: "à nhầm, ngân hàng đòi giấy xác nhận cư trú chứ
// không phải giấy độc thân"; "không phải, thẻ của bà không hết hạn mà bị
// rách, ý em là xin đổi thẻ". What the correction rejects names the
// service in context, and read with it the question stays there; read
// without it (withoutRejected), the question names what the citizen
// meant.

// correctionOpeners are the first clauses that say the citizen corrects
// what went before: "à nhầm,", "không phải,".
var correctionOpeners = newPhraseSet([]string{"nhầm", "à nhầm", "ấy nhầm", "ờ nhầm", "nhầm rồi", "à nhầm rồi",
	"lộn rồi", "à lộn", "không phải", "không phải đâu", "không phải ạ", "à không phải"})

// mistakeMarks say anywhere that the citizen was misunderstood: "em hỏi
// nhầm", "ý em là". Not "nhầm" alone, which is also a paper's error
// ("ghi nhầm năm sinh").
var mistakeMarks = newPhraseSet([]string{"hỏi nhầm", "hỏi lộn", "nói nhầm", "nói lộn", "gõ nhầm", "gõ lộn",
	"ý em là", "ý tôi là", "ý mình là", "ý cháu là", "ý con là", "ý chị là", "ý anh là", "ý là"})

// contrastMarks say what is meant against what is not: "giấy xác nhận
// cư trú chứ không phải giấy độc thân". They correct, or contrast the
// citizen's case ("chỉ có tạm trú chứ không có thường trú").
var contrastMarks = newPhraseSet([]string{"chứ không phải", "chứ không"})

// corrects reports whether t corrects what went before, and returns the
// spans of its first clause when that clause only says so.
func corrects(t text) ([]span, bool) {
	if t.empty() {
		return nil, false
	}
	if s, ok := openerSpans(t); ok {
		return s, true
	}
	return nil, mistakeMarks.in(t) || contrastMarks.in(t)
}

// openerSpans returns the first clause of t when it only says the
// citizen corrects what went before (correctionOpeners).
func openerSpans(t text) ([]span, bool) {
	if t.empty() || !correctionOpeners.spans(t, 0, 0, len(t.folded[0])) {
		return nil, false
	}
	return []span{{0, 0, len(t.folded[0])}}, true
}

// saysMistaken reports whether t says the citizen was misunderstood, by
// an opener or a mark of a mistake, not a contrast: the service in
// context is then no guide to what the question is about (asksAnew).
func saysMistaken(t text) bool {
	_, ok := openerSpans(t)
	return ok || mistakeMarks.in(t)
}

// rejectedSpans returns what a correction rejects, with the words that
// say it corrects: "chứ không phải X" to the end of its clause, "không X
// mà" up to "mà", and a first clause that only says it corrects. It
// returns nil when t corrects nothing.
func rejectedSpans(t text) []span {
	out, ok := corrects(t)
	if !ok {
		return nil
	}
	for pi, p := range t.folded {
		for i := 0; i < len(p); i++ {
			switch {
			case p[i] == "chu" && i+1 < len(p) && p[i+1] == "khong":
				out = append(out, span{pi, i, len(p)})
				i = len(p)
			case p[i] == "khong":
				for j := i + 2; j < len(p); j++ {
					if p[j] == "ma" {
						out = append(out, span{pi, i, j + 1})
						i = j
						break
					}
				}
			}
		}
	}
	return out
}

// withoutRejected reads question a, asked in the middle of a
// conversation, without what it rejects as a correction (rejectedSpans),
// and returns that reading; nil when it corrects nothing or nothing
// would be left.
func (a *analysis) withoutRejected(m *model, ix *search.Index, syn *vn.Synonyms) *analysis {
	fa := a.apart(m, ix, syn, rejectedSpans(a.text))
	if fa == nil || len(fa.cands) == 0 {
		return nil
	}
	return fa
}
