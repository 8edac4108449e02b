package assistant

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestAsksFirst(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"có phải về quê cắt khẩu trước không", true},
		{"co can xoa ho khau o cho cu truoc ko", true},
		{"phải khám sức khỏe trước à", true},
		{"toi dinh mo homestay, dang ky ho kinh doanh truoc a", true},
		{"doanh nghiệp nộp thuế điện tử cần đăng ký gì trước", true},
		// A time past, an order, a correction, a plain statement.
		{"tháng trước tôi mới đổi bằng", false},
		{"bằng này tôi đổi từ năm trước à", false},
		{"nên uống thuốc trước hay sau ăn", false},
		{"à k, ý là con tôi chưa có cccd, làm cho nó trước", false},
		{"làm cho nó trước", false},
		{"trước khi nộp cần chuẩn bị gì", false},
	}
	for _, tt := range tests {
		if got := asksFirst(analyze(tt.q)); got != tt.want {
			t.Errorf("asksFirst(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestAsksWhetherNeeded(t *testing.T) {
	tests := map[string]bool{
		"Chuyển nhà sang nơi khác có phải xóa thường trú ở nơi cũ không?":            true,
		"Đăng ký kết hôn có còn cần giấy xác nhận độc thân không?":                   true,
		"Xây nhà ở nông thôn có phải xin phép không?":                                true,
		"Thông báo lưu trú cần giấy tờ gì, có mất phí không?":                        false,
		"Ở trọ bao lâu thì phải đăng ký tạm trú? Không đăng ký có bị phạt không?":    false,
		"Có làm xóa thường trú online được không?":                                   false,
		"Có phải nộp riêng khai sinh, thường trú và thẻ bảo hiểm y tế cho con không": true,
		"": false,
	}
	for q, want := range tests {
		if got := asksWhetherNeeded(q); got != want {
			t.Errorf("asksWhetherNeeded(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestNamingVerb(t *testing.T) {
	tests := map[string]string{
		"Cấp đổi giấy phép lái xe":         "doi",
		"Xóa đăng ký thường trú":           "xoa",
		"Quyết toán thuế thu nhập cá nhân": "",
		"Đăng ký tạm trú":                  "",
		"Cấp giấy phép lái xe quốc tế":     "",
		"Xác nhận tình trạng hôn nhân":     "",
		"":                                 "",
	}
	for name, want := range tests {
		if got := namingVerb(name); got != want {
			t.Errorf("namingVerb(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestDecideKeepsTheThreadOverASideMatter: a question whether another
// procedure comes first is answered about it, the conversation stays on
// the matter in hand, and a question pointing at the other takes it up.
func TestDecideKeepsTheThreadOverASideMatter(t *testing.T) {
	const moving, leaving = "dang-ky-thuong-tru", "xoa-dang-ky-thuong-tru"
	st := State{Service: moving, Discussed: []string{moving}}
	r := ask(st, "có phải về quê cắt khẩu trước không")
	if r.status != StatusAnswered || slugOf(r) != leaving {
		t.Fatalf("side question: %s %s, want answered %s", r.status, slugOf(r), leaving)
	}
	if r.next.Service != moving || r.next.Aside != leaving {
		t.Fatalf("side question: next %+v, want the thread %s with aside %s", r.next, moving, leaving)
	}
	if len(r.parts) != 1 || !strings.Contains(r.parts[0].label, "có phải xóa thường trú ở nơi cũ") {
		t.Errorf("side question: parts %v, want the FAQ on whether to remove the old registration", labels(r.parts))
	}
	if r := ask(r.next, "làm online được không"); slugOf(r) != moving || r.next.Aside != "" {
		t.Errorf("follow-up after a side question: %s, next %+v, want %s", slugOf(r), r.next, moving)
	}
	if r := ask(r.next, "xin cái đó ở đâu"); slugOf(r) != leaving || r.next.Service != leaving {
		t.Errorf("pointing at the side matter: %s, next %+v, want %s", slugOf(r), r.next, leaving)
	}

	// Asked without "trước", the same words move on as before.
	if r := ask(st, "xóa thường trú mất bao lâu"); slugOf(r) != leaving || r.next.Service != leaving {
		t.Errorf("named outright: %s, next %+v, want %s", slugOf(r), r.next, leaving)
	}

	// The verb of the side matter's name takes it up; one the matter in
	// hand's name has too does not.
	const permit, exchange = "cap-giay-phep-lai-xe-quoc-te", "cap-doi-giay-phep-lai-xe"
	st = State{Service: permit, Discussed: []string{permit, exchange}, Aside: exchange}
	if r := ask(st, "đổi ở đâu"); slugOf(r) != exchange {
		t.Errorf("verb of the side matter: %s, want %s", slugOf(r), exchange)
	}
	if r := ask(st, "mất bao lâu"); slugOf(r) != permit || r.next.Aside != "" {
		t.Errorf("plain follow-up: %s, next %+v, want %s", slugOf(r), r.next, permit)
	}
}

// TestDecideRemembersAPaperNamedInPassing: a paper named while the
// conversation stays on its service is what "giấy đó" points at next.
func TestDecideRemembersAPaperNamedInPassing(t *testing.T) {
	const marriage, single = "dang-ky-ket-hon", "xac-nhan-tinh-trang-hon-nhan"
	st := State{Service: marriage, Discussed: []string{marriage}}
	r := ask(st, "ngta bao phai co giay xac nhan doc than")
	if slugOf(r) != marriage || r.next.Aside != single {
		t.Fatalf("paper named in passing: %s, next %+v, want %s with aside %s", slugOf(r), r.next, marriage, single)
	}
	if r := ask(r.next, "giay do xin o dau"); slugOf(r) != single || r.next.Service != single {
		t.Errorf("giấy đó: %s, next %+v, want %s", slugOf(r), r.next, single)
	}
	// Small talk keeps the side matter.
	if r := ask(r.next, "cảm ơn bạn"); r.next.Aside != single {
		t.Errorf("small talk dropped the side matter: %+v", r.next)
	}
}

// TestAskRemembersASideMatter: the side matter is kept in the database,
// so another replica understands "giấy đó".
func TestAskRemembersASideMatter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		answers, _ := askAcrossReplicas(t, d, "web",
			"đăng ký kết hôn ở đâu",
			"ngta bao phai co giay xac nhan doc than",
			"giấy đó xin ở đâu")
		if a := answers[2]; a.Status != StatusAnswered || a.Sources[0].Slug != "xac-nhan-tinh-trang-hon-nhan" {
			t.Errorf("giấy đó on another replica: %s %+v", a.Status, a.Sources)
		}
	})
}

// TestDecideReadsAFirstQuestionWithASideMatter: a first question that
// asks for one procedure and, in a phrase of its own, whether another
// comes first is about the first, with the other as its side matter.
func TestDecideReadsAFirstQuestionWithASideMatter(t *testing.T) {
	const moving, leaving = "dang-ky-thuong-tru", "xoa-dang-ky-thuong-tru"
	r := ask(State{}, "Em mới mua nhà ở Bình Dương, giờ muốn chuyển hộ khẩu từ quê Thanh Hóa vào thì làm sao, có phải về quê cắt khẩu trước không?")
	if r.status != StatusAnswered || slugOf(r) != moving || r.next.Aside != leaving {
		t.Fatalf("first question with a side matter: %s %s, next %+v; want %s with aside %s", r.status, slugOf(r), r.next, moving, leaving)
	}
	if r := ask(r.next, "giấy đó xin ở đâu"); slugOf(r) != leaving {
		t.Errorf("pointing at the side matter: %s, want %s", slugOf(r), leaving)
	}
	// Asked alone, the side question is about the other procedure.
	if r := ask(State{}, "có phải về quê cắt khẩu trước không"); slugOf(r) != leaving {
		t.Errorf("side question alone: %s, want %s", slugOf(r), leaving)
	}
}
