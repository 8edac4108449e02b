package assistant

import (
	"slices"

	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// Papers to copy. "Cần mấy bản sao có chứng thực sổ đỏ với giấy khai
// sinh, làm qua mạng được không" names the land title in full and
// certified copies less: the land title is what is copied, not the
// service wanted. Read without the papers named after a word of copying
// (copiedSpans), the question names the copy it wants (withoutCopied).

// copyCues are the words of copying a paper.
var copyCues = newPhraseSet([]string{"bản sao", "sao y", "photo", "công chứng", "chứng thực"})

// copyFiller are folded words between a word of copying and the paper
// copied, which say how it is copied: "bản sao có chứng thực của", "sao
// y bản chính", "bản sao điện tử các".
var copyFiller = setOf("co", "chung", "thuc", "cong", "dau", "do", "cua", "y", "ban", "chinh", "dien",
	"tu", "may", "cac", "cai", "sao", "photo")

// copyStops are folded words that end the name of the paper copied:
// what follows says why, where or how ("để nộp ngân hàng", "ở xã",
// "trên mạng").
var copyStops = setOf("de", "thi", "nhung", "ma", "o", "tai", "tren", "qua", "online", "onl", "lam",
	"duoc", "dc", "khong", "ko", "k", "nop", "xin", "gui", "vi", "vay", "nha", "a", "roi", "gio",
	"co", "cho", "la", "bao", "mat", "het")

// maxCopied is the longest name of a paper copied, in words: "giấy
// chứng nhận quyền sử dụng đất" is seven.
const maxCopied = 8

// copiedSpans returns the spans of t that name a paper after a word of
// copying, with what it is for ("để …") to the end of the clause: "sổ
// đỏ với giấy khai sinh" in "bản sao có chứng thực sổ đỏ với giấy khai
// sinh nhưng ngại xếp hàng".
func copiedSpans(t text) []span {
	var out []span
	for _, c := range copyCues.find(t) {
		p := t.folded[c.p]
		i := c.end
		for i < len(p) && copyFiller[p[i]] {
			i++
		}
		j := i
		for j < len(p) && j-i < maxCopied && !copyStops[p[j]] && !copyCues.startsAt(t, c.p, j) {
			// A second word of copying ends the paper's name: "bản sao
			// sổ đỏ chứng thực online" copies the land title.
			j++
		}
		if j == i {
			continue
		}
		if j < len(p) && p[j] == "de" {
			// What the copy is for is the citizen's case too: "sao y
			// sổ đỏ để nộp hồ sơ vay vốn mở quán" wants no shop.
			j = len(p)
		}
		if s := (span{c.p, i, j}); !slices.Contains(out, s) {
			out = append(out, s) // "bản sao có chứng thực" has two cues
		}
	}
	return out
}

// withoutCopied reads question a again without the papers it names to
// copy (copiedSpans), when they name a service on their own and the
// rest leans clearly to another (analysis.withoutNamed); nil otherwise.
// ctx is the service in context, -1 for none.
func (a *analysis) withoutCopied(m *model, ix *search.Index, syn *vn.Synonyms, ctx int32) *analysis {
	return a.withoutNamed(m, ix, syn, copiedSpans(a.text), ctx, true)
}
