package cases

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func apiIntake(key, description string, files ...Upload) Intake {
	return Intake{Case: NewCase{Source: SourceWeb, Channel: ChannelAPI, Category: CategorySystem, ProvinceCode: "01",
		Description: description, Contact: Contact{Name: "Trần Thị Bình", Phone: "0912345678"}},
		Scope: ScopeAPI, Key: key, Files: files,
		Answer: func(v *PublicView) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		}}
}

func TestSubmitOnceWithKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		in := apiIntake("k-1", "Cổng lỗi, gọi tôi 0912 345 678.", Upload{"loi.png", pngFile}, Upload{"bien-lai.pdf", pdfFile})
		first, err := s.Submit(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if first.Replayed || first.Code == "" || first.Answer == "" {
			t.Fatalf("first receipt %+v", first)
		}
		// The answer built inside the transaction is the public view as
		// anyone reads it after the commit.
		v, err := s.PublicStatus(ctx, first.Code)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := json.Marshal(v)
		if string(after) != first.Answer {
			t.Errorf("answer in the transaction:\n%s\nafter commit:\n%s", first.Answer, after)
		}
		if strings.Contains(first.Answer, "0912") || strings.Contains(first.Answer, "Bình") || strings.Contains(first.Answer, "loi.png") {
			t.Errorf("answer shows personal data or files: %s", first.Answer)
		}
		again, err := s.Submit(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Replayed || again.Code != first.Code || again.Answer != first.Answer {
			t.Fatalf("repeat %+v, want the first answer replayed", again)
		}
		c, err := s.ByCode(ctx, first.Code)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.Attachments(ctx, c.ID)
		if err != nil || len(list) != 2 || list[0].Name != "loi.png" || list[1].Name != "bien-lai.pdf" {
			t.Fatalf("attachments %+v %v", list, err)
		}
		if n := countRows(t, d, "cases"); n != 1 {
			t.Fatalf("%d cases after a repeat, want 1", n)
		}

		// The key with another report: refused, nothing stored.
		if _, err := s.Submit(ctx, apiIntake("k-1", "Một phản ánh khác.")); !errors.Is(err, ErrKeyReused) {
			t.Fatalf("reused key: %v, want ErrKeyReused", err)
		}
		// The same text with another file is another report too.
		if _, err := s.Submit(ctx, apiIntake("k-1", in.Case.Description, Upload{"loi.png", jpegFile}, Upload{"bien-lai.pdf", pdfFile})); !errors.Is(err, ErrKeyReused) {
			t.Fatalf("reused key with other files: %v, want ErrKeyReused", err)
		}
		// Without a key every call files a report.
		for range 2 {
			if _, err := s.Submit(ctx, apiIntake("", "Không có khóa.")); err != nil {
				t.Fatal(err)
			}
		}
		if n := countRows(t, d, "cases"); n != 3 {
			t.Fatalf("%d cases, want 3", n)
		}
		if n := countRows(t, d, "case_attachments"); n != 2 {
			t.Fatalf("%d attachments, want 2", n)
		}
	})
}

func TestSubmitRefusesBadInputWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		// A bad description and a bad file are reported together.
		_, err := s.Submit(ctx, apiIntake("k-2", "", Upload{"a.png", pngFile}, Upload{"b.html", htmlFile}))
		var inv *InvalidError
		if !errors.As(err, &inv) || !inv.Has("description") || !inv.Has("attachments") {
			t.Fatalf("error %v, want description and attachments", err)
		}
		_, err = s.Submit(ctx, apiIntake("k-2", "Bốn tệp.", Upload{"1.png", pngFile}, Upload{"2.png", pngFile},
			Upload{"3.png", pngFile}, Upload{"4.png", pngFile}))
		invalidMessage(t, err, "attachments")
		_, err = s.Submit(ctx, apiIntake("khóa có dấu", "Khóa sai."))
		invalidMessage(t, err, "idempotency_key")
		// An answer that cannot be built takes the case and its files back.
		in := apiIntake("k-3", "Câu trả lời lỗi.", Upload{"a.png", pngFile})
		in.Answer = func(*PublicView) (string, error) { return "", errors.New("boom") }
		if _, err := s.Submit(ctx, in); err == nil {
			t.Fatal("submit succeeded though its answer failed")
		}
		for _, table := range []string{"cases", "case_events", "case_attachments", "idempotency_keys"} {
			if n := countRows(t, d, table); n != 0 {
				t.Errorf("%d rows in %s after refused submissions", n, table)
			}
		}
		// The key was not used up by the failure.
		if rec, err := s.Submit(ctx, apiIntake("k-3", "Câu trả lời lỗi.", Upload{"a.png", pngFile})); err != nil || rec.Replayed {
			t.Fatalf("retry after a failure: %+v %v", rec, err)
		}
	})
}

func TestSubmitConcurrentTwins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		in := apiIntake("twin", "Gửi lại nhiều lần cùng lúc.", Upload{"a.pdf", pdfFile})
		recs := make([]Receipt, 12)
		errs := make([]error, len(recs))
		var wg sync.WaitGroup
		for i := range recs {
			wg.Go(func() { recs[i], errs[i] = s.Submit(ctx, in) })
		}
		wg.Wait()
		fresh := 0
		for i, r := range recs {
			if errs[i] != nil {
				t.Fatalf("twin %d: %v", i, errs[i])
			}
			if r.Code != recs[0].Code || r.Answer != recs[0].Answer {
				t.Fatalf("twins answered differently: %+v vs %+v", r, recs[0])
			}
			if !r.Replayed {
				fresh++
			}
		}
		if fresh != 1 || countRows(t, d, "cases") != 1 || countRows(t, d, "case_attachments") != 1 {
			t.Fatalf("%d fresh answers, %d cases, %d files; want 1 each", fresh,
				countRows(t, d, "cases"), countRows(t, d, "case_attachments"))
		}
	})
}

func TestFormTokenFilesOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		if _, ok, err := s.ReplayForm(ctx, "form-123"); ok || err != nil {
			t.Fatalf("unknown token: %v %v", ok, err)
		}
		form := Intake{Case: NewCase{Source: SourceWeb, Category: CategoryFee, Description: "Thu phí hai lần."},
			Scope: ScopeForm, Key: "form-123"}
		first, err := s.Submit(ctx, form)
		if err != nil || first.Replayed {
			t.Fatalf("first: %+v %v", first, err)
		}
		rec, ok, err := s.ReplayForm(ctx, "form-123")
		if err != nil || !ok || rec.Code != first.Code || !rec.Replayed {
			t.Fatalf("replay: %+v %v %v", rec, ok, err)
		}
		// The form sent again, changed meanwhile: the first report stands.
		form.Case.Description = "Thu phí hai lần, đã sửa."
		again, err := s.Submit(ctx, form)
		if err != nil || !again.Replayed || again.Code != first.Code {
			t.Fatalf("changed form: %+v %v", again, err)
		}
		// The same token over the API is another key.
		api := apiIntake("form-123", "Qua API.")
		if rec, err := s.Submit(ctx, api); err != nil || rec.Replayed {
			t.Fatalf("API with a form's token: %+v %v", rec, err)
		}
		if n := countRows(t, d, "cases"); n != 2 {
			t.Fatalf("%d cases, want 2", n)
		}
	})
}
