package web

import (
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/files"
	"github.com/loa-vn/loa/internal/staff"
)

// Attachments of citizens' reports: taken by the form (multipart, without
// JavaScript) and the API (base64 in the JSON, report_api.go), shown in
// the back office as downloads, never on the public status page — they
// may show a CCCD card, a receipt with a name, a face.

// reportAttachmentRoutes serves a case's files to the staff who may see
// the case: the {case_code} route is scoped like every case route.
func (s *Server) reportAttachmentRoutes() []Route {
	return []Route{
		{"GET", "/quan-tri/phan-anh/{case_code}/tep/{attachment_id}", need(staff.PermCaseHandle), s.caseScope, SurfaceAdmin, s.adminCaseAttachment},
	}
}

// parseReportForm reads the posted form within the size limits: a
// multipart form may carry files, a plain one may not. A body over the
// limit is refused with a message that says what the limits are.
func (s *Server) parseReportForm(w http.ResponseWriter, r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, maxReportUpload)
		err = r.ParseMultipartForm(1 << 20)
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, maxReportBody)
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: s.msg.T("report.upload_too_large")}
	case err != nil:
		return badRequest("invalid_form", s.msg.T("report.too_large"))
	}
	return nil
}

// chosenFiles returns the files chosen in the form's file input; a form
// sent with the input left empty carries one empty part, which is not a
// file.
func chosenFiles(r *http.Request) []*multipart.FileHeader {
	if r.MultipartForm == nil {
		return nil
	}
	var out []*multipart.FileHeader
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Size > 0 || fh.Filename != "" {
			out = append(out, fh)
		}
	}
	return out
}

// storeChosenFiles stores the chosen files as uploads waiting for the
// report and adds their tokens to the form. It returns the message to show
// for the first file refused (too many, too large, not a PDF/JPEG/PNG), ""
// when all were taken.
func (s *Server) storeChosenFiles(r *http.Request, f *reportFormData, chosen []*multipart.FileHeader) string {
	if len(chosen) == 0 {
		return ""
	}
	var inv *cases.InvalidError
	if err := cases.CheckAttachmentCount(len(f.Attachments) + len(chosen)); errors.As(err, &inv) {
		return inv.Message("attachments")
	}
	for i, fh := range chosen {
		if err := cases.CheckAttachmentSize(i+1, fh.Size); errors.As(err, &inv) {
			return inv.Message("attachments")
		}
		data, err := readUpload(fh, cases.MaxAttachmentSize)
		if err != nil {
			return s.msg.T("report.upload_failed")
		}
		a, err := s.cfg.Cases.SaveUpload(r.Context(), i+1, cases.Upload{Name: fh.Filename, Data: data})
		if errors.As(err, &inv) {
			return inv.Message("attachments")
		}
		if err != nil {
			return s.msg.T("report.upload_failed")
		}
		f.Attachments = append(f.Attachments, a.Token)
	}
	return ""
}

// attachmentRow is one file on the back office's case page.
type attachmentRow struct {
	URL, Name, Type, Size string
}

// caseAttachmentRows lists the files of c for its back-office page.
func (s *Server) caseAttachmentRows(ctx context.Context, c *cases.Case) ([]attachmentRow, error) {
	list, err := s.cfg.Cases.Attachments(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	kinds := map[string]string{files.TypePDF: "PDF", files.TypeJPEG: "JPEG", files.TypePNG: "PNG"}
	var out []attachmentRow
	for _, a := range list {
		out = append(out, attachmentRow{URL: "/quan-tri/phan-anh/" + c.Code + "/tep/" + strconv.FormatInt(a.ID, 10),
			Name: a.Name, Type: kinds[a.ContentType], Size: files.FormatSize(int64(a.Size))})
	}
	return out, nil
}

// adminCaseAttachment serves a case's file as a download, never inline
// (its type was sniffed when it came in, and nosniff keeps the browser to
// it), and records who took it: the file may hold personal data.
func (s *Server) adminCaseAttachment(w http.ResponseWriter, r *http.Request) error {
	c, err := s.adminCaseByCode(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("attachment_id"), 10, 64)
	if err != nil {
		return notFoundErr(s.msg.T("admin.cases.attachment_not_found"))
	}
	a, data, err := s.cfg.Cases.AttachmentData(r.Context(), c.ID, id)
	if errors.Is(err, cases.ErrNotFound) {
		return notFoundErr(s.msg.T("admin.cases.attachment_not_found"))
	}
	if err != nil {
		return err
	}
	if err := audit.Record(r.Context(), s.cfg.DB, audit.Entry{Actor: currentUser(r).Actor(), Action: "case.attachment_download",
		ObjectType: "case", ObjectID: c.Code, Agency: c.Agency}); err != nil {
		return err
	}
	attachment(w, a.Name, a.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}
