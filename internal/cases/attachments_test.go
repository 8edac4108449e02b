package cases

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/files"
)

// Small files of each accepted type, and one that is not.
var (
	pngFile  = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 100)...)
	jpegFile = append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte{1}, 50)...)
	pdfFile  = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	htmlFile = []byte("<html><script>alert(1)</script></html>")
)

func invalidMessage(t *testing.T, err error, field string) string {
	t.Helper()
	var inv *InvalidError
	if !errors.As(err, &inv) || !inv.Has(field) {
		t.Fatalf("error %v, want an *InvalidError for %s", err, field)
	}
	return inv.Message(field)
}

func TestCheckAttachment(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		ct   string
		msg  string
	}{
		{pngFile, files.TypePNG, ""},
		{jpegFile, files.TypeJPEG, ""},
		{pdfFile, files.TypePDF, ""},
		{htmlFile, "", "Tệp thứ 2 không phải PDF, JPEG hoặc PNG"},
		{nil, "", "Tệp thứ 2 rỗng"},
		{append(pdfFile, make([]byte, MaxAttachmentSize)...), "", "Tệp thứ 2 nặng 5,0 MB, vượt giới hạn 5,0 MB mỗi tệp"},
	} {
		ct, err := CheckAttachment(2, tc.data)
		if tc.msg == "" {
			if err != nil || ct != tc.ct {
				t.Errorf("CheckAttachment(%q…) = %q, %v; want %q", tc.data[:4], ct, err, tc.ct)
			}
			continue
		}
		if msg := invalidMessage(t, err, "attachments"); !strings.HasPrefix(msg, tc.msg) {
			t.Errorf("message %q, want it to start with %q", msg, tc.msg)
		}
	}
	if msg := invalidMessage(t, CheckAttachmentSize(1, 12<<20), "attachments"); !strings.Contains(msg, "12,0 MB") {
		t.Errorf("declared size message %q does not name the size", msg)
	}
	if err := CheckAttachmentSize(1, MaxAttachmentSize); err != nil {
		t.Errorf("a file of exactly the limit refused: %v", err)
	}
	if msg := invalidMessage(t, CheckAttachmentCount(4), "attachments"); !strings.Contains(msg, "tối đa 3 tệp") {
		t.Errorf("count message %q", msg)
	}
}

func TestUploadsWaitForTheirCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		a, err := s.SaveUpload(ctx, 1, Upload{Name: `C:\Ảnh\lỗi cổng.PNG`, Data: pngFile})
		if err != nil {
			t.Fatal(err)
		}
		if a.CaseID != 0 || a.Name != "lỗi cổng.png" || a.ContentType != files.TypePNG || a.Size != len(pngFile) || a.Token == "" {
			t.Fatalf("saved %+v", a)
		}
		if _, err := s.SaveUpload(ctx, 2, Upload{Name: "trang.html", Data: htmlFile}); err == nil {
			t.Fatal("HTML stored as an attachment")
		}
		if n := countRows(t, d, "case_attachments"); n != 1 {
			t.Fatalf("%d rows after a refused file, want 1", n)
		}
		pending, err := s.PendingUploads(ctx, []string{"tnope", a.Token})
		if err != nil || len(pending) != 1 || pending[0].ID != a.ID {
			t.Fatalf("pending %+v %v", pending, err)
		}

		rec, err := s.Submit(ctx, Intake{Case: NewCase{Source: SourceWeb, Category: CategorySystem,
			Description: "Cổng báo lỗi khi tải tệp."}, Scope: ScopeForm, Key: "form-abc", Tokens: []string{a.Token}})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.ByCode(ctx, rec.Code)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.Attachments(ctx, c.ID)
		if err != nil || len(list) != 1 || list[0].ID != a.ID || list[0].CaseID != c.ID {
			t.Fatalf("attachments of the case: %+v %v", list, err)
		}
		got, data, err := s.AttachmentData(ctx, c.ID, a.ID)
		if err != nil || !bytes.Equal(data, pngFile) || got.Name != a.Name {
			t.Fatalf("data: %+v %d bytes %v", got, len(data), err)
		}
		if _, _, err := s.AttachmentData(ctx, c.ID+1, a.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("a file read through another case: %v", err)
		}
		if pending, _ := s.PendingUploads(ctx, []string{a.Token}); len(pending) != 0 {
			t.Fatalf("claimed file still pending: %+v", pending)
		}
		// A claimed token cannot be claimed again by another report.
		_, err = s.Submit(ctx, Intake{Case: NewCase{Source: SourceWeb, Category: CategorySystem,
			Description: "Phản ánh khác."}, Scope: ScopeForm, Key: "form-def", Tokens: []string{a.Token}})
		invalidMessage(t, err, "attachments")
		if n := countRows(t, d, "cases"); n != 1 {
			t.Fatalf("%d cases after a refused claim, want 1", n)
		}
	})
}

func TestPruneUploads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := fixedNow
		s := NewStore(d, WithClock(func() time.Time { return now }))
		old, err := s.SaveUpload(ctx, 1, Upload{Name: "a.pdf", Data: pdfFile})
		if err != nil {
			t.Fatal(err)
		}
		claimed, err := s.SaveUpload(ctx, 1, Upload{Name: "b.pdf", Data: pdfFile})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit(ctx, Intake{Case: NewCase{Source: SourceWeb, Description: "Có tệp."},
			Tokens: []string{claimed.Token}}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(UploadKeep - time.Minute)
		recent, err := s.SaveUpload(ctx, 1, Upload{Name: "c.pdf", Data: pdfFile})
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(2 * time.Minute)
		w := &pruneUploadsWorker{store: s}
		if err := w.Work(ctx, &river.Job[PruneUploadsArgs]{}); err != nil {
			t.Fatal(err)
		}
		left, err := s.PendingUploads(ctx, []string{old.Token, recent.Token})
		if err != nil || len(left) != 1 || left[0].ID != recent.ID {
			t.Fatalf("after pruning: %+v %v; want only the recent upload", left, err)
		}
		if n := countRows(t, d, "case_attachments"); n != 2 {
			t.Fatalf("%d files left, want the claimed and the recent one", n)
		}
	})
}
