package assistant

import "slices"

// Going back: a citizen whose matter touches several services asks about
// one, then another, then goes back to the first — "quay lại vụ khai
// sinh, lệ phí bao nhiêu", "cái đầu tiên ấy làm online được không",
// "còn cái kia thì sao". The conversation remembers the services it has
// been about (State.Discussed), and a question that refers back is
// answered about the one it means. In the conversations written apart
// (testdata, set q: a life event touching two or three services) one
// follow-up in ten went back so.

// maxDiscussed is how many services a conversation remembers: a matter
// the citizen goes back to is one of the last few, and the state stays
// small.
const maxDiscussed = 6

// discussedWith returns list with slug added at its end, if it is not in
// it yet, keeping the last maxDiscussed. list is not changed: it is the
// state of the turn before.
func discussedWith(list []string, slug string) []string {
	if slices.Contains(list, slug) {
		return list
	}
	out := append(slices.Clone(list), slug)
	if len(out) > maxDiscussed {
		out = out[len(out)-maxDiscussed:]
	}
	return out
}

// refNouns are the folded words a citizen points at a matter with: "cái
// kia", "vụ lúc nãy", "việc đầu tiên", "thủ tục thứ hai".
var refNouns = setOf("cai", "vu", "viec", "chuyen", "tuc", "khoan", "cau")

// refReach is how many words may stand between a refNoun and the word
// that points back: "cái phiếu kia", "cái đăng ký hộ kinh doanh lúc nãy".
const refReach = 6

// ordinalSet holds the ordinals that pick a service by the order it was
// discussed in, after a refNoun: "cái đầu tiên", "vụ thứ hai". Not
// "đầu" alone: "cái đầu" is also a head.
var ordinalSet = newPhraseSet([]string{"đầu tiên", "thứ nhất", "thứ 1", "ban đầu",
	"thứ hai", "thứ 2", "thứ ba", "thứ 3"})

// ordinalValue is the position each ordinal of ordinalSet names, by its
// first two folded words.
var ordinalValue = map[string]int{
	"dau tien": 1, "thu nhat": 1, "thu 1": 1, "ban dau": 1,
	"thu hai": 2, "thu 2": 2, "thu ba": 3, "thu 3": 3,
}

// pointBackSet holds the words that, after a refNoun, point at a matter
// discussed before the one in hand: "cái kia", "vụ lúc nãy", "cái trước
// đó", "cái còn lại". "Trước" alone would also be "cái trước tiên cần
// làm" (first of all); "kia" is not "hôm kia", which follows no refNoun.
var pointBackSet = newPhraseSet([]string{"kia", "lúc nãy", "hồi nãy", "ban nãy", "khi nãy",
	"vừa nãy", "trước đó", "hỏi trước", "còn lại"})

// returnSet holds the words that say the citizen returns to a matter:
// "quay lại vụ khai sinh", "trở lại cái thuế". They point back when the
// question opens with them or a refNoun follows: "có phải quay lại lấy
// kết quả không" returns to an office, not to a matter.
var returnSet = newPhraseSet([]string{"quay lại", "trở lại", "quay về", "về lại", "quay trở lại"})

// openers are the folded words a question may open with before it
// returns to a matter: "à quay lại", "ok vậy quay lại".
var openers = setOf("a", "o", "u", "vay", "the", "ok", "oke", "roi", "gio", "con", "ma", "nhung", "em", "toi", "minh", "chi", "anh", "cho", "hoi")

// backRef is how a question points back at a service discussed before.
type backRef struct {
	// ordinal is the position, from 1, in the order discussed, when the
	// question says one ("cái thứ hai"); 0 when it points back without.
	ordinal int
}

// refersBack reports whether t points back at a service discussed
// before the one in hand, and how.
func refersBack(t text) (backRef, bool) {
	for pi, p := range t.folded {
		for i, w := range p {
			if n := returnSet.longestAt(t, pi, i); n > 0 {
				opens := pi == 0 && allOf(p[:i], openers)
				if opens || i+n < len(p) && refNouns[p[i+n]] {
					return backRef{}, true
				}
			}
			if !refNouns[w] {
				continue
			}
			for j := i + 1; j < len(p) && j <= i+refReach; j++ {
				if ordinalSet.startsAt(t, pi, j) {
					return backRef{ordinal: ordinalValue[p[j]+" "+p[j+1]]}, true
				}
				if pointBackSet.startsAt(t, pi, j) {
					return backRef{}, true
				}
			}
		}
	}
	return backRef{}, false
}

