package assistant

import (
	"slices"
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// shorthand is the texting shorthand citizens use in chat, folded, with
// the words it stands for. It is not the catalogue's table of
// abbreviations (vn.Synonyms, which editors extend): these are the
// everyday short forms of function words and of "đăng ký", which carry
// no domain meaning but decide whether "dk ket hon ko" reads as
// "đăng ký kết hôn không". Single letters are left out where they are
// also words ("a" is à, "e" is em but also a letter in codes).
var shorthand = map[string][]string{
	"dk":  {"đăng", "ký"},
	"dky": {"đăng", "ký"},
	"dki": {"đăng", "ký"},
	"ko":  {"không"},
	"k":   {"không"},
	"kh":  {"không"},
	"khg": {"không"},
	"hok": {"không"},
	"hk":  {"không"},
	"dc":  {"được"},
	"bn":  {"bao", "nhiêu"},
	"bnh": {"bao", "nhiêu"},
	"ntn": {"như", "thế", "nào"},
	"j":   {"gì"},
	"mk":  {"mình"},
	"mik": {"mình"},
	"vs":  {"với"},
	"cx":  {"cũng"},
	"r":   {"rồi"},
	"sdt": {"số", "điện", "thoại"},
	"ng":  {"người"},
	"bik": {"biết"},
	"lun": {"luôn"},
	"ny":  {"người", "yêu"},
	"mn":  {"mọi", "người"},
	"mng": {"mọi", "người"},
	"tk":  {"tài", "khoản"},
	// "z" is vậy in southern chat: "làm ở đâu z", "sao z".
	"z": {"vậy"},
}

// shorthandAfter are shorthand forms with a second reading, a name, taken
// after the words that go with the name: "hk" is không in "làm được hk"
// but hộ khẩu in "sổ hk", "nhập hk", "cắt hk"; "nv" stands for nothing
// alone but for nguyện vọng after the verbs of an admission; and Central
// speech typed without marks, "o mo" (ở mô, ở đâu) and "co rang" (có
// răng, có sao), where "mo" and "rang" alone are other words (mổ, rằng).
var shorthandAfter = map[string]struct {
	after map[string]bool
	words []string
}{
	"hk": {setOf("so", "nhap", "cat", "chuyen", "tach", "xoa", "giu"), []string{"hộ", "khẩu"}},
	// "nv" is nguyện vọng, an admission wish, in "đk nv", "nộp nv", "sửa nv".
	"nv": {setOf("ky", "nop", "sua", "doi", "xet", "them"), []string{"nguyện", "vọng"}},
	// "bh" is bảo hiểm after the words of paying into it and of its
	// papers ("đóng bh", "sổ bh", "thẻ bh"); alone it is as often bây giờ.
	"bh": {setOf("dong", "so", "the", "nop", "gia", "tham"), []string{"bảo", "hiểm"}},
	// Central speech: "ở mô" is ở đâu, "có răng không" có sao không.
	"mo":   {setOf("o"), []string{"đâu"}},
	"rang": {setOf("co", "lam", "thi", "la", "ra"), []string{"sao"}},
	// "rua" (rứa, vậy) after the words a question ends on: "mất bao
	// lâu rứa", "làm sao rứa"; alone it is as often rửa (wash).
	"rua": {setOf("lau", "sao", "nao", "dau", "roi", "gi", "khong", "duoc", "tien", "ngay"), []string{"vậy"}},
}

// shorthandBefore are shorthand forms read as a name before the words
// that go with the name and never with the other reading: "hk ở quê",
// "hk vẫn ở tỉnh", "hk chưa có", "hk của bố" are hộ khẩu, as "không"
// is not said before where or whose.
var shorthandBefore = map[string]map[string]bool{
	"hk": setOf("o", "van", "chua", "cua"),
}

// bareBetween are words typed without marks that read as another word
// between the words that go with it: "con" is còn (still) in "giờ làm
// con được không", "nộp con kịp không", after a verb of a procedure and
// before "được", "kịp", "hạn"; elsewhere it is con (child).
var bareBetween = map[string]struct {
	after, before map[string]bool
	word          string
}{
	"con": {setOf("lam", "nop", "khai", "ky", "xin", "doi", "cap", "dang"), setOf("duoc", "kip", "han"), "còn"},
}

// listedNames are the shorthandAfter forms read as their name when they
// make a clause of their own that does not end the question, an item of
// a list: "khai sinh, hk, bhyt" (but "làm được không, hk" ends on không).
var listedNames = setOf("hk", "bh", "nv")

// regional are words of southern and central speech (and a few of
// everyday northern speech), and spellings of how they sound, with the
// standard words they stand for: people type as
// they talk ("làm giấy khai sanh có cần đem giấy chứng sinh hông dzậy").
// Unlike shorthand they are keyed on the token as typed, marks and all,
// because folded several would be other words: "hông" is không but
// "hồng" is sổ hồng, "má" is mẹ but "mã" is mã số thuế, "vô" is vào but
// "vợ" is a wife. Entries without marks are those that fold to no other
// word a citizen would write to a public service.
var regional = map[string][]string{
	"hông": {"không"},
	"hổng": {"không"},
	"hem":  {"không"},
	"dzậy": {"vậy"},
	"zậy":  {"vậy"},
	"dzay": {"vậy"},
	"zay":  {"vậy"},
	"sanh": {"sinh"},
	"mần":  {"làm"},
	"tui":  {"tôi"},
	"biểu": {"bảo"},
	"xài":  {"dùng"},
	"chớ":  {"chứ"},
	"bả":   {"bà"},
	"ổng":  {"ông"},
	"tía":  {"bố"},
	"má":   {"mẹ"},
	"vô":   {"vào"},
	"dìa":  {"về"},
	"hổm":  {"hôm"},
	"kai":  {"khai"},
	// Everyday northern speech: "đẻ" is sinh (con dâu mới đẻ), but
	// bare "de" is để.
	"đẻ": {"sinh"},
	// Central speech
	"mô":  {"đâu"},
	"rứa": {"vậy"},
}

// text is a question after analysis: its phrases as lower-case accented
// tokens (shorthand expanded) and the same folded.
type text struct {
	phrases [][]string
	folded  [][]string
	// marked says the question is typed with its marks (typedWithMarks):
	// a bare syllable in it is bare, not a word whose marks were left
	// out ("chưa được gia hạn" is no good price, "được giá").
	marked bool
}

// analyze splits q into phrases of tokens, expands texting shorthand and
// folds. It accepts any string.
func analyze(q string) text {
	var t text
	phrases := vn.Phrases(q)
	for pi, p := range phrases {
		var acc, fold []string
		for ti, tok := range p {
			f := vn.Fold(tok)
			exp, ok := shorthand[f]
			n, named := shorthandAfter[f]
			if named && (len(fold) > 0 && n.after[fold[len(fold)-1]] ||
				ti+1 < len(p) && shorthandBefore[f][vn.Fold(p[ti+1])] ||
				listedNames[f] && len(p) == 1 && pi < len(phrases)-1) {
				exp, ok = n.words, true
			}
			if !ok {
				exp, ok = regional[tok]
			}
			if b, between := bareBetween[tok]; !ok && between && len(fold) > 0 && b.after[fold[len(fold)-1]] &&
				ti+1 < len(p) && b.before[vn.Fold(p[ti+1])] {
				exp, ok = []string{b.word}, true
			}
			if ok {
				for _, e := range exp {
					acc = append(acc, e)
					fold = append(fold, vn.Fold(e))
				}
				continue
			}
			acc = append(acc, tok)
			fold = append(fold, f)
		}
		t.phrases = append(t.phrases, acc)
		t.folded = append(t.folded, fold)
	}
	t.marked = typedWithMarks(t)
	return t
}

// minMarkedShare is the share of a question's syllables that must bear
// a mark (đ counts) for it to be typed with marks; minMarked is the
// least number of them. About three Vietnamese syllables in four bear
// one, so a question typed with marks is well above the share, while a
// question typed bare has none, or a few where the keyboard put them.
const (
	minMarkedShare = 0.5
	minMarked      = 3
)

// typedWithMarks reports whether the citizen typed t with its marks.
func typedWithMarks(t text) bool {
	n, marked := 0, 0
	for pi, p := range t.phrases {
		for i, w := range p {
			n++
			if w != t.folded[pi][i] {
				marked++
			}
		}
	}
	return marked >= minMarked && float64(marked) >= minMarkedShare*float64(n)
}

// query is the text handed to the search index: the phrases joined so
// that no pair of syllables spans two of them.
func (t text) query() string {
	parts := make([]string, len(t.phrases))
	for i, p := range t.phrases {
		parts[i] = strings.Join(p, " ")
	}
	return strings.Join(parts, ", ")
}

// tokens returns the folded tokens of all phrases in order.
func (t text) tokens() []string {
	var out []string
	for _, p := range t.folded {
		out = append(out, p...)
	}
	return out
}

// empty reports whether the question has no letters or digits.
func (t text) empty() bool { return len(t.phrases) == 0 }

// without returns the text with the folded spans of spans dropped: what a
// question says once its intent words ("cần giấy tờ gì") are set aside.
func (t text) without(spans []span) text { return t.keep(spans, false) }

// only returns the text of the spans of spans alone: what without drops.
func (t text) only(spans []span) text { return t.keep(spans, true) }

// keep returns the tokens of t inside spans (inside) or outside them,
// each run of kept tokens a phrase: the words on either side of a
// dropped run are not a pair.
func (t text) keep(spans []span, inside bool) text {
	out := text{marked: t.marked}
	for pi := range t.folded {
		var acc, fold []string
		for i := range t.folded[pi] {
			if covered(spans, pi, i) != inside {
				if len(fold) > 0 {
					out.phrases = append(out.phrases, acc)
					out.folded = append(out.folded, fold)
					acc, fold = nil, nil
				}
				continue
			}
			acc = append(acc, t.phrases[pi][i])
			fold = append(fold, t.folded[pi][i])
		}
		if len(fold) > 0 {
			out.phrases = append(out.phrases, acc)
			out.folded = append(out.folded, fold)
		}
	}
	return out
}

// span is a run of tokens [start, end) of phrase p.
type span struct{ p, start, end int }

// names returns the spans of the terms of the table of abbreviations and
// everyday names that t says ("phạt nguội", "sổ đỏ"), nil without one.
func (t text) names(syn *vn.Synonyms) []span {
	if syn == nil {
		return nil
	}
	var out []span
	for pi, p := range t.folded {
		for _, m := range syn.Find(p) {
			out = append(out, span{pi, m.Start, m.End})
		}
	}
	return out
}

// crosses reports whether s and n overlap with neither inside the other:
// one begins within the other and ends past it.
func (s span) crosses(n span) bool {
	if s.p != n.p {
		return false
	}
	return s.start < n.start && n.start < s.end && s.end < n.end ||
		n.start < s.start && s.start < n.end && n.end < s.end
}

// inside reports whether s lies within n and is shorter.
func (s span) inside(n span) bool {
	return s.p == n.p && n.start <= s.start && s.end <= n.end && s.end-s.start < n.end-n.start
}

func covered(spans []span, p, i int) bool {
	for _, s := range spans {
		if s.p == p && i >= s.start && i < s.end {
			return true
		}
	}
	return false
}

// phraseSet is a list of phrases ("giay to", "bao lau") indexed by the
// first folded word, so that finding them all in a question costs a map
// lookup per token rather than a scan per phrase.
type phraseSet struct {
	byFirst map[string][]setPhrase
}

// setPhrase is a phrase of a phraseSet: its folded words and, when it was
// written with diacritics, its words as written.
type setPhrase struct {
	folded []string
	// marked are the words with their marks, nil for a phrase written
	// without: "mưa bão" is not "mua bảo" (buy, told), "đó là" not "đô
	// la", though they fold alike. A word the citizen typed without
	// marks matches on its folded form, unless the question is typed
	// with marks (text.marked): then it is bare as typed.
	marked []string
	// strict is set for a phrase that matches only as written, marks and
	// all, even in a question typed without them: bare, "mua bao" is as
	// often "người mua bảo" (the buyer says) as a storm (mưa bão).
	strict bool
}

// newPhraseSet compiles phrases, each words separated by spaces, written
// folded or with their diacritics; one written after "=" matches only
// as written (setPhrase.strict).
func newPhraseSet(phrases ...[]string) *phraseSet {
	ps := &phraseSet{byFirst: map[string][]setPhrase{}}
	for _, list := range phrases {
		for _, p := range list {
			strict := strings.HasPrefix(p, "=")
			words := vn.Tokens(strings.TrimPrefix(p, "="))
			if len(words) == 0 {
				continue
			}
			sp := setPhrase{folded: make([]string, len(words)), strict: strict}
			for i, w := range words {
				sp.folded[i] = vn.Fold(w)
				if sp.folded[i] != w {
					sp.marked = words
				}
			}
			ps.byFirst[sp.folded[0]] = append(ps.byFirst[sp.folded[0]], sp)
		}
	}
	return ps
}

// at reports whether phrase sp occurs at token i of phrase pi of t.
func (sp *setPhrase) at(t text, pi, i int) bool {
	p := t.folded[pi]
	if i+len(sp.folded) > len(p) || !equalWords(p[i:i+len(sp.folded)], sp.folded) {
		return false
	}
	if sp.marked == nil {
		return true
	}
	for k, w := range sp.marked {
		typed := t.phrases[pi][i+k]
		if typed != w && (t.marked || sp.strict || typed != p[i+k]) {
			return false
		}
	}
	return true
}

// startsAt reports whether a phrase of the set starts at token i of
// phrase pi of t.
func (ps *phraseSet) startsAt(t text, pi, i int) bool {
	for k := range ps.byFirst[t.folded[pi][i]] {
		if ps.byFirst[t.folded[pi][i]][k].at(t, pi, i) {
			return true
		}
	}
	return false
}

// longestAt returns the length in tokens of the longest phrase of the
// set that starts at token i of phrase pi of t, 0 when none does.
func (ps *phraseSet) longestAt(t text, pi, i int) int {
	n := 0
	for k := range ps.byFirst[t.folded[pi][i]] {
		if sp := &ps.byFirst[t.folded[pi][i]][k]; len(sp.folded) > n && sp.at(t, pi, i) {
			n = len(sp.folded)
		}
	}
	return n
}

// spans reports whether a phrase of the set covers exactly tokens [i,
// end) of phrase pi of t.
func (ps *phraseSet) spans(t text, pi, i, end int) bool {
	for k := range ps.byFirst[t.folded[pi][i]] {
		if sp := &ps.byFirst[t.folded[pi][i]][k]; len(sp.folded) == end-i && sp.at(t, pi, i) {
			return true
		}
	}
	return false
}

// typedFrom reports whether a phrase of t from phrase first on has
// words, consecutive, typed exactly so, marks and all: for a word whose
// bare spelling is another word ("tiện" typed "tien" is tiền), which a
// phraseSet would match on its folded form.
func (t text) typedFrom(first int, words ...string) bool {
	for pi := first; pi < len(t.phrases); pi++ {
		p := t.phrases[pi]
		for i := 0; i+len(words) <= len(p); i++ {
			if slices.Equal(p[i:i+len(words)], words) {
				return true
			}
		}
	}
	return false
}

// each calls f with every span of t where a phrase of the set occurs,
// until f returns false.
func (ps *phraseSet) each(t text, f func(span) bool) {
	for pi, p := range t.folded {
		for i, w := range p {
			for k := range ps.byFirst[w] {
				if sp := &ps.byFirst[w][k]; sp.at(t, pi, i) && !f(span{pi, i, i + len(sp.folded)}) {
					return
				}
			}
		}
	}
}

// find returns the spans of t where a phrase of the set occurs.
func (ps *phraseSet) find(t text) []span {
	var out []span
	ps.each(t, func(s span) bool { out = append(out, s); return true })
	return out
}

// in reports whether t has a phrase of the set.
func (ps *phraseSet) in(t text) bool {
	found := false
	ps.each(t, func(span) bool { found = true; return false })
	return found
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// functionWords are folded syllables that carry no topic: pronouns,
// particles, question words, "làm", "thủ tục". They still match, at
// functionWeight of a content word, so "cần giấy tờ gì" does not decide
// which service a question is about. A folded syllable that is also a
// content word is left out, whatever its common reading: "can" (cần,
// căn cước), "the" (thế, thẻ), "co" (có, cơ quan), "dang" (đang, đăng
// ký), "ban" (bạn, bản sao), "sao" (làm sao, bản sao), "nha" (nhà),
// "mat" (mất), "tu" (từ, khai tử), "dau" (đâu, lần đầu), "bao" (bao
// nhiêu, khai báo), "thoi" (thôi, thời hạn), "hoi" (hỏi, thu hồi).
var functionWords = setOf(
	"toi", "minh", "em", "anh", "a", "ah", "oi", "nhe", "nhi", "vay",
	"cho", "cua", "va", "la", "nhu", "nao", "o", "gi", "khong", "duoc", "voi", "nhung", "cac",
	"bi", "phai", "muon", "khi", "neu", "nay", "ay", "kia", "giup", "gium", "cach", "roi", "nua",
	"thi", "lam", "tuc", "vua", "xin", "ra", "vao", "se", "hay", "hoac", "ai", "cung", "that",
	"chua", "mot", "de", "nhieu", "nguoi", "ak", "vs", "ne", "hem", "ha",
	// The chat's address to whoever answers ("ad" is admin) and its
	// laughter: "lam tren vneid hay dich vu cong z ad", "hihi hỏi lộn".
	"ad", "admin", "hihi", "hehe", "haha", "hic",
)

// setOf makes a set of words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isNumber reports whether w is all digits: "12", "1995".
func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}
