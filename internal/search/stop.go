package search

// Question words and function syllables: "thủ tục đăng ký khai sinh như
// thế nào" is about đăng ký khai sinh, not about "như thế nào". IDF already
// makes common syllables cheap, but in a small catalogue "cần", "gì" or
// "thế nào" can be rare enough to pull a page that happens to contain them
// above the right one, so they count for stopWeight of a content word, and
// a document that matches nothing else is not a hit.
//
// The lists are on syllables as typed. Folding merges words, so the folded
// list leaves out every syllable whose folded form is also a content word:
// "can" (cần, but also căn cước), "the" (thế, thẻ), "thu" (thủ, thu hồi),
// "co" (có, cơ quan), "ma" (mà, mã số), "dau" (đâu, đầu tư), "lam" (lâm
// nghiệp), "thi" (thi bằng lái), "minh" (chứng minh), "de" (đề nghị), "do"
// (sổ đỏ), "bao" (khai báo), "hoi" (thu hồi), "thoi" (thời hạn), "chua"
// (sửa chữa). Those are down-weighted folded only inside the question
// phrases of stopPhrases. "sao" is on neither list: it is also bản sao.
const stopWeight = 0.2

// stopAccented are function syllables when the query has diacritics.
var stopAccented = setOf(
	"cho", "của", "và", "là", "như", "thế", "nào", "ở", "đâu", "làm", "thủ", "tục",
	"cần", "gì", "tôi", "mình", "em", "anh", "chị", "ạ", "à", "ơi", "không", "có",
	"được", "thì", "mà", "với", "các", "những", "để", "bị", "phải",
	"bao", "nhiêu", "lâu", "muốn", "khi", "nếu", "này", "đó", "ai", "nhé", "vậy",
	"hả", "giúp", "hỏi", "cách", "nhỉ", "về", "ra", "vào", "rồi", "nữa", "thôi",
	"đã", "sẽ", "đang", "hay", "hoặc", "nhất", "ấy", "kia", "thật", "chưa",
)

// stopFolded are function syllables whose folded form is not also a
// content word.
var stopFolded = setOf(
	"cho", "cua", "va", "la", "nhu", "nao", "o", "gi", "toi", "em", "a", "oi",
	"khong", "duoc", "voi", "nhung", "bi", "phai", "nhieu", "muon",
	"khi", "neu", "nay", "ai", "nhe", "giup", "cach", "nhi", "roi", "nua",
)

// stopPhrases are folded question phrases whose every syllable is a
// function word there, even when it is a content word elsewhere.
var stopPhrases = [][]string{
	{"nhu", "the", "nao"}, {"lam", "the", "nao"}, {"the", "nao"}, {"o", "dau"},
	{"lam", "sao"}, {"la", "gi"}, {"can", "gi"}, {"can", "nhung", "gi"},
	{"thu", "tuc"}, {"co", "duoc", "khong"}, {"co", "phai"}, {"co", "the"},
	{"bao", "lau"}, {"mat", "bao", "lau"}, {"het", "bao", "nhieu"}, {"lam", "gi"},
	{"the", "nay"}, {"di", "dau"}, {"lam", "o", "dau"}, {"can", "lam"}, {"de", "lam"},
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopMask reports, for each token of a phrase, whether it is a function
// word. accented and folded are the same phrase.
func stopMask(accented, folded []string, hasAccents bool) []bool {
	mask := make([]bool, len(folded))
	for i := range folded {
		if hasAccents {
			mask[i] = stopAccented[accented[i]]
		} else {
			mask[i] = stopFolded[folded[i]]
		}
	}
	for _, p := range stopPhrases {
		for i := 0; i+len(p) <= len(folded); i++ {
			match := true
			for j := range p {
				if folded[i+j] != p[j] {
					match = false
					break
				}
			}
			if match {
				for j := range p {
					mask[i+j] = true
				}
			}
		}
	}
	return mask
}
