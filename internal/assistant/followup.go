package assistant

import (
	"slices"
	"strings"

	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// Follow-ups: what a question asked in the middle of a conversation about
// a service is about. The thresholds were calibrated on conversations
// written apart (testdata/conversations-*.tsv; loa eval assistant
// --conversations).
const (
	// minContextCover and contextUnsaid say when a question asked in the
	// context of a service can be about it (followsUp): the service's
	// text says this share of it, or the question asks something of a
	// guide and says at most contextUnsaid syllables of generalWeight
	// that the text does not. Calibrated on the conversations of two sets
	// written apart (testdata/conversations-a.tsv and -b, Nov 2026: 209
	// follow-ups that the rule may answer about the context) and on the
	// 235 questions out of scope of the single-question sets, each asked
	// after a first question on one of six services. 0.35 and 5 keep 200
	// of the follow-ups and answer 5 of the 235 about the context ("cách
	// làm hoa giấy trang trí" after a passport, whose guide's words cover
	// half of it); 0.3 and 6 keep 4 more and answer 3 more; 0.4 and 4
	// keep 8 fewer and answer 3 fewer. A follow-up turned away costs the
	// citizen a rephrasing; an answer about a guide to a question on
	// something else says what is not so.
	minContextCover = 0.35
	contextUnsaid   = 5
	// switchCovered is how much more of a question, in syllables of
	// generalWeight, another service's text must say than the text of
	// the service in context for a question naming neither to move on to
	// it (switchesTo). On the same conversations the follow-ups that
	// stay with the context are covered at most 5.3 more by another
	// service (short questions whose few words a guide on another service
	// has: "trong bao lâu phải thông báo"), the two that move on without
	// naming the new service 6.9 and 12.3 more: 4 syllables of general
	// weight (6.3) is between.
	switchCovered = 4
	// switchCoverSlack: a question naming another service moves on to it
	// unless the context's text says more of the question than that
	// service's does by this much ("Vậy làm chung một lần với cắt hộ khẩu
	// luôn được hông?" after the joint death procedure, which says "xóa
	// hộ khẩu" too).
	switchCoverSlack = 0.05
	// switchNaming is how much more of the question, in syllables of
	// generalWeight, the words naming another service (its name and
	// keywords) must say than those naming the context for a question
	// that says neither in full to move on (switchesTo, decide). Another
	// guide may say more of "bao lâu thì nhận được, có gửi về nhà không"
	// (the international permit's, which is posted), but only a name or a
	// keyword says which service a question is about: "kéo điện" and
	// "ngủ lại … báo công an" name theirs. Measured on the conversations
	// written apart (testdata, and set k before it was read): of the
	// follow-ups that moved on without saying the new service in full,
	// those that should have led it by 3.6 to 9.4 syllables, those that
	// should have stayed by at most 3.4 but for four. At 3.5, 19 more
	// follow-ups of sets a to k are answered about the right service
	// than without this rule, and one fewer (set h); 2.5 answers one fewer, 4.5
	// moves one from set j to set e.
	switchNaming = 3.5
	// switchCoveredPaired: a question naming neither service in full
	// also moves on when the text of another leads by this much and the
	// text and the naming words together lead by switchCovered +
	// switchNaming: one lead may make up for the other, within bounds.
	// "nghe nói làm 1 lần là có luôn thẻ bhyt với nhập khẩu cho bé hả"
	// after a birth registration leads to the joint procedure by 3.7 in
	// text and 14.7 in names, "thường trú cho bé thì theo bố ở quê hay
	// theo chỗ ở bây giờ" by 3.9 and 3.7; "nộp xong có giấy xác nhận
	// không" after paying tax online, which stays, to the criminal
	// record by 2.4 and 5.2. On the
	// conversations written apart (testdata) this answers 3 more
	// follow-ups of set n about the right service, and puts one of set j
	// back to the citizen instead of a wrong answer.
	switchCoveredPaired = 3
	// switchNamedLead: a question that names another service with a verb
	// of a procedure moves on to it, though the context's text says more
	// of the question, when the words naming it (its name and keywords)
	// lead those naming the context by this many syllables of
	// generalWeight. "nghe nói phải có giấy xác nhận độc thân, xin giấy
	// đó ở đâu" after a marriage, whose guide says all of that, leads
	// by 14.5. On the conversations written apart (testdata) this
	// answers 4 more follow-ups about the right service (n, o); at 8, two
	// of set d move on from a paper for the context.
	switchNamedLead = 10
)

// followFiller are folded words that, with the function words, make up
// follow-ups that name no service: "còn lệ phí thì sao", "mất mấy ngày
// vậy", "nộp ở đâu nữa".
var followFiller = setOf(
	"can", "mat", "het", "bao", "nhieu", "the", "co", "con", "vay", "sao", "nua", "thi", "nop",
	"phai", "ngay", "lau", "tien", "phi", "online", "qua", "tren", "mang", "viec", "cai", "no",
	"do", "luc", "them", "gio", "nao", "dau", "ra", "dang", "ky", "thu", "tuc", "ban", "chi", "duoc",
	"khong", "ko", "k", "vay", "nhe", "oi", "ha", "hem", "lam", "ve", "sau", "truoc", "xong", "nhanh",
	"cham", "tot", "biet", "muon", "hoi", "tiep", "con", "gi", "giay", "to", "ho", "so", "buoc",
	"dong",
)

// topicless reports whether the question, its intent words set aside,
// names nothing: a follow-up such as "cần giấy tờ gì?" or "mất bao lâu?".
// A word or a pair of words that few services say names something:
// "kết hôn" does though "kết" (kết quả) and "hôn" (hơn) are everywhere.
func topicless(m *model, a *analysis) bool {
	telling := func(term string) bool {
		id, ok := m.terms[term]
		return !ok || m.weight[id] >= m.generalWeight
	}
	for _, p := range a.topic.folded {
		for i, w := range p {
			filler := functionWords[w] || followFiller[w] || isNumber(w)
			if !filler && telling(w) {
				return false
			}
			if i > 0 {
				l := p[i-1]
				if !(functionWords[l] || followFiller[l]) || !filler {
					if id, ok := m.terms[l+vn.BigramSep+w]; ok && m.weight[id] >= m.generalWeight {
						return false
					}
				}
			}
		}
	}
	return true
}

// followsUp reports whether a question asked in the context of service
// ctx is about it, though it says more than a follow-up that names
// nothing (topicless): "Cháu tự đi làm được không hay chủ nhà trọ phải
// làm?", "nếu quá hạn 60 ngày thì sao", "bằng A1 có phải đổi không".
// Such a question matches no phrasing well, and alone would be put back
// to the citizen or turned away; a person helping would read it as about
// the service just discussed, as it is.
//
// It is when the context's text says much of it (minContextCover), or
// when it asks something of a guide (an intent) and says little the
// context's text does not (contextUnsaid): "xe wave alpha đổ đầy bình
// xăng hết bao nhiêu tiền" asks a price, but of nothing a guide on
// passports says. And it is unless it moves on to another service c1
// (switchesTo) that it makes clear (not unclear): a question that moves
// on to a service it does not make clear stays, as the context is a
// better guess than nothing.
func followsUp(m *model, a *analysis, c1 candidate, ctx int32, unclear bool) bool {
	cc := a.candidate(m, ctx)
	unsaid := cc.weight - cc.covered
	if cc.cover < minContextCover && (a.intents == 0 || unsaid > contextUnsaid*m.generalWeight) {
		return false
	}
	if !unclear && c1.svc != ctx && c1.score-cc.score >= answerMargin && asksAnew(a.text) {
		// "tiện hỏi luôn, giấy khai sinh ghi sai tên mẹ thì sửa thế
		// nào" says it asks about something else, and another service
		// leads it; "nhầm, đất bố mẹ chưa có sổ, giờ làm sổ lần đầu"
		// says the service in context was not the one meant.
		return false
	}
	if c1.svc != ctx && c1.saidByName >= m.generalWeight && asksToGetLacked(a.text) {
		// "Vợ tôi chưa có tài khoản VNeID thì phải đăng ký thế nào?"
		// lacks a paper and asks how to get it, the service it names.
		return false
	}
	if namesAPaper(a.text) {
		// "Chưa có sổ hộ khẩu thì sao?" names the residence paper as one
		// the citizen lacks for the service in context, "có cần mang cccd
		// không" the identity card as one to bring to it, not as the next
		// service: unless the question moves on in so many words ("còn
		// miếng đất khác chưa có sổ đỏ thì làm sao").
		return !movesOn(a.text)
	}
	if c1.svc != ctx && cc.phr >= 0 && cc.sim.ofQuestion >= saidShare && cc.sim.ofQuestion >= c1.sim.ofQuestion &&
		!a.saysNameAsTyped(m, c1.svc) && a.saysBeyondNaming(m, c1.svc, &m.phrasings[cc.phr]) {
		// A phrasing of the context says all the question says, as
		// near as another service's does, more than the words naming
		// the other, and not the other's name as typed: "quá 30 ngày
		// chưa sang tên có bị phạt không" after buying a used motorbike
		// is its FAQ, though "sang tên" is also an everyday name of
		// the land change registration. "lệ phí đăng ký kết hôn có
		// mất tiền không" after the certificate of single status types
		// the marriage's name, and "kết hôn cần giấy gì" after a birth
		// says only a word naming it: both move on, though FAQs of the
		// context say those words.
		return true
	}
	return unclear || c1.svc == ctx || !switchesTo(m, a, c1, cc)
}

// followUp reports whether question a, whose best candidate is c1, is
// about the service in context ctx (followsUp), and returns the analysis
// to answer it with. A question that tells the citizen's case is also
// weighed with the case set aside (analysis.withoutCase), and is about
// the context if either reading says so: set aside, "hộ khẩu ở Nghệ An"
// no longer names residence; kept, the guide in context still says what
// it says of the case ("cháu học hệ GDTX" after the school-leaving exam,
// whose guide speaks of children).
func followUp(m *model, ix *search.Index, syn *vn.Synonyms, a *analysis, c1 candidate, ctx int32, unclear bool) (*analysis, bool) {
	if followsUp(m, a, c1, ctx, unclear) {
		return a, true
	}
	fa := a.withoutCase(m, ix, syn)
	switch {
	case fa == nil:
		return a, false
	case topicless(m, fa):
		return fa, true
	case len(fa.cands) == 0:
		return fa, followsUp(m, fa, fa.candidate(m, ctx), ctx, true)
	}
	fc1, _, funclear := judge(m, fa)
	return fa, followsUp(m, fa, fc1, ctx, funclear)
}

// notDoneSet holds the words that say the citizen has not done a
// procedure, and hasNotSet those that say they lack something, a paper
// when one follows (paperHeadWords): what follows is a condition of the
// service in context. "Không có lương hưu", "chưa có vợ" lack no paper.
var (
	notDoneSet = newPhraseSet([]string{"chưa đăng ký", "chưa dk", "chưa đk", "chưa làm"})
	hasNotSet  = newPhraseSet([]string{"chưa có", "không có"})
)

// paperHeadWords are the folded words a paper's name begins with: giấy,
// sổ, thẻ, bằng, biển số, mã (định danh), căn cước, hộ khẩu, bản sao,
// chứng minh, hợp đồng, phiếu, trích lục, đơn, tờ khai, tài khoản, and
// the abbreviations of papers.
var paperHeadWords = setOf("giay", "so", "the", "bang", "bien", "ma", "can", "ho", "hk", "ban", "chung", "hop",
	"van", "phieu", "trich", "don", "to", "tai", "cccd", "cmnd", "gplx", "bhyt", "vneid", "passport", "lltp",
	"thuong", "tam")

// lacksAPaper reports whether t says the citizen has not done a
// procedure, or lacks a paper named after the words that say so or
// just before them: "chưa có sổ hộ khẩu", "chưa có cái mã định danh",
// "sổ hồng chưa có", "không có thường trú".
func lacksAPaper(t text) bool {
	return notDoneSet.in(t) || namesAPaperAround(t, hasNotSet)
}

// hasOnlySet holds the words that say the citizen has only some paper:
// "em chỉ có cccd thôi" asks whether it is enough for the service in
// context, not about the identity card.
var hasOnlySet = newPhraseSet([]string{"chỉ có", "có mỗi", "chỉ mang", "chỉ có mỗi"})

// namesAPaperAround reports whether a phrase of set occurs in t with a
// paper named after it or just before it.
func namesAPaperAround(t text, set *phraseSet) bool {
	for _, s := range set.find(t) {
		p := t.folded[s.p]
		i := s.end
		if i < len(p) && p[i] == "cai" {
			i++
		}
		if i < len(p) && paperHeadWords[p[i]] ||
			s.start >= 1 && paperHeadWords[p[s.start-1]] || s.start >= 2 && paperHeadWords[p[s.start-2]] {
			return true
		}
	}
	return false
}

// bringSet holds the words that ask whether to bring a paper: what
// follows is a paper for the service in context. Not "có mang" (có mang
// is pregnant), nor "mang" or "đem" alone, which typed without marks are
// mạng (online) and đêm (night).
var bringSet = newPhraseSet([]string{"cần mang", "phải mang", "mang theo", "cần đem", "phải đem", "đem theo",
	"cầm theo", "nộp kèm"})

// originalSet names a paper's original ("giấy khai sinh bản chính"):
// asked of in a conversation, it is a paper for the service in context,
// unless the original is lost (paperLost), when a copy is what is asked.
var (
	originalSet = newPhraseSet([]string{"bản chính", "bản gốc"})
	paperLost   = newPhraseSet([]string{"bị mất", "mất rồi", "làm mất", "đánh mất", "thất lạc", "bị rách", "bị hỏng",
		"bị cháy", "bị hư"})
)

// namesAPaper reports whether the question names a paper as one the
// citizen lacks or has not done (lacksAPaper), as the only one they have
// (hasOnlySet), as one to bring (bringSet), or as an original not lost
// (originalSet). On the conversations written apart (testdata), "only
// has" answers four more follow-ups about the service in context (g, p)
// and none less.
func namesAPaper(t text) bool {
	return lacksAPaper(t) || namesAPaperAround(t, hasOnlySet) || bringSet.in(t) || originalSet.in(t) && !paperLost.in(t)
}

// getVerbs are the folded verbs that ask how to get a paper one lacks:
// register, apply for, open or create (an account). Not "làm": "chưa có
// hộ khẩu thì làm sao" asks what to do about the service in context.
var getVerbs = setOf("dang", "dk", "xin", "tao", "mo")

// possibleWords ask whether something can be done: "được", "dc".
var possibleWords = setOf("duoc", "dc", "dk", "khong", "ko", "k")

// lackFiller are the folded words that may come between "thì" and the
// verb of getting: "thì phải đăng ký", "thì em xin".
var lackFiller = setOf("phai", "can", "muon", "em", "toi")

// asksToGetLacked reports whether t says the citizen lacks a paper
// (hasNotSet with a paper after it) and then, after "thì", asks with a
// verb of getting, not whether it can be had, or "làm ở đâu" (after
// "thì" or in the next phrase): "chưa có tài khoản VNeID thì phải đăng
// ký thế nào", "chưa có mã số thuế thì xin ở đâu", "chưa có vneid, làm
// ở đâu"; not "đất chưa có sổ đỏ thì xin được không" (a building permit).
func asksToGetLacked(t text) bool {
	for _, s := range hasNotSet.find(t) {
		p := t.folded[s.p]
		if s.end >= len(p) || !paperHeadWords[p[s.end]] {
			continue
		}
		var rest []string
		if i := slices.Index(p[s.end+1:], "thi"); i >= 0 {
			rest = p[s.end+2+i:]
		} else if s.p+1 < len(t.folded) {
			// The paper closes its phrase and the next asks: "ông có
			// cccd gắn chip nhưng chưa có vneid, làm ở đâu".
			rest = t.folded[s.p+1]
		}
		for len(rest) > 0 && lackFiller[rest[0]] {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			continue
		}
		// "… thì xin được không" asks whether the service in context
		// can be had without the paper; "… thì làm sao" what to do
		// about it, but "làm ở đâu" where to get the paper.
		if getVerbs[rest[0]] && (len(rest) == 1 || !possibleWords[rest[1]]) ||
			rest[0] == "lam" && len(rest) >= 3 && rest[1] == "o" && rest[2] == "dau" {
			return true
		}
	}
	return false
}

// movesOn reports whether the question opens by moving on to another
// matter: "còn …", "à còn …", "vậy còn …" ("còn làm căn cước thì sao"), or
// "ngoài ra". "Còn" must be typed with its mark: "con" is also a child
// ("con chưa có mã định danh thì sao"). Or it names the matter in a
// clause of its own: "về sổ đỏ, ở đâu tiếp nhận". It also opens by saying the
// matter in hand is done and then what the citizen wants next: "xong rồi
// muốn nộp thuế qua mạng thì đăng ký thế nào" after founding a company
// (doneThenWants).
func movesOn(t text) bool {
	if t.empty() || len(t.phrases[0]) == 0 {
		return false
	}
	w := t.phrases[0]
	switch {
	case doneThenWants(t):
		return true
	case w[0] == "còn":
		return true
	case len(w) > 1 && w[1] == "còn" && (w[0] == "à" || w[0] == "a" || w[0] == "vậy" || w[0] == "thế"):
		return true
	case len(w) > 1 && t.folded[0][0] == "ngoai" && t.folded[0][1] == "ra":
		return true
	case len(t.phrases) > 1 && len(w) > 1 && len(w) <= topicOpenerLen && t.folded[0][0] == "ve":
		// "về sổ đỏ, ở đâu tiếp nhận" names its matter in a clause of its
		// own before asking.
		return true
	}
	return false
}

// topicOpenerLen is the most words a clause "về …" that names the
// matter to come may have: "về sổ đỏ", "về vụ làm giấy phép xây dựng".
// Longer, it is a journey ("về quê ăn Tết xong mới đi làm").
const topicOpenerLen = 6

// doneThenWants reports whether t opens by saying the matter in hand is
// done — "xong" among its first words: "xong rồi", "làm xong", "khai
// xong rồi" — and says after it what the citizen wants next: "muốn", or
// a verb of a procedure other than "làm" ("khai xong rồi thì nộp tiền
// thuế qua mạng thế nào", after declaring VAT), or "làm lại", "làm
// mới" ("sửa xong thì căn cước có phải làm lại không", after a change of
// civil status). Without one, "xong rồi thì bao lâu có kết quả" and
// "xong rồi thì làm gì tiếp" ask on about the same matter.
func doneThenWants(t text) bool {
	f := t.folded[0]
	i := slices.Index(f, "xong")
	if i < 0 || i > doneReach {
		return false
	}
	for pi, p := range t.folded {
		for j, w := range p {
			if (pi > 0 || j > i) && (w == "muon" || w == "nop" || procedureVerbs[w] && w != "lam" ||
				w == "lam" && j+1 < len(p) && (p[j+1] == "lai" || p[j+1] == "moi")) {
				return true
			}
		}
	}
	return false
}

// doneReach is how far into a question "xong" may be for doneThenWants:
// after a verb and its object at most ("khai thuế xong").
const doneReach = 2

// anewSet holds the words that open a question on another matter in the
// middle of a conversation: "tiện hỏi luôn", "cho hỏi thêm", "nhân tiện".
// Not "nhân tiện" typed without marks: "nhan tien" is nhận tiền.
var anewSet = newPhraseSet([]string{"tiện hỏi", "tiện thể hỏi", "hỏi thêm", "hỏi luôn",
	"hỏi cái nữa", "hỏi chút nữa", "hỏi việc khác", "hỏi chuyện khác"})

// relayOpeners open a question relayed for another person, as a
// volunteer or an official does for those queuing: "bác hỏi …", "chị
// này hỏi …", "ông hỏi …". It is that person's matter, not the last.
var relayOpeners = newPhraseSet([]string{"bác hỏi", "bác này hỏi", "chị hỏi", "chị này hỏi", "chị kia hỏi",
	"anh hỏi", "anh này hỏi", "anh kia hỏi", "ông hỏi", "ông này hỏi", "bà hỏi", "bà này hỏi",
	"cô hỏi", "cô này hỏi", "chú hỏi", "chú này hỏi", "người này hỏi", "bạn này hỏi"})

// asksAnew reports whether the question says it asks about another
// matter (anewSet, or "nhân tiện" typed with its marks), opens by
// moving on (movesOn), or says it was misunderstood (saysMistaken):
// "nhầm, đất bố mẹ chưa có sổ, giờ làm sổ lần đầu" says the service in
// context was not the one meant.
func asksAnew(t text) bool {
	return movesOn(t) || anewSet.in(t) || t.typedFrom(0, "nhân", "tiện") || saysMistaken(t) || relays(t)
}

// relays reports whether t opens with words that relay another person's
// question (relayOpeners).
func relays(t text) bool {
	return !t.empty() && len(t.folded[0]) > 0 && relayOpeners.startsAt(t, 0, 0)
}

// switchesTo reports whether a question in the context of a service, with
// evidence cc for it, moves on to service c1: it names c1 (said in full,
// more than it says the context) and the context's text says less of it,
// or the words naming c1 say far more of it (switchNamedLead); or,
// naming neither, c1's text says clearly more of it (switchCovered)
// and so do the words that name c1 (switchNaming), or one says less and
// the other more (switchCoveredPaired): "xây xong muốn kéo điện về thì
// đăng ký sao" after a building permit.
// Words that the context's text and c1's share do not move on: "có phải
// thi lại không?" after replacing a lost licence, though renewing one
// says "thi lại" too.
func switchesTo(m *model, a *analysis, c1, cc candidate) bool {
	gw := m.generalWeight
	naming := namingLead(m, a, c1.svc, cc.svc)
	if c1.said >= gw && c1.said > cc.said {
		if c1.saidByName < gw && naming < switchNaming*gw {
			// Said only as another service's FAQ asks it, in words
			// that name the context about as well: "được đk mấy
			// nguyện vọng" after admission to grade 10 says an FAQ of
			// university admission, whose names say no more of it
			// than "đăng ký nguyện vọng lớp 10" does; "nộp ở văn
			// phòng đăng ký đất đai hả" after a land transfer, one of
			// the first land title. On the conversations written
			// apart (testdata) this answers 6 more follow-ups about
			// the right service (g, m, n) and none about a wrong one, with
			// doneThenWants for the one it would have kept ("xong rồi
			// muốn nộp thuế qua mạng" after founding a company).
			return false
		}
		if !saysAProcedure(a.text) && c1.sim.strict < saidShare {
			// Named with no verb of a procedure, among other words,
			// another service may be the citizen's case or a paper for
			// the one in context ("nó đóng bhxh được 5 năm" after
			// unemployment benefit): it moves on only if its text says
			// clearly more of the question. Named and asked of, with no
			// other word ("hộ chiếu bao nhiêu tiền"), it is the question.
			return c1.cover >= cc.cover+switchCoverSlack
		}
		return c1.cover >= cc.cover-switchCoverSlack || naming >= switchNamedLead*gw
	}
	if c1.said >= gw || cc.said >= gw {
		// Both say in full the same phrasing ("khai sinh" of a birth
		// registration and of the joint procedure): the words naming c1
		// decide, when they lead far (switchNamedLead).
		return c1.said >= gw && c1.said >= cc.said-saidSlack && naming >= switchNamedLead*gw
	}
	text := c1.covered - cc.covered
	return text >= switchCovered*gw && naming >= switchNaming*gw ||
		text >= switchCoveredPaired*gw && text+naming >= (switchCovered+switchNaming)*gw
}

// leansByWords reports whether question a, asked in the context of ctx,
// leans to its best service c1 only by words any guide may use: it does
// not name c1 (named), does not say it asks anew, and the words naming
// c1 say little more of it than those naming ctx (switchNaming).
func leansByWords(m *model, a *analysis, c1 candidate, ctx int32, named bool) bool {
	return !named && !asksAnew(a.text) && namingLead(m, a, c1.svc, ctx) < switchNaming*m.generalWeight
}

// namingLead is how much more of question a the words that name service
// id (its name and keywords) say than those that name service ctx.
func namingLead(m *model, a *analysis, id, ctx int32) float32 {
	_, n1, _ := a.topicBag.coverBy(m.naming[id])
	_, nc, _ := a.topicBag.coverBy(m.naming[ctx])
	return n1 - nc
}

// procedureVerbMarks are the verbs of doing a procedure, with their
// marks: "làm căn cước", "đổi bằng", "xin giấy", "rút bảo hiểm". They are
// statusVerbs (places.go) with the verbs of changing and drawing on a
// right, less "bao" and "nhan", which are as often bao lâu and nhận kết
// quả.
var procedureVerbMarks = []string{"ký", "dk", "chuyển", "nhập", "xóa", "cắt", "tách", "xin",
	"khai", "làm", "đổi", "cấp", "sửa", "rút", "hưởng", "lập"}

// procedureVerbs are procedureVerbMarks folded, to find in a question
// typed with marks or without.
var procedureVerbs = func() map[string]bool {
	out := make(map[string]bool, len(procedureVerbMarks))
	for _, v := range procedureVerbMarks {
		out[vn.Fold(v)] = true
	}
	return out
}()

// saysAProcedure reports whether the question has a verb of doing a
// procedure (procedureVerbs).
func saysAProcedure(t text) bool {
	for _, p := range t.folded {
		for _, w := range p {
			if procedureVerbs[w] {
				return true
			}
		}
	}
	return false
}

// strangeWords counts the words of t that no service's text has, but for
// places, function words and codes with digits ("A1", "2024"): a question
// on something else says them ("du lịch Thái Lan tự túc", "điện thoại
// Samsung bị đơ"), one on the service in context seldom does.
func (m *model) strangeWords(t text) int {
	places := m.places.placesIn(t)
	n := 0
	for pi, p := range t.folded {
		for i, w := range p {
			if m.known(w) || functionWords[w] || hasDigit(w) || covered(places, pi, i) {
				continue
			}
			n++
		}
	}
	return n
}

// hasDigit reports whether w has a digit.
func hasDigit(w string) bool { return strings.ContainsAny(w, "0123456789") }

// saysNameAsTyped reports whether the question says the name of
// service id in full in the citizen's own words, no everyday name read
// for another.
func (a *analysis) saysNameAsTyped(m *model, id int32) bool {
	typed := a.topicBag.asTyped()
	for _, pi := range m.bySvc[id] {
		if p := &m.phrasings[pi]; p.kind == kindName && typed.compare(p).ofPhrasing >= saidShare {
			return true
		}
	}
	return false
}

// saysBeyondNaming reports whether the question says, besides the words
// naming service named (its name and keywords), words of generalWeight
// or more in all that phrasing p says too.
func (a *analysis) saysBeyondNaming(m *model, named int32, p *phrasing) bool {
	var w float32
	for _, u := range a.topicBag.units {
		for _, t := range u.alts[0] {
			if t.id < 0 {
				continue
			}
			if _, ok := slices.BinarySearch(m.naming[named], t.id); ok {
				continue
			}
			if _, ok := slices.BinarySearch(p.terms, t.id); ok {
				w += t.w
			}
		}
	}
	return w >= m.generalWeight
}
