package assistant

import (
	"fmt"
	"strings"
	"sync"

	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
)

// Places: where the citizen lives, works or was born ("em hộ khẩu ở
// Thanh Hóa nhưng đang tạm trú ở Bắc Ninh") is part of their case (see
// case.go). No service is named by a province, yet a place's syllables
// are rare in the catalogue and weigh as much as the rarest word of a
// guide, and "hộ khẩu ở Nghệ An" says where the citizen is registered,
// not that they ask about residence.

// placeExtras are the names citizens use that the lists of units do not
// have: the old name of Hồ Chí Minh City and its shorthand, and the
// countries relatives work or study in. cuedExtras are places only after
// a cue word (placeCues): "hn" is also hôm nay, "mỹ" is in mỹ phẩm. "Lào"
// is left out, as "lao" is lao động typed bare.
var (
	placeExtras = []string{
		"sài gòn", "tphcm", "tp hcm", "hcm", "hồ chí minh", "nhật bản", "hàn quốc", "đài loan",
		"trung quốc", "thái lan", "campuchia", "singapore", "malaysia", "ba lan", "canada",
	}
	cuedExtras = []string{"sg", "hn", "mỹ", "úc", "nhật", "hàn", "nga", "đức", "pháp", "anh quốc"}
)

// placeCues are the words after which a name of one or two syllables
// is a place: "ở Bắc Ninh", "quê Thanh Hóa", "vào Bình Dương", "học trên Đà
// Nẵng". Without one, "đất đỏ" typed bare would be the district of Đất
// Đỏ. Longer names ("Hồ Chí Minh", "Thừa Thiên Huế") and the extras need
// none.
var placeCues = setOf(
	"o", "tai", "tren", "ve", "que", "tinh", "tp", "pho", "huyen", "quan", "xa", "phuong",
	"vao", "vo", "ra", "len", "xuong", "ben", "tu", "di", "sang", "duoi", "lich", "dia", "gan",
	"noi", "ngoai", "tro",
)

// statusWords say what the citizen is or has at a place: "hộ khẩu ở Nghệ
// An", "tạm trú ở Bắc Ninh", "quê Thanh Hóa", "đang học ở Đà Nẵng". With
// the place they are the case; a procedure's verb before them makes them
// a service again ("đăng ký thường trú ở Hà Nội", statusVerbs).
var statusWords = newPhraseSet([]string{
	"hộ khẩu", "hktt", "thường trú", "tạm trú", "cư trú", "quê", "quê nội", "quê ngoại", "trọ",
	"sống", "làm việc", "đi làm", "làm ăn", "học", "nhà", "sinh",
})

// statusVerbs are the verbs of procedures on residence and papers.
var statusVerbs = setOf("ky", "dk", "chuyen", "nhap", "xoa", "cat", "tach", "xin", "nhan", "bao",
	"khai", "lam", "doi", "cap")

// placeNames are the places (placeSet), those that need a cue apart.
type placeNames struct {
	cued, free *phraseSet
}

// placeSet builds the place names once: from the embedded lists of
// provinces and districts (units.PlaceNames) and placeExtras. A name of
// one syllable without a mark folds like common words ("Vinh" is vĩnh
// too) and is left out; one of one or two syllables needs a cue. The lists are part of the binary and checked by
// the units package's tests, so a failure to read them is a broken build:
// it panics, at the first model's build, when the server starts.
var placeSet = sync.OnceValue(func() *placeNames {
	names, err := units.PlaceNames()
	if err != nil {
		panic(fmt.Sprintf("assistant: place names: %v", err))
	}
	var cued, free []string
	for _, n := range names {
		words := vn.Tokens(n)
		switch {
		case len(words) == 1 && vn.Fold(words[0]) == words[0]:
		case len(words) <= 2:
			cued = append(cued, strings.Join(words, " "))
		default:
			free = append(free, strings.Join(words, " "))
		}
	}
	free = append(free, placeExtras...)
	cued = append(cued, cuedExtras...)
	return &placeNames{cued: newPhraseSet(cued), free: newPhraseSet(free)}
})

// placesIn returns the spans of t that name a place: a name of the free
// list anywhere, one of the cued list after a cue word.
func (pn *placeNames) placesIn(t text) []span {
	out := pn.free.find(t)
	pn.cued.each(t, func(s span) bool {
		if s.start > 0 && placeCues[t.folded[s.p][s.start-1]] {
			out = append(out, s)
		}
		return true
	})
	return out
}

// placeSpans returns the spans of t that name a place with the cue
// before it and a status word before that ("hộ khẩu ở Nghệ An", "quê nội
// Thái Bình"), unless a procedure's verb precedes the status word.
func (pn *placeNames) placeSpans(t text) []span {
	out := pn.placesIn(t)
	for k, s := range out {
		p := t.folded[s.p]
		start := s.start
		if start > 0 && placeCues[p[start-1]] {
			start--
		}
		for n := 2; n >= 1; n-- {
			b := start - n
			if b >= 0 && statusWords.spans(t, s.p, b, start) && (b == 0 || !statusVerbs[p[b-1]]) {
				start = b
				break
			}
		}
		out[k].start = start
	}
	return out
}
