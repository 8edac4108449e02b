package assistant

import (
	"slices"

	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// What the citizen has done already. "Mình đã xin được giấy xác nhận
// tình trạng hôn nhân rồi, giờ đăng ký kết hôn ở đâu" names two
// services, says the first more fully, and wants the second: the first
// is done ("đã … rồi"). A clause told as done, or put off ("xét tuyển
// đại học thì để sau"), is the citizen's background, not the question;
// read without it, the question names the service wanted (withoutDone).

// doneBefore and doneAfter mark what a clause tells as done: "đã"
// before what was done, "rồi" and "xong" after it. "Đã" is matched as
// typed or bare ("da"), never as "đá".
var (
	doneBefore = newPhraseSet([]string{"đã"})
	doneAfter  = newPhraseSet([]string{"rồi", "xong"})
	// doneActs are what a citizen does of a procedure: its verbs
	// (procedureVerbMarks), "nộp", "gia hạn" and "có" a paper, matched
	// with their marks when typed with marks, so that "gãy đôi" is no
	// "đổi". A clause done without one tells a state ("hộ chiếu hết hạn
	// rồi", "bố mất rồi"): the case the question asks about.
	doneActs = newPhraseSet(procedureVerbMarks, []string{"kí", "nộp", "có", "gia hạn"})
	// lossActs are "làm" as losing or spoiling a paper: "làm mất bằng
	// lái rồi" tells the case.
	lossActs = newPhraseSet([]string{"làm mất", "làm rơi", "làm rớt", "làm lạc", "làm hỏng", "làm hư", "làm rách",
		"làm gãy", "làm bể", "làm vỡ", "làm ướt", "làm cháy", "làm sai", "làm thất lạc"})
	// actPaperHeads begin the name of a paper made of an act: "giấy đăng ký
	// kết hôn", "giấy khai sinh", "tờ khai". An act after one names the
	// paper, so "mất giấy đăng ký kết hôn rồi" tells a loss, not a
	// registration done.
	actPaperHeads = map[string]bool{"giay": true, "to": true}
	// afterDone is "sau khi … xong": what follows is wanted.
	afterDone = newPhraseSet([]string{"sau khi"})
	// laterWords put a clause off: "xét tuyển thì để sau".
	laterWords = newPhraseSet([]string{"để sau", "tính sau", "làm sau"})
	// notYet says a clause is not done: "chết 3 năm rồi chưa báo xã".
	notYet = newPhraseSet([]string{"chưa"})
)

// doneSpans returns the spans of t told as done or put off, nil when
// none is or when nothing would be left of the question:
//   - in each clause, what it tells as done (doneSpan);
//   - "sau khi … xong" within a clause;
//   - a clause that puts something off ("để sau"), when another asks.
//
// A span that says "chưa" (not yet) is not done.
func doneSpans(t text) []span {
	last := len(t.folded) - 1
	var out []span
	for pi, p := range t.folded {
		c := phraseOf(t, pi)
		if s, ok := doneSpan(t, pi, pi == last); ok {
			out = append(out, s)
		}
		if last > 0 && laterWords.in(c) {
			out = append(out, span{pi, 0, len(p)})
		}
		for _, s := range afterDone.find(c) {
			for j := s.end; j < len(p)-1; j++ {
				if p[j] == "xong" {
					out = append(out, span{pi, s.start, j + 1})
					break
				}
			}
		}
	}
	if len(out) == 0 || t.without(out).empty() || notYet.in(t.only(out)) {
		return nil
	}
	return out
}

// doneSpan returns what clause pi of t tells as done: from its start to
// its last "rồi" or "xong" ("nộp phạt xong rồi | giờ muốn đổi bằng
// lái"; "xin xong lý lịch tư pháp để đi Nhật rồi"), or the whole clause
// when it has neither, but never a whole last clause (last); provided
// it says an act of a procedure (doneActs, not a loss) after "đã" or
// before "rồi" or "xong" ("đã xin giấy xác nhận", "xin xong lý lịch tư
// pháp").
func doneSpan(t text, pi int, last bool) (span, bool) {
	p := t.folded[pi]
	c := phraseOf(t, pi)
	marks := doneAfter.find(c)
	end := len(p)
	if len(marks) > 0 {
		end = marks[len(marks)-1].end
	}
	if end == len(p) && last {
		return span{}, false
	}
	before := doneBefore.find(c)
	losses := lossActs.find(c)
	for _, a := range doneActs.find(c) {
		if a.end > end || slices.ContainsFunc(losses, func(l span) bool { return l.start == a.start }) ||
			inPaperName(p, a.start) {
			continue
		}
		afterDa := slices.ContainsFunc(before, func(d span) bool { return d.end <= a.start })
		beforeMark := slices.ContainsFunc(marks, func(m span) bool { return m.start >= a.end && m.end <= end })
		if afterDa || beforeMark {
			return span{pi, 0, end}, true
		}
	}
	return span{}, false
}

// inPaperName reports whether the act at word i of folded phrase p is
// part of a paper's name: right after one of actPaperHeads, or after one and
// "đăng" ("giấy đăng ký").
func inPaperName(p []string, i int) bool {
	return i > 0 && actPaperHeads[p[i-1]] || i > 1 && p[i-1] == "dang" && actPaperHeads[p[i-2]]
}

// phraseOf returns phrase pi of t as a text of its own, for the phrase
// sets that look through a whole text.
func phraseOf(t text, pi int) text {
	return text{phrases: t.phrases[pi : pi+1], folded: t.folded[pi : pi+1], marked: t.marked}
}

// withoutDone reads question a again with what it tells as done or
// puts off set aside (doneSpans), and returns that reading when what is
// set aside names a service on its own and the rest leans clearly to
// another; nil otherwise. "Tôi đã có phiếu lý lịch tư pháp, giờ còn
// thiếu bản sao bằng đại học có chứng thực" is about certified copies,
// however fully it names the record; "em định cư bên Úc luôn rồi, hộ
// khẩu ở nhà có cần làm gì không" tells a state reached, no service,
// and is read whole. ctx is the service in context, -1 for none.
func (a *analysis) withoutDone(m *model, ix *search.Index, syn *vn.Synonyms, ctx int32) *analysis {
	spans := doneSpans(a.text)
	if fa := a.hasThenAsks(m, ix, syn, spans, ctx); fa != nil {
		return fa
	}
	return a.withoutNamed(m, ix, syn, spans, ctx, false)
}

// hasThenAsks returns question a read without spans (doneSpans) when,
// in a conversation on service ctx, they tell that the citizen has or
// has done another service already ("có … rồi", "đã … rồi") and the rest
// names nothing: "e có cccd gắn chip rồi thì cần gì nữa" while setting
// up VNeID asks what else VNeID needs. nil otherwise. "Rút một lần luôn
// cho rồi" asks to do it ("cho rồi": and be done with it), and "thường
// trú làm xong bao lâu" asks when it will be done.
func (a *analysis) hasThenAsks(m *model, ix *search.Index, syn *vn.Synonyms, spans []span, ctx int32) *analysis {
	if ctx < 0 || len(spans) != 1 {
		return nil
	}
	s := spans[0]
	p := a.text.folded[s.p][s.start:s.end]
	if len(p) < 3 || p[len(p)-1] != "roi" || p[len(p)-2] == "cho" ||
		!slices.Contains(p, "co") && !doneBefore.in(a.text.only(spans)) {
		return nil
	}
	if done, named := a.namedIn(m, ix, syn, spans); !named || done == ctx {
		return nil
	}
	if fa := a.apart(m, ix, syn, spans); fa != nil && topicless(m, fa) {
		return fa
	}
	return nil
}

// withoutNamed reads question a again with spans set aside, and returns
// that reading when what is set aside names a service on its own (not
// ctx, the service in context or -1) and the rest leans clearly to
// another, which with mustName it names; nil otherwise.
func (a *analysis) withoutNamed(m *model, ix *search.Index, syn *vn.Synonyms, spans []span, ctx int32, mustName bool) *analysis {
	if len(spans) == 0 {
		return nil
	}
	done, named := a.namedIn(m, ix, syn, spans)
	if !named || done == ctx {
		// What the citizen did of the service in context is its sequel
		// ("đổi tên xong thì giấy khai sinh cũ còn dùng được không",
		// after a change of civil status, asks about the change), and
		// a copy of its paper is its concern.
		return nil
	}
	fa := a.apart(m, ix, syn, spans)
	if fa == nil || len(fa.cands) == 0 || topicless(m, fa) {
		return nil
	}
	if c1, named, unclear := judge(m, fa); unclear || mustName && !named || c1.svc == done ||
		!named && !answerable(c1.sim.score, fa.lead(), named) {
		// A rest that names nothing and would be put back to the
		// citizen says too little to set the named service aside:
		// "lltp nộp trên vneid rồi thì bao lâu có, nhận bản giấy ở
		// đâu" asks on about the record.
		return nil
	}
	return fa
}
