package assistant

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

var testSections = []Section{
	{ID: "S1", Title: "Hết bao nhiêu tiền:", Text: "Lệ phí cấp hộ chiếu là 200.000 đồng; nộp trực tuyến được giảm còn 180.000 đồng."},
	{ID: "S2", Title: "Mất bao lâu:", Text: "Trong 8 ngày làm việc kể từ khi nhận đủ hồ sơ."},
}

func TestGroundedKeepsAnAnswerFromItsSources(t *testing.T) {
	got, err := grounded("Lệ phí cấp hộ chiếu là 200.000 đồng, nộp trực tuyến còn 180.000 đồng [S1]. Bạn nhận kết quả trong 8 ngày làm việc [S2].", testSections)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "[S") || !strings.Contains(got, "180.000 đồng") || strings.Contains(got, " .") {
		t.Errorf("cleaned answer %q", got)
	}
}

func TestGroundedDiscards(t *testing.T) {
	for name, answer := range map[string]string{
		"no citation":     "Lệ phí cấp hộ chiếu là 200.000 đồng.",
		"unknown id":      "Lệ phí cấp hộ chiếu là 200.000 đồng [S3].",
		"invented figure": "Lệ phí cấp hộ chiếu là 250.000 đồng [S1].",
		"invented days":   "Bạn nhận kết quả trong 5 ngày làm việc [S2].",
		"off its sources": "Thời tiết Hà Nội hôm nay nắng đẹp, nhiệt độ vừa phải, thích hợp đi dạo phố cổ [S1].",
		"says no answer":  NoAnswer,
		"empty":           "   ",
		"too short":       "Có [S1].",
		"far too long":    strings.Repeat("Lệ phí cấp hộ chiếu là 200.000 đồng [S1]. ", 40),
	} {
		if got, err := grounded(answer, testSections); err == nil {
			t.Errorf("%s: kept %q", name, got)
		}
	}
}

// fakeWriter answers from the sections it is given (a well-behaved model)
// or returns a fixed text (a misbehaving one), and counts its calls.
type fakeWriter struct {
	fixed string
	err   error
	calls int
	got   []Section
}

func (w *fakeWriter) Write(_ context.Context, _ string, sections []Section) (string, error) {
	w.calls++
	w.got = sections
	if w.err != nil || w.fixed != "" {
		return w.fixed, w.err
	}
	var b strings.Builder
	for _, s := range sections {
		b.WriteString(strings.ReplaceAll(s.Text, "\n", " "))
		b.WriteString(" [" + s.ID + "] ")
	}
	return b.String(), nil
}

func TestAskWithWriter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e, _ := newTestEngine(t, d)
		var failures []error
		e.opts.WriterFailed = func(err error) { failures = append(failures, err) }

		good := &fakeWriter{}
		e.opts.Writer = good
		extractive, err := New(d, e.catalog, e.index, e.cases, Options{}).Ask(ctx, Request{Question: "làm hộ chiếu hết bao nhiêu tiền"})
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.Ask(ctx, Request{Question: "làm hộ chiếu hết bao nhiêu tiền"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != StatusAnswered || !a.Generated || good.calls != 1 || len(good.got) == 0 || good.got[0].ID != "S1" {
			t.Fatalf("written answer %+v after %d calls with %+v", a, good.calls, good.got)
		}
		if a.Answer == extractive.Answer || strings.Contains(a.Answer, "[S1]") || !strings.Contains(a.Answer, "/dich-vu/"+a.Sources[0].Slug) {
			t.Errorf("written answer %q (extractive %q)", a.Answer, extractive.Answer)
		}

		for name, w := range map[string]*fakeWriter{
			"invents a fee": {fixed: "Lệ phí là 999.999 đồng [S1]."},
			"cites nothing": {fixed: "Bạn nộp lệ phí theo quy định khi làm hộ chiếu."},
			"fails":         {err: errors.New("mô hình không trả lời")},
		} {
			e.opts.Writer = w
			failures = nil
			a, err := e.Ask(ctx, Request{Question: "làm hộ chiếu hết bao nhiêu tiền"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Generated || a.Answer != extractive.Answer || len(failures) != 1 {
				t.Errorf("%s: answer %q generated=%v, failures %v", name, a.Answer, a.Generated, failures)
			}
		}

		// Only answers are written: small talk and clarifications are not.
		w := &fakeWriter{}
		e.opts.Writer = w
		if a, err := e.Ask(ctx, Request{Question: "thời tiết hôm nay thế nào"}); err != nil || a.Status != StatusOutOfScope {
			t.Fatalf("out of scope: %+v, %v", a, err)
		}
		if w.calls != 0 {
			t.Errorf("writer called %d times for an out-of-scope question", w.calls)
		}
	})
}
