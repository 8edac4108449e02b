package assistant

import "testing"

// TestStorySpans: the phrases before the first that asks are the story;
// a question without punctuation, one that asks first, and one whose ask
// joins the story have none.
func TestStorySpans(t *testing.T) {
	tests := []struct{ q, want string }{
		{"Tôi xây nhà mới ở nông thôn, muốn xin lắp công tơ điện thì nộp hồ sơ trực tuyến được không, mất mấy ngày?",
			"tôi xây nhà mới ở nông thôn"},
		{"mua đất có sổ đỏ r, sang tên cần j", "mua đất có sổ đỏ rồi"},
		{"xây nhà mới muốn lắp công tơ điện thì nộp ở đâu", ""},
		{"lắp công tơ điện ở đâu, tôi mới xây nhà", ""},
		{"Mẹ chồng tôi mất rồi, nghe nói có tiền chôn cất, tiện cắt khẩu cho bà luôn thì làm sao", ""},
		{"mẹ tôi mất rồi, nhân tiện cắt khẩu thì làm sao", ""},
		// Bare, "tien" is tiền: "tien lam" asks a fee and joins nothing.
		{"be moi sinh, tien lam khai sinh het bao nhieu", "be moi sinh"},
		{"mẹ tôi mất rồi, cho hỏi tiền mai táng lãnh ở đâu", "mẹ tôi mất rồi"},
	}
	for _, tt := range tests {
		checkSpans(t, func(tx text) []span { return storySpans(tx, demoSyn) }, tt.q, tt.want)
	}
}

// TestDecideAStoryBeforeTheAsk: a first question whose story names
// another service than the clause that asks, put back to the citizen
// when read whole, is answered about the one the clause names; an ask
// that joins the story is still put back.
func TestDecideAStoryBeforeTheAsk(t *testing.T) {
	for q, want := range map[string]string{
		"Tôi xây nhà mới ở nông thôn, muốn xin lắp công tơ điện thì nộp hồ sơ trực tuyến được không, mất mấy ngày?": "cap-dien-moi",
		"mua đất có sổ đỏ r, sang tên cần j": "dang-ky-bien-dong-dat-dai",
	} {
		if r := ask(State{}, q); r.status != StatusAnswered || slugOf(r) != want {
			t.Errorf("%q: %s %s, want %s", q, r.status, slugOf(r), want)
		}
	}
	q := "Mẹ chồng tôi mất rồi, nghe nói nhà nước có cho tiền chôn cất, tiện cắt khẩu cho bà luôn thì làm sao"
	if r := ask(State{}, q); r.status == StatusAnswered && slugOf(r) == "xoa-dang-ky-thuong-tru" {
		t.Errorf("%q: answered %s, the story's death left out", q, slugOf(r))
	}
}

// TestDecideAsksPastTheStory: a story that names a service only by an
// everyday name does not outweigh the clause that asks, which names
// another in the citizen's words; a story that names none leaves the
// question as it is.
func TestDecideAsksPastTheStory(t *testing.T) {
	tests := []struct{ q, want string }{
		{"Con gái bác lấy chồng bên Úc, sang năm nó mời hai ông bà sang chơi. Bác chưa có hộ chiếu bao giờ, cho bác hỏi làm hộ chiếu thế nào ạ?",
			"cap-ho-chieu-pho-thong"},
		{"mua xe may cu cua nguoi trong xom, muon sang ten dung ten minh thi ra dau lam", "dang-ky-xe"},
	}
	for _, tt := range tests {
		if r := ask(State{}, tt.q); r.status != StatusAnswered || slugOf(r) != tt.want {
			t.Errorf("%q: %s %s, want answered %s", tt.q, r.status, slugOf(r), tt.want)
		}
	}
}
