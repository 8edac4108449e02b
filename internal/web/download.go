package web

import (
	"io"
	"mime"
	"net/http"

	"github.com/loa-vn/loa/internal/audit"
)

// downloadHeaders makes a response a file named name that the browser
// saves rather than shows. Caching is left to the caller or the route's
// surface (the back office is never cached).
func downloadHeaders(w http.ResponseWriter, name, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

// attachment sets the headers of a download that must not be kept in any
// cache: an uploaded file or a survey's responses.
func attachment(w http.ResponseWriter, name, contentType string) {
	downloadHeaders(w, name, contentType)
	w.Header().Set("Cache-Control", "no-store")
}

// startCSV begins a CSV download for spreadsheet users: the headers, then
// the byte-order mark that makes Excel read the UTF-8 (Vietnamese) right.
// Set any Cache-Control before: the mark is the first byte of the body.
// Text cells that a spreadsheet could run as formulas are for the writer
// of the rows to neutralise, with audit.SafeCell.
func startCSV(w http.ResponseWriter, name string) error {
	downloadHeaders(w, name, "text/csv; charset=utf-8")
	_, err := io.WriteString(w, audit.ExcelBOM)
	return err
}

// streamCSV serves a CSV download whose rows export streams to w, after
// startCSV. Once the first byte is out a status can no longer report a
// failure: an export error is logged (what names the export) and the
// connection cut, so the download fails rather than looking complete.
func (s *Server) streamCSV(w http.ResponseWriter, r *http.Request, name, what string, export func(io.Writer) error) error {
	if err := startCSV(w, name); err != nil {
		return nil // the client went away
	}
	if err := export(w); err != nil {
		s.log.ErrorContext(r.Context(), what+" csv export failed", "err", err, "request_id", requestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
	return nil
}
