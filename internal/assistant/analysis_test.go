package assistant

import "testing"

func TestHoldsAll(t *testing.T) {
	tests := []struct {
		outer, inner []int32
		want         bool
	}{
		{[]int32{1, 2, 3, 5}, []int32{2, 5}, true},
		{[]int32{1, 2, 3}, []int32{1, 2, 3}, false}, // the same, not more
		{[]int32{1, 2, 3}, []int32{2, 4}, false},
		{[]int32{1}, []int32{1, 2}, false},
		{[]int32{1, 2}, nil, true},
	}
	for _, tt := range tests {
		if got := holdsAll(tt.outer, tt.inner); got != tt.want {
			t.Errorf("holdsAll(%v, %v) = %v, want %v", tt.outer, tt.inner, got, tt.want)
		}
	}
}

// TestDecideNamedMoreFully: a question naming one service by a phrase
// that holds the everyday name of another ("sang tên sổ đỏ" holds "sổ
// đỏ") is about the first; a story that fits little and may want both is
// put back to the citizen.
func TestDecideNamedMoreFully(t *testing.T) {
	for _, q := range []string{
		"Em mới mua mảnh đất, sang tên sổ đỏ cần những giấy tờ gì ạ?",
		"mua đất xong rồi, sang tên sổ đỏ ở đâu",
	} {
		checkAnswer(t, "", q, "dang-ky-bien-dong-dat-dai")
	}
	q := "Tui muốn cắt hộ khẩu ở quê Thanh Hoá để nhập về căn nhà mới mua ở Biên Hoà, làm sao, mất mấy ngày?"
	if r := ask(State{}, q); r.status != StatusClarify {
		t.Errorf("%q: %s %s, want clarify", q, r.status, slugOf(r))
	}
}

// TestDecideOnlyNamedClose: a question whose best service is close only
// through words on lost and torn cards, while it names another card, is
// about the card it names; one whose best service's keywords say the
// name too ("cắt khẩu" of the joint death procedure) is not moved, nor
// one that names what another service's paper is for.
func TestDecideOnlyNamedClose(t *testing.T) {
	checkAnswer(t, "", "Thẻ căn cươc của tôi bị rách, chữ mờ hết rồi, đi đổi lại mất bao nhiêu tiền?", "cap-the-can-cuoc")
	checkAnswer(t, "", "Tui đi chợ Đông Ba bị rớt mất cái căn cước, làm lại tốn bao nhiêu tiền, chừng mô thì có?", "cap-the-can-cuoc")
	// Named first, and the others named by nothing it says.
	checkAnswer(t, "", "cccd het han doi o dau v", "cap-the-can-cuoc")
	for q, not := range map[string]string{
		"Mẹ chồng tôi mất rồi, nghe nói nhà nước có cho tiền chôn cất, tiện cắt khẩu cho bà luôn thì làm sao": "xoa-dang-ky-thuong-tru",
		// What it names is what the copy is for.
		"ban goc giay ket hon mat lau roi, gio can ban sao de lam so do": "cap-giay-chung-nhan-quyen-su-dung-dat",
	} {
		if r := ask(State{}, q); slugOf(r) == not {
			t.Errorf("%q: %s %s", q, r.status, slugOf(r))
		}
	}
}
