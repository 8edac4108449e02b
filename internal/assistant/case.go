package assistant

import "slices"

// The citizen's case: who they are, who acts for whom, where they live
// and what they can do ("mẹ tôi 77 tuổi rồi có phải tự đi không", "tôi là
// ông nội đi xin hộ được không", "nó đang ở Bắc Ninh còn hộ khẩu ở Nghệ An
// thì nộp ở đâu"). A follow-up that tells it asks about the service in
// context, yet its words are no word of the guide, and "hộ khẩu ở Nghệ An"
// or "con gái lấy chồng xa" would name another service. A follow-up is
// weighed against the context with them and without them (followUp). A
// first question is read without them only when it would otherwise be
// put back to the citizen (reread): whether it is about a
// public service at all is judged with them, as they say what is not one
// ("thuê xe máy ở Đà Lạt bao nhiêu một ngày").

// caseWords say who the citizen is or acts for, their age and health,
// and how they can get to an office: the case of a follow-up. They are
// written with their marks: typed with marks, a word must have them ("bà"
// is not "bạ" of học bạ). A word that has no marks matches whatever marks
// are typed, so "ba" (father in the South, three, bạ) and "thay" (thấy)
// are not among them alone. "Hộ" is one only before no word that makes a
// service of it (notAfterHo). An age is one unless it is a bound a guide
// sets ("dưới 14 tuổi": ageBounds).
var caseWords = newPhraseSet([]string{
	// who
	"bố", "mẹ", "má", "cha", "ông", "bà", "ông nội", "bà nội", "ông ngoại", "bà ngoại", "ông bà",
	"bố mẹ", "ba mẹ", "ba má", "cha mẹ", "con trai", "con gái", "cháu", "cháu nội", "cháu ngoại",
	"em trai", "em gái", "anh trai", "chị gái", "vợ", "chồng", "vợ chồng", "người nhà", "họ hàng",
	"hàng xóm", "lấy chồng xa", "đã lấy chồng", "đã có chồng", "đã có vợ", "đã có gia đình",
	// age and health
	"tuổi", "già", "già yếu", "lớn tuổi", "yếu", "ốm", "bệnh", "nằm viện", "nằm một chỗ",
	"đi lại khó", "khó đi lại", "đi lại khó khăn", "không đi được", "không đi lại được",
	"mắt kém", "không biết chữ", "không rành", "không biết dùng", "máy tính",
	// who goes for whom, and where
	"làm thay", "đi thay", "nộp thay", "xin thay", "ký thay", "thay cho", "thay mặt", "hộ", "giùm",
	"dùm", "tự đi", "tự làm", "đi cùng", "đến nhà", "xuống nhà", "tại nhà", "cán bộ",
})

// notAfterHo are the folded words after which "hộ" names a paper or a
// service, not a favour: hộ chiếu, hộ khẩu, hộ tịch, hộ kinh doanh, hộ
// gia đình, hộ nghèo, hộ cận nghèo.
var notAfterHo = setOf("chieu", "khau", "tich", "kinh", "gia", "ngheo", "can")

// ageBounds are the folded words that make an age a bound: dưới, trên,
// từ, đủ, quá, hơn, chưa đủ.
var ageBounds = setOf("duoi", "tren", "tu", "du", "qua", "hon")

// caseSpans returns the spans of t that tell the citizen's case rather
// than ask about a service: the person words (caseWords) and each
// place with the cue before it and a status word before that ("hộ khẩu ở
// Nghệ An", "quê nội Thái Bình"), unless a procedure's verb precedes the
// status word (placeNames.placeSpans).
func caseSpans(pn *placeNames, t text) []span {
	out := pn.placeSpans(t)
	caseWords.each(t, func(s span) bool {
		p := t.folded[s.p]
		// An age: "77 tuổi", the number with it; "dưới 14 tuổi" is a
		// condition a guide may set, not the case.
		age := p[s.start] == "tuoi" && s.start > 0 && isNumber(p[s.start-1])
		switch {
		case p[s.end-1] == "ho" && s.end < len(p) && notAfterHo[p[s.end]]:
		// "người già", "người lớn tuổi" name those a benefit is for
		// ("trợ cấp người già"), not the citizen's case.
		case s.start > 0 && p[s.start-1] == "nguoi" && (p[s.start] == "gia" || p[s.start] == "lon"):
		// One syllable typed bare is too many words: "ba" is also học
		// bạ, "ma" mà, "gia" gia hạn, "bo" bộ.
		case s.end-s.start == 1 && t.phrases[s.p][s.start] == p[s.start] && !age:
		case age && s.start > 1 && ageBounds[p[s.start-2]]:
		case age:
			out = append(out, span{s.p, s.start - 1, s.end})
		default:
			out = append(out, s)
		}
		return true
	})
	return outermost(out)
}

// outermost drops the spans inside another, and repeats: "ông" inside
// "ông nội".
func outermost(spans []span) []span {
	var out []span
	for i, s := range spans {
		inside := slices.ContainsFunc(spans, func(o span) bool {
			return o != s && o.p == s.p && o.start <= s.start && s.end <= o.end
		})
		if !inside && slices.Index(spans, s) == i {
			out = append(out, s)
		}
	}
	return out
}
