package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/cases"
)

// reportRequest is the JSON body of POST /api/v1/reports.
type reportRequest struct {
	Category     string `json:"category"`
	Service      string `json:"service"`
	ProvinceCode string `json:"province_code"`
	CommuneCode  string `json:"commune_code"`
	Description  string `json:"description"`
	Contact      struct {
		Name  string `json:"name"`
		Phone string `json:"phone"`
		Email string `json:"email"`
	} `json:"contact"`
	// Attachments are up to cases.MaxAttachments files, each a name and
	// its bytes in standard base64 (what encoding/json does with []byte):
	// one JSON request, so that the idempotency key covers the files too.
	Attachments []struct {
		Name string `json:"name"`
		Data []byte `json:"data"`
	} `json:"attachments"`
}

// maxReportAPIBody bounds POST /api/v1/reports: the fields, and
// MaxAttachments files of MaxAttachmentSize in base64 (4 characters for 3
// bytes).
const maxReportAPIBody = cases.MaxAttachments*(cases.MaxAttachmentSize/3+1)*4 + 2*maxReportBody

// reportJSON is the public view of a report over the API: what the status
// page shows, never the contact.
type reportJSON struct {
	Code        string           `json:"code"`
	URL         string           `json:"url"`
	State       string           `json:"state"`
	StateLabel  string           `json:"state_label"`
	Category    string           `json:"category"`
	Service     string           `json:"service,omitempty"`
	Province    string           `json:"province_code,omitempty"`
	Commune     string           `json:"commune_code,omitempty"`
	Agency      string           `json:"agency,omitempty"`
	Description string           `json:"description"`
	CreatedAt   time.Time        `json:"created_at"`
	AnswerDue   *time.Time       `json:"answer_due,omitempty"`
	Overdue     bool             `json:"overdue"`
	Answer      string           `json:"answer,omitempty"`
	PublishedAt *time.Time       `json:"published_at,omitempty"`
	Referral    string           `json:"referral,omitempty"`
	DuplicateOf string           `json:"duplicate_of,omitempty"`
	Events      []reportEventDTO `json:"events"`
}

type reportEventDTO struct {
	At    time.Time `json:"at"`
	Label string    `json:"label"`
	State string    `json:"state,omitempty"`
	Note  string    `json:"note,omitempty"`
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (s *Server) reportDTO(r *http.Request, v *cases.PublicView) reportJSON {
	out := reportJSON{Code: v.Code, URL: s.baseURL(r) + "/phan-anh/" + v.Code, State: string(v.State), StateLabel: v.StateLabel,
		Category: string(v.Category), Service: v.ServiceSlug, Province: v.ProvinceCode, Commune: v.CommuneCode,
		Agency: v.Agency, Description: v.Description, CreatedAt: v.CreatedAt, AnswerDue: optTime(v.AnswerDue),
		Overdue: v.Overdue, Answer: v.Answer, PublishedAt: optTime(v.PublishedAt), Referral: v.Referral,
		DuplicateOf: v.DuplicateOf, Events: []reportEventDTO{}}
	for _, e := range v.Events {
		out.Events = append(out.Events, reportEventDTO{At: e.At, Label: e.Label, State: string(e.State), Note: e.Note})
	}
	return out
}

// apiReportCreate files a report from another system (a portal, an app)
// on behalf of a citizen: the same rules as the form, the same per-address
// limit, JSON errors with one message per field. With an Idempotency-Key
// header a client may resend until it gets an answer: the report is filed
// once, and every repeat gets the first answer, byte for byte, with
// Idempotent-Replayed: true.
func (s *Server) apiReportCreate(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxReportAPIBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: s.msg.T("report.upload_too_large")}
	}
	if err != nil {
		return badRequest("invalid_body", s.msg.T("report.too_large"))
	}
	var req reportRequest
	if err := json.Unmarshal(body, &req); err != nil {
		var b64 base64.CorruptInputError
		if errors.As(err, &b64) {
			return badRequest("invalid_attachments", s.msg.T("report.bad_base64"))
		}
		return badRequest("invalid_json", s.msg.T("report.bad_json"))
	}
	if err := s.reportLimit(r, reportPerClient); err != nil {
		return err
	}
	if !cases.Category(req.Category).Valid() {
		return badRequest("invalid_category", s.msg.T("report.choose_category"))
	}
	in := cases.Intake{Scope: cases.ScopeAPI, Key: r.Header.Get("Idempotency-Key"),
		Case: cases.NewCase{Source: cases.SourceWeb, Channel: cases.ChannelAPI,
			Category: cases.Category(req.Category), ServiceSlug: req.Service, ProvinceCode: req.ProvinceCode,
			CommuneCode: req.CommuneCode, Description: req.Description,
			Contact: cases.Contact{Name: req.Contact.Name, Phone: req.Contact.Phone, Email: req.Contact.Email}},
		// The answer is written in the case's transaction and stored with
		// the key: a repeat gets these very bytes.
		Answer: func(v *cases.PublicView) (string, error) {
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			err := enc.Encode(s.reportDTO(r, v))
			return b.String(), err
		}}
	for _, a := range req.Attachments {
		in.Files = append(in.Files, cases.Upload{Name: a.Name, Data: a.Data})
	}
	rec, err := s.cfg.Cases.Submit(r.Context(), in)
	var inv *cases.InvalidError
	switch {
	case errors.As(err, &inv) && len(inv.Fields) > 0:
		return badRequest("invalid_"+inv.Fields[0].Field, inv.Fields[0].Message)
	case errors.Is(err, cases.ErrKeyReused):
		return &Error{Status: http.StatusUnprocessableEntity, Code: "idempotency_key_reused", Message: s.msg.T("report.key_reused")}
	case err != nil:
		return err
	}
	if rec.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/api/v1/reports/"+rec.Code)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	_, err = io.WriteString(w, rec.Answer)
	return err
}

// apiReport returns the public view of a report.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	v, err := s.cfg.Cases.PublicStatus(r.Context(), r.PathValue("code"))
	if errors.Is(err, cases.ErrNotFound) {
		return notFoundErr(s.msg.T("case.not_found"))
	}
	if err != nil {
		return err
	}
	return writeJSON(w, s.reportDTO(r, v))
}
