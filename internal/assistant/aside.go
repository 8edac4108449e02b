package assistant

import (
	"slices"

	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// Side matters: a citizen in the middle of one procedure asks whether
// another must be done first — "có phải về quê cắt khẩu trước không"
// while moving their household registration, "giấy độc thân có phải xin
// trước không" while registering a marriage. The question is answered
// about the other procedure, but the conversation stays on the matter in
// hand: the next "làm online được không" is about the registration, as a
// person helping would take it. The other procedure is remembered
// (State.Aside), so that a question pointing at it — "giấy đó xin ở
// đâu", "cái đó có hạn bao lâu" — is answered about it and takes it up.
// A paper named in full in passing while the conversation stays on the
// matter in hand ("ngta bảo phải có giấy xác nhận độc thân" during a marriage)
// is remembered alike.
//
// In the conversations written apart (testdata, sets a to u), the
// writers of ten conversations on moving a household registration went
// on about the move after asking whether to remove the old one first,
// and those who asked of "giấy đó" after a paper meant that paper. With this, 20 more follow-ups of twelve sets are answered about
// the right service, and none fewer.

// firstClosers are the folded words that may close a question after
// "trước" when it asks whether something comes first: question
// particles ("không", "à", "hả", "chưa", "nhỉ").
var firstClosers = setOf("khong", "ko", "k", "hong", "hok", "hem", "khum", "a", "ha", "ah", "ak", "chu", "nhi",
	"vay", "chua", "ta", "z", "v")

// agoWords are the folded words before "trước" that make it a time past
// ("tháng trước", "lần trước"), not a step that comes first.
var agoWords = setOf("thang", "nam", "hom", "tuan", "lan", "ngay", "bua", "hoi", "dao", "ky", "gio", "phut", "dem",
	"sang", "chieu", "toi", "luc", "khi")

// asksFirst reports whether t asks whether something must be done
// before the matter in hand: "trước" closes one of its phrases, and a
// word of need ("phải", "cần") comes before it in the phrase, or a verb
// of a procedure when a question particle or two follow it
// (firstClosers): "có phải về quê cắt khẩu trước không", "đăng ký hộ
// kinh doanh trước à". "Tháng trước mới đổi" tells a time past
// (agoWords), "uống thuốc trước hay sau ăn" asks an order, and "à không,
// ý là làm căn cước cho nó trước" asks anew (asksAnew): none asks
// whether to do something first.
func asksFirst(t text) bool { return firstAsked(t) >= 0 }

// firstAsked returns the phrase of t that asks whether something must
// be done first (see asksFirst), -1 when none does.
func firstAsked(t text) int {
	if asksAnew(t) {
		return -1
	}
	for pi, p := range t.folded {
		for i, w := range p {
			if w != "truoc" || i == 0 || agoWords[p[i-1]] || !closesWith(p[i+1:]) {
				continue
			}
			asked := i+1 < len(p)
			for _, v := range p[:i] {
				if v == "phai" || v == "can" || asked && procedureVerbs[v] {
					return pi
				}
			}
		}
	}
	return -1
}

// mainBesideFirst reads a first question that asks for one procedure
// and, in a phrase of its own, whether another must be done first: "Em
// mới mua nhà ở Bình Dương, giờ muốn chuyển hộ khẩu từ quê Thanh Hóa
// vào thì làm sao, có phải về quê cắt khẩu trước không?" is about the
// move, the matter in hand, and the removal is its side matter, as it
// would be asked in two messages. It returns the rest of the question
// read without that phrase, the service it names and the side matter,
// which the phrase names; ok is false unless both are named and differ.
func (a *analysis) mainBesideFirst(m *model, ix *search.Index, syn *vn.Synonyms) (rest *analysis, main, aside int32, ok bool) {
	pi := firstAsked(a.text)
	if pi < 0 || len(a.text.folded) < 2 {
		return nil, -1, -1, false
	}
	first := []span{{pi, 0, len(a.text.folded[pi])}}
	side, sideNamed := a.namedIn(m, ix, syn, first)
	rest = a.apart(m, ix, syn, first)
	if !sideNamed || rest == nil || len(rest.cands) == 0 {
		return nil, -1, -1, false
	}
	mc, mainNamed, unclear := judge(m, rest)
	if !mainNamed || unclear || side == mc.svc {
		return nil, -1, -1, false
	}
	return rest, mc.svc, side, true
}

// closesWith reports whether rest, the words after "trước", are at most
// two question particles.
func closesWith(rest []string) bool {
	if len(rest) > 2 {
		return false
	}
	for _, w := range rest {
		if !firstClosers[w] {
			return false
		}
	}
	return true
}

// pointerSet holds the words that point at a paper or a matter just
// spoken of: "giấy đó", "cái đó", "cái giấy ấy". Typed without marks
// "giay do" is also giấy đỏ, the land title; in a conversation that has
// a side matter it points at it.
var pointerSet = newPhraseSet([]string{"giấy đó", "giấy ấy", "giấy này", "cái đó", "cái ấy", "cái giấy đó",
	"cái giấy ấy", "cái giấy này", "loại giấy đó", "giấy kia"})

// pointsAtAside reports whether question a, asked while the
// conversation is on service ctx, points at its side matter aside and
// names no other service in full: it points at a paper just spoken of
// (pointerSet: "xin cái đó ở đâu" after asking whether a certificate of
// single status is needed first), or says the verb that names the side
// matter's procedure (namingVerb) when the name of the one in context
// does not have it: "đổi online được không" after asking whether to
// exchange an old licence first, during an international driving
// permit.
func pointsAtAside(m *model, a *analysis, aside, ctx int32) bool {
	if a.namesOther(m, aside) {
		return false
	}
	if pointerSet.in(a.text) {
		return true
	}
	verb := namingVerb(m.svcs[aside].Name)
	if verb == "" || slices.Contains(vn.Tokens(vn.Fold(m.svcs[ctx].Name)), verb) {
		return false
	}
	for _, p := range a.text.folded {
		if slices.Contains(p, verb) {
			return true
		}
	}
	return false
}

// namingVerb returns the folded verb of a procedure (procedureVerbs) that
// opens a service's name, after "cấp" if it opens with that: "đổi" of
// "Cấp đổi giấy phép lái xe", "xóa" of "Xóa đăng ký thường trú"; "" when
// the name opens with none ("Quyết toán thuế thu nhập cá nhân", whose
// "nhập" is no verb, nor "đăng nhập"'s).
func namingVerb(name string) string {
	words := vn.Tokens(vn.Fold(name))
	if len(words) > 1 && words[0] == "cap" {
		words = words[1:]
	}
	if len(words) > 0 && procedureVerbs[words[0]] {
		return words[0]
	}
	return ""
}

// namedBeside returns the service other than id that question a names in
// full by its name or keywords (namesOther), -1 when none: a paper a
// citizen mentions while the conversation stays on id ("có cần giấy xác
// nhận độc thân không" during a marriage) is its side matter, which "giấy
// đó xin ở đâu" next points at.
func (a *analysis) namedBeside(m *model, id int32) int32 { return a.otherNamed(m, id, true) }

// asksWhetherNeeded reports whether an FAQ's question asks whether
// something must be done: "có phải … không", "có cần … không", "có còn
// cần … không" ("Chuyển nhà sang nơi khác có phải xóa thường trú ở nơi
// cũ không?").
func asksWhetherNeeded(question string) bool {
	t := analyze(question)
	if len(t.folded) == 0 {
		return false
	}
	last := t.folded[len(t.folded)-1]
	if len(last) == 0 || last[len(last)-1] != "khong" {
		return false
	}
	for _, p := range t.folded {
		for i := 1; i < len(p); i++ {
			if (p[i-1] == "co" || p[i-1] == "con") && (p[i] == "phai" || p[i] == "can") {
				return true
			}
		}
	}
	return false
}

// needFAQ returns the FAQ of service id, the side matter, that asks
// whether it is needed for thread, the matter in hand: one asking so
// (model.needs) whose question or a paraphrase says a telling word of
// thread's name or keywords that id's do not ("đăng ký thường trú nơi
// mới có cần xóa nơi cũ không" for a move), the one nearest the question
// among several; -1 when none. A side question asks just that ("có phải
// về quê cắt khẩu trước không"), in words an FAQ seldom shares ("về
// quê"), so the FAQ is found by what it asks, not by its words alone.
func (m *model) needFAQ(a *analysis, id, thread int32) int {
	best, bestSim := -1, float32(-1)
	for _, f := range m.needs[id] {
		mentions, sim := false, float32(0)
		for _, pi := range m.bySvc[id] {
			p := &m.phrasings[pi]
			if p.faq != f {
				continue
			}
			sim = max(sim, a.topicBag.compare(p).score)
			mentions = mentions || m.saysNaming(p, thread, id)
		}
		if mentions && sim > bestSim {
			best, bestSim = int(f), sim
		}
	}
	return best
}

// saysNaming reports whether phrasing p says a telling term (of
// generalWeight or more) of service named's name or keywords that
// service not's do not say.
func (m *model) saysNaming(p *phrasing, named, not int32) bool {
	return m.tellingIn(p.terms, m.naming[named], m.naming[not])
}
