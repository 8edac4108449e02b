package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
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
}

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
// limit, JSON errors with one message per field.
func (s *Server) apiReportCreate(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxReportBody))
	if err != nil {
		return badRequest("invalid_body", s.msg.T("report.too_large"))
	}
	var req reportRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return badRequest("invalid_json", s.msg.T("report.bad_json"))
	}
	if err := s.reportLimit(r, reportPerClient); err != nil {
		return err
	}
	if !cases.Category(req.Category).Valid() {
		return badRequest("invalid_category", s.msg.T("report.choose_category"))
	}
	c, err := s.cfg.Cases.Open(r.Context(), cases.NewCase{Source: cases.SourceWeb, Channel: cases.ChannelAPI,
		Category: cases.Category(req.Category), ServiceSlug: req.Service, ProvinceCode: req.ProvinceCode,
		CommuneCode: req.CommuneCode, Description: req.Description,
		Contact: cases.Contact{Name: req.Contact.Name, Phone: req.Contact.Phone, Email: req.Contact.Email}})
	var inv *cases.InvalidError
	if errors.As(err, &inv) && len(inv.Fields) > 0 {
		return badRequest("invalid_"+inv.Fields[0].Field, inv.Fields[0].Message)
	}
	if err != nil {
		return err
	}
	v, err := s.cfg.Cases.PublicStatus(r.Context(), c.Code)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/reports/"+c.Code)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(s.reportDTO(r, v))
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
