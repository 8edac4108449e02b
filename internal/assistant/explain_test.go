package assistant

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestExplain(t *testing.T) {
	e, _ := newTestEngine(t, dbtest.SQLite(t))
	x := e.Explain("Đăng ký kết hôn cần giấy tờ gì? Số tôi 0912345678")
	if x.Status != StatusAnswered || x.Intents != "documents" || len(x.Candidates) == 0 || x.Candidates[0].Slug != "dang-ky-ket-hon" {
		t.Fatalf("%+v", x)
	}
	c := x.Candidates[0]
	if c.Score <= 0 || c.Score > 1 || c.Similarity <= 0 || c.Cover <= 0 || c.Rank != 1 || c.Phrasing == "" || x.Fit <= 0 {
		t.Errorf("candidate %+v fit %.2f", c, x.Fit)
	}
	if strings.Contains(x.Question, "0912345678") || strings.Contains(x.Topic, "0912345678") {
		t.Errorf("personal data in the explanation: %q", x.Question)
	}
	if x := e.Explain(""); x.Status != "" || len(x.Candidates) != 0 {
		t.Errorf("empty question: %+v", x)
	}
	if th := Thresholds(); th["min_fit"] != minFit || len(th) < 5 {
		t.Errorf("thresholds %v", th)
	}
}
