package web

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
)

// TestStartCSV checks a CSV download's headers and that its body starts
// with the byte-order mark, whatever Cache-Control the caller chose.
func TestStartCSV(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("Cache-Control", "public, max-age=60")
	if err := startCSV(rec, "muc-tieu-de-an.csv"); err != nil {
		t.Fatal(err)
	}
	h := rec.Result().Header
	if got := h.Get("Content-Type"); got != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	disp, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || params["filename"] != "muc-tieu-de-an.csv" {
		t.Errorf("Content-Disposition %q: %v %v", h.Get("Content-Disposition"), params, err)
	}
	if got := h.Get("Cache-Control"); got != "public, max-age=60" {
		t.Errorf("Cache-Control %q, want the caller's", got)
	}
	if rec.Body.String() != audit.ExcelBOM {
		t.Errorf("body %q, want the byte-order mark", rec.Body.String())
	}
}

// TestAttachmentNoStore checks that an attachment is never cached and that
// a name with quotes or Vietnamese letters survives in the header.
func TestAttachmentNoStore(t *testing.T) {
	rec := httptest.NewRecorder()
	name := `tờ "khai" 1.pdf`
	attachment(rec, name, "application/pdf")
	h := rec.Result().Header
	_, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
	if err != nil || params["filename"] != name {
		t.Errorf("Content-Disposition %q: %v %v", h.Get("Content-Disposition"), params, err)
	}
	if h.Get("Cache-Control") != "no-store" || h.Get("Content-Type") != "application/pdf" {
		t.Errorf("headers %v", h)
	}
}

// TestStreamCSV checks that the rows follow the mark, and that a failing
// export is logged and aborts the response instead of ending it cleanly.
func TestStreamCSV(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&logs, nil))}
	r := httptest.NewRequest("GET", "/quan-tri/x.csv", nil)

	rec := httptest.NewRecorder()
	err := s.streamCSV(rec, r, "x.csv", "test", func(w io.Writer) error {
		_, err := io.WriteString(w, "a,b\n")
		return err
	})
	if err != nil || rec.Body.String() != audit.ExcelBOM+"a,b\n" {
		t.Errorf("body %q, err %v", rec.Body.String(), err)
	}

	rec = httptest.NewRecorder()
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v, want http.ErrAbortHandler", p)
			}
		}()
		_ = s.streamCSV(rec, r, "x.csv", "test", func(io.Writer) error { return errors.New("db gone") })
	}()
	if !strings.Contains(logs.String(), "test csv export failed") || !strings.Contains(logs.String(), "db gone") {
		t.Errorf("log %q", logs.String())
	}
}