// allOf reports whether every word of ws is in set.
func allOf(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if !set[w] {
			return false
		}
	}
	return true
}

// wentBack returns the service a question that refers back (refersBack)
// is about, among those st has discussed: the one its ordinal names, or
// of those discussed but the one in hand, the one the question names
// most (its text saying most of the question), the latest when it names
// none more.
func wentBack(m *model, a *analysis, st State) (int32, bool) {
	ref, ok := refersBack(a.text)
	if !ok {
		return -1, false
	}
	if ref.ordinal > 0 {
		if ref.ordinal > len(st.Discussed) {
			return -1, false
		}
		id, ok := m.bySlug[st.Discussed[ref.ordinal-1]]
		return id, ok
	}
	best, bestSaid := int32(-1), float32(-1)
	for _, slug := range st.Discussed {
		id, ok := m.bySlug[slug]
		if !ok || slug == st.Service {
			continue
		}
		c := a.candidate(m, id)
		if said := c.said + c.covered; said >= bestSaid {
			best, bestSaid = id, said
		}
	}
	return best, best >= 0
}

// backCovered is how much more of a question, in syllables of
// generalWeight, the text of a service discussed before must say than
// the text of the one in hand for the question to go back to it
// unasked (leansBack). Calibrated on the conversations written apart
// (testdata, Nov 2026): at 2, with the naming words required to lead,
// the follow-ups of sets a, i, o, p and q gain 6 and r 5, and none
// loses. Without that requirement a follow-up of set l ("phải mở tài
// khoản ngân hàng cho cty trước hả", after paying tax online, with
// founding the company before it) and one of set o went back wrongly,
// at 2 as at 3; at 4 the gains of a and i went too.
const backCovered = 2

// backNaming is how much more of a question, in syllables of
// generalWeight, the words naming a service discussed before must say
// than those naming the one in hand for the question to go back to it
// unasked, whatever the texts say (leansBack): "trợ cấp", two
// syllables, in "trợ cấp nộp hồ sơ ở xã hay huyện" after an identity
// card, with the monthly allowance discussed before. At 2 set r gained
// 3 follow-ups (with backContextCover) and no set lost one; 2.5 and 3
// gained 1 or 2.
const backNaming = 2

// backContextCover: a question whose words the text in hand says this
// share of or more follows it, however much more the words naming a
// service discussed before say of it: "phải chờ bao lâu sau nghỉ việc",
// asked of the one-off social-insurance payment after unemployment
// benefit ("nghỉ việc"), whose guide says the wait too.
const backContextCover = 0.6

// leansBack returns the service discussed before, not the one in hand
// (ctx), that question a leans to: one of its best candidates, within
// answerMargin of the first, whose naming words say more of it than
// those of the one in hand, and whose text says clearly more of it
// (backCovered) or whose naming words do (backNaming) where the text in
// hand says little (backContextCover). "còn cái xe, bao lâu có biển"
// after renewing a licence, with a vehicle's registration discussed
// before, is about the vehicle; "thông báo trước bao nhiêu ngày" after
// the VAT return, with a pause of business before it, is about the
// pause.
func leansBack(m *model, a *analysis, st State, ctx int32) (int32, bool) {
	if len(a.cands) == 0 {
		return -1, false
	}
	cc := a.candidate(m, ctx)
	gw := m.generalWeight
	top := a.cands[0].score
	for _, c := range a.cands {
		if c.score < top-answerMargin {
			break
		}
		if c.svc == ctx || !slices.Contains(st.Discussed, m.svcs[c.svc].Slug) {
			continue
		}
		naming := namingLead(m, a, c.svc, ctx)
		if naming > 0 && (c.covered-cc.covered >= backCovered*gw || naming >= backNaming*gw && cc.cover < backContextCover) {
			return c.svc, true
		}
	}
	return -1, false
}
