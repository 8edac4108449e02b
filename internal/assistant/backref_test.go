package assistant

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestDiscussedWith(t *testing.T) {
	before := []string{"a", "b"}
	if got := discussedWith(before, "c"); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("add: %v", got)
	}
	if !slices.Equal(before, []string{"a", "b"}) {
		t.Errorf("the turn before's state changed: %v", before)
	}
	if got := discussedWith(before, "a"); !slices.Equal(got, before) {
		t.Errorf("again: %v", got)
	}
	long := []string{"1", "2", "3", "4", "5", "6"}
	if got := discussedWith(long, "7"); len(got) != maxDiscussed || got[0] != "2" || got[maxDiscussed-1] != "7" {
		t.Errorf("full: %v", got)
	}
}

func TestRefersBack(t *testing.T) {
	tests := []struct {
		q       string
		ok      bool
		ordinal int
	}{
		{"quay lại cái đăng ký hộ kd, lệ phí bao nhiêu", true, 0},
		{"à quay lại vụ tuyển sinh, khi nào mở cổng", true, 0},
		{"quay lai tien tro cap, nhan qua tai khoan dc ko", true, 0},
		{"cái đầu tiên ấy, làm online được không", true, 1},
		{"cai thu hai ay lam online dc ko", true, 2},
		{"vụ thứ 2 mất bao lâu", true, 2},
		{"con cai kia thi sao, han nop khi nao", true, 0},
		{"cái phiếu kia bao nhiêu tiền", true, 0},
		{"cái vụ lúc nãy nộp ở đâu", true, 0},
		// Not a matter discussed before: an office to go back to, the
		// day before yesterday, what to do first, a head.
		{"có phải quay lại lấy kết quả không", false, 0},
		{"hôm kia tôi nộp rồi", false, 0},
		{"cái trước tiên cần làm là gì", false, 0},
		{"đau cái đầu quá", false, 0},
		{"lúc nãy tôi nộp rồi mà chưa thấy gì", false, 0},
	}
	for _, tt := range tests {
		ref, ok := refersBack(analyze(tt.q))
		if ok != tt.ok || ref.ordinal != tt.ordinal {
			t.Errorf("%q: %v %d, want %v %d", tt.q, ok, ref.ordinal, tt.ok, tt.ordinal)
		}
	}
}

func TestDecideGoesBack(t *testing.T) {
	tests := []struct {
		discussed []string // the last is in context
		q, want   string
	}{
		// Named, among those discussed.
		{[]string{"dang-ky-ho-kinh-doanh", "giay-chung-nhan-an-toan-thuc-pham"},
			"quay lại cái đăng ký hộ kd, lệ phí bao nhiêu", "dang-ky-ho-kinh-doanh"},
		{[]string{"dang-ky-nghia-vu-quan-su", "dang-ky-du-thi-tot-nghiep-thpt", "xet-tuyen-dai-hoc"},
			"quay lại vụ nghĩa vụ, nếu đang học đại học thì có bị gọi không", "dang-ky-nghia-vu-quan-su"},
		// By the order discussed.
		{[]string{"tro-cap-that-nghiep", "huong-bhxh-mot-lan"}, "cái đầu tiên ấy, làm online được không", "tro-cap-that-nghiep"},
		{[]string{"cap-the-can-cuoc", "cap-lai-giay-phep-lai-xe", "cap-lai-the-bhyt"},
			"cái thứ hai ấy, làm online đc ko", "cap-lai-giay-phep-lai-xe"},
		// The other one.
		{[]string{"nop-thue-dien-tu", "tam-ngung-kinh-doanh"}, "con cai kia thi sao, han nop khi nao", "nop-thue-dien-tu"},
		// Unsaid, but leaning to one discussed before more than to the
		// one in hand, by its text and by the words that name it.
		{[]string{"dang-ky-xe", "cap-doi-giay-phep-lai-xe"}, "còn cái xe, bao lâu có biển", "dang-ky-xe"},
		{[]string{"huong-bhxh-mot-lan", "tro-cap-that-nghiep"}, "nen rut hay de lai cong don", "huong-bhxh-mot-lan"},
		// Or by the words that name it alone, when the text in hand says
		// little of the question.
		{[]string{"cap-doi-giay-phep-lai-xe", "cap-giay-phep-lai-xe-quoc-te"}, "bang cua bo co het han ko, A1 ma", "cap-doi-giay-phep-lai-xe"},
		{[]string{"huong-bhxh-mot-lan", "tro-cap-that-nghiep"}, "phai cho bao lau sau nghi viec", "tro-cap-that-nghiep"},
		{[]string{"tro-cap-that-nghiep", "huong-bhxh-mot-lan"}, "phai cho bao lau sau nghi viec", "huong-bhxh-mot-lan"},
		// A question the one in hand is named for better stays with it,
		// though another guide discussed before says more of it.
		{[]string{"dang-ky-thanh-lap-doanh-nghiep", "nop-thue-dien-tu"}, "phải mở tài khoản ngân hàng cho cty trước hả", "nop-thue-dien-tu"},
		{[]string{"dang-ky-khai-tu", "dang-ky-bien-dong-dat-dai"}, "mấy anh chị ở xa hông về được thì ủy quyền được hông", "dang-ky-bien-dong-dat-dai"},
	}
	for _, tt := range tests {
		st := State{Service: tt.discussed[len(tt.discussed)-1], Discussed: tt.discussed}
		r := ask(st, tt.q)
		if r.status != StatusAnswered || slugOf(r) != tt.want {
			t.Errorf("%q after %v: %s %s, want %s", tt.q, tt.discussed, r.status, slugOf(r), tt.want)
		}
		if !slices.Equal(r.next.Discussed, tt.discussed) {
			t.Errorf("%q: discussed %v, want %v", tt.q, r.next.Discussed, tt.discussed)
		}
	}
	// With nothing discussed before, "cái kia" has nothing to point at.
	r := ask(State{Service: "cap-doi-giay-phep-lai-xe", Discussed: []string{"cap-doi-giay-phep-lai-xe"}}, "cái kia thì sao, đổi online được không")
	if r.status != StatusAnswered || slugOf(r) != "cap-doi-giay-phep-lai-xe" {
		t.Errorf("cái kia with one discussed: %s %s", r.status, slugOf(r))
	}
}

func TestAskRemembersWhatWasDiscussed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		tests := []struct{ q, want string }{
			{"còn bằng lái xe máy cũng mất", "cap-lai-giay-phep-lai-xe"},
			{"thẻ bhyt cũng mất luôn", "cap-lai-the-bhyt"},
			{"cái đầu tiên ấy, lệ phí bao nhiêu", "cap-the-can-cuoc"},
			{"cái thứ hai ấy, làm online đc ko", "cap-lai-giay-phep-lai-xe"},
		}
		questions := []string{"làm lại căn cước bị mất thế nào"}
		for _, tt := range tests {
			questions = append(questions, tt.q)
		}
		answers, _ := askAcrossReplicas(t, d, "web", questions...)
		for i, tt := range tests {
			if a := answers[i+1]; a.Status != StatusAnswered || a.Sources[0].Slug != tt.want {
				t.Errorf("%q: %s %+v, want %s", tt.q, a.Status, a.Sources, tt.want)
			}
		}
	})
}
