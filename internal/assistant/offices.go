package assistant

import (
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// Offices named as places. "Làm ở đâu, bhxh huyện hay xã", asked about a
// replacement health-insurance card, names the social-insurance office
// where it is filed, not the one-off social-insurance payment whose
// keyword "bhxh" is; "làm ở chỗ đang tạm trú được ko", asked about a
// marriage, names where the couple live, not the registration of a
// temporary residence. So does a channel named as the way to file:
// "nộp qua dvc quốc gia hay vneid", asked about a traffic fine, names
// where to pay it, not the VNeID account. In a conversation, a question
// that says nothing but such a place and what it asks is about the
// service in context (withoutOffices).

// officeAgencies are the offices citizens name with their level.
var officeAgencies = []string{"bhxh", "bảo hiểm xã hội", "công an", "ubnd", "ủy ban", "ủy ban nhân dân"}

// officeLevels are the levels of government an office is at.
var officeLevels = []string{"xã", "phường", "huyện", "quận", "tỉnh", "thành phố", "tp", "thị xã", "thị trấn",
	"đặc khu"}

// homePlaces are where a citizen lives, named by the kind of residence
// registered there.
var homePlaces = []string{"chỗ tạm trú", "chỗ đang tạm trú", "nơi tạm trú", "nơi đang tạm trú", "chỗ thường trú",
	"nơi thường trú", "nơi cư trú", "chỗ đang ở", "nơi đang ở"}

// officeSet holds an agency followed by its level ("bhxh huyện", "công
// an xã"), and the places of residence (homePlaces).
var officeSet = func() *phraseSet {
	var phrases []string
	for _, a := range officeAgencies {
		for _, l := range officeLevels {
			phrases = append(phrases, a+" "+l)
		}
	}
	return newPhraseSet(phrases, homePlaces)
}()

// levelSet holds the officeLevels alone, for "bhxh huyện hay xã".
var levelSet = newPhraseSet(officeLevels)

// channelSet holds the channels a citizen files through: the portals,
// the apps, the post office.
var channelSet = newPhraseSet([]string{"vneid", "app vneid", "ứng dụng vneid", "dvc", "dịch vụ công",
	"cổng dịch vụ công", "cổng dvc", "dvc quốc gia", "dịch vụ công quốc gia", "cổng dịch vụ công quốc gia",
	"app", "ứng dụng", "vssid", "app vssid", "etax", "etax mobile", "bưu điện", "cổng", "web", "website", "mạng",
	"tài khoản vneid", "tài khoản dịch vụ công", "tài khoản dvc"})

// meansWords are the words before a channel named as the way to file:
// "nộp qua vneid", "làm trên dvc", "dùng tài khoản vneid của mình".
// Without one, "đăng ký vneid" names the account.
var meansWords = setOf("qua", "tren", "bang", "len", "vao", "tai", "dung")

// officeSpans returns the offices and homes t names as places
// (officeSet), each with the other levels it is set against: "bhxh
// huyện hay xã", "công an xã hoặc huyện"; and the channels it names as
// the way to file (channelSpans).
func officeSpans(t text) []span {
	spans := officeSet.find(t)
	for k, s := range spans {
		spans[k] = orAlternatives(t, s, levelSet)
	}
	return append(spans, channelSpans(t)...)
}

// orAlternatives extends span s of t over the alternatives set against
// it, each a phrase of set after "hay" or "hoặc": "bhxh huyện hay xã",
// "qua dvc hay vneid".
func orAlternatives(t text, s span, set *phraseSet) span {
	p := t.folded[s.p]
	for s.end+1 < len(p) && (p[s.end] == "hay" || p[s.end] == "hoac") {
		l := set.longestAt(t, s.p, s.end+1)
		if l == 0 {
			break
		}
		s.end += 1 + l
	}
	return s
}

// channelSpans returns the channels t names as the way to file (after
// meansWords), each with the others it is set against: "qua dvc quốc
// gia hay vneid".
func channelSpans(t text) []span {
	var out []span
	for pi, p := range t.folded {
		for i := 1; i < len(p); i++ {
			if !meansWords[p[i-1]] {
				continue
			}
			n := channelSet.longestAt(t, pi, i)
			if n == 0 {
				continue
			}
			s := orAlternatives(t, span{pi, i, i + n}, channelSet)
			out = append(out, s)
			i = s.end
		}
	}
	return out
}

// withoutOffices reads question a, asked in the middle of a
// conversation, without the offices and homes it names as places
// (officeSpans), and returns that reading when nothing but what it asks
// is left (topicless): it is then about the service in context (decide).
// It returns nil otherwise: "còn
// rút bhxh 1 lần thì lên bhxh huyện hả" names another service besides the
// office.
func (a *analysis) withoutOffices(m *model, ix *search.Index, syn *vn.Synonyms) *analysis {
	fa := a.apart(m, ix, syn, officeSpans(a.text))
	if fa == nil || !topicless(m, fa) {
		return nil
	}
	return fa
}
