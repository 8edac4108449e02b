package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/idempotency"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/units"
)

// reportRoutes are the citizens' side of reports (phản ánh, kiến nghị):
// the form, which works without JavaScript, the status page, the
// citizen's verdict on an answer, the public statistics and the JSON API.
func (s *Server) reportRoutes() []Route {
	site, api := SurfaceSite, SurfaceAPI
	return []Route{
		{"GET", "/phan-anh", PermPublic, nil, site, s.reportForm},
		{"POST", "/phan-anh", PermPublic, nil, site, s.reportSubmit},
		{"GET", "/phan-anh/tra-cuu", PermPublic, nil, site, s.reportLookup},
		{"GET", "/phan-anh/thong-ke", PermPublic, nil, site, s.reportStatsPage},
		{"GET", "/phan-anh/thong-ke.csv", PermPublic, nil, site, s.reportStatsCSV},
		{"GET", "/phan-anh/thong-ke.json", PermPublic, nil, api, s.reportStatsJSON},
		{"GET", "/phan-anh/{code}", PermPublic, nil, site, s.caseStatus},
		{"POST", "/phan-anh/{code}/danh-gia", PermPublic, nil, site, s.caseFeedback},
		{"POST", "/phan-anh/{code}/bo-sung", PermPublic, nil, site, s.caseAddInfo},

		{"POST", "/api/v1/reports", PermPublic, nil, api, s.apiReportCreate},
		{"GET", "/api/v1/reports/{code}", PermPublic, nil, api, s.apiReport},
	}
}

// Reports are public writes: a person files a few a day at most, so a
// handful per address per hour leaves room for a family or an office
// behind one address and stops a flood. The citizen's replies on the
// status page share a looser limit.
var (
	reportPerClient = ratelimit.Rule{Name: "report-ip", Max: 10, Window: time.Hour}
	replyPerClient  = ratelimit.Rule{Name: "report-reply-ip", Max: 20, Window: time.Hour}
)

// maxReportBody bounds the form: 4,000 characters of Vietnamese are at most
// 16 KB, plus the contact and the rest.
const maxReportBody = 32 << 10

// maxReportUpload bounds a form posted with its attachments: the form and
// MaxAttachments files of MaxAttachmentSize, with room for the multipart
// framing. Each file's own limit is checked apart, with a clearer message.
const maxReportUpload = cases.MaxAttachments*cases.MaxAttachmentSize + 2*maxReportBody

// honeypotField is a field people never see (hidden by report.css, out of
// the tab order); a bot filling every field fills it too.
const honeypotField = "website"

// choice is an option of a select.
type choice struct {
	Value, Label string
	Selected     bool
}

// reportFormData is what was typed into the form.
type reportFormData struct {
	Category, Service, Province, Commune string
	// ServiceQuery is the name typed in the service box (see
	// resolveReportService); it shows the chosen service's name once
	// Service is set.
	ServiceQuery       string
	Description        string
	Name, Phone, Email string
	// Confirmed says the citizen saw the similar reports and files anyway.
	Confirmed bool
	// Token is the form's idempotency key, drawn when the form is first
	// shown and carried in a hidden field: the same form posted twice
	// files one report.
	Token string
	// Attachments are the tokens of the files uploaded with earlier posts
	// of this form, waiting for the report.
	Attachments []string
}

type reportFormView struct {
	Base        Base
	Form        reportFormData
	ServiceName string
	Categories  []choice
	Provinces   []choice
	Communes    []choice
	// Errors holds a message per field; Error one for the whole form;
	// Notice asks for something before the form can be filed.
	Errors  map[string]string
	Error   string
	Notice  string
	Similar []cases.SimilarCase
	// ServiceChoices are the services matching the typed name when it
	// fits several: the form comes back to let the citizen pick one.
	ServiceChoices []choice
	Max            int
	// Uploaded are the files already uploaded (Form.Attachments), shown
	// with a box to keep each; MaxFiles is how many a report takes.
	Uploaded []cases.Attachment
	MaxFiles int
}

func (s *Server) reportBase() Base {
	return Base{Title: s.msg.T("report.title"), Description: s.msg.T("report.lead")}
}

// reportForm shows the empty form. ?dich-vu= names the service (a link
// from the service page), ?tinh= the province: choosing a province and
// pressing "show communes" reloads the form by GET with what was typed.
func (s *Server) reportForm(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	q := r.URL.Query()
	f := reportFormData{Category: q.Get("linh-vuc"), Service: q.Get("dich-vu"), Province: q.Get("tinh"),
		Commune: q.Get("xa"), Description: q.Get("noi-dung"), Name: q.Get("ho-ten"), Phone: q.Get("dien-thoai"), Email: q.Get("email"),
		Token: newFormToken()}
	return s.renderReportForm(w, r, http.StatusOK, reportFormView{Form: f})
}

func (s *Server) renderReportForm(w http.ResponseWriter, r *http.Request, status int, v reportFormView) error {
	ctx := r.Context()
	v.Base, v.Max, v.MaxFiles = s.reportBase(), cases.MaxDescription, cases.MaxAttachments
	if v.Form.Token == "" {
		v.Form.Token = newFormToken()
	}
	uploaded, err := s.cfg.Cases.PendingUploads(ctx, v.Form.Attachments)
	if err != nil {
		return err
	}
	v.Uploaded, v.Form.Attachments = uploaded, nil
	for _, a := range uploaded {
		v.Form.Attachments = append(v.Form.Attachments, a.Token)
	}
	for _, c := range cases.Categories() {
		v.Categories = append(v.Categories, choice{string(c), c.Label(), string(c) == v.Form.Category})
	}
	provinces, err := s.cfg.Units.Provinces(ctx)
	if err != nil {
		return err
	}
	for _, p := range provinces {
		v.Provinces = append(v.Provinces, choice{p.Code, p.FullName, p.Code == v.Form.Province})
	}
	if v.Form.Province != "" {
		communes, err := s.cfg.Units.Communes(ctx, v.Form.Province)
		if err != nil && !errors.Is(err, units.ErrNotFound) {
			return err
		}
		for _, c := range communes {
			v.Communes = append(v.Communes, choice{c.Code, c.FullName, c.Code == v.Form.Commune})
		}
	}
	if svc := s.cfg.Catalog.Current().BySlug(v.Form.Service); svc != nil {
		if v.Form.ServiceQuery == "" {
			// Arrived from a service page's link: the box shows its name.
			v.Form.ServiceQuery = svc.Name
		}
		// A name edited since is looked up when the form is sent; until
		// then the service is not shown as chosen.
		if sameName(svc.Name, v.Form.ServiceQuery) {
			v.ServiceName = svc.Name
		}
	} else {
		v.Form.Service = ""
	}
	return s.render(w, status, "report", v)
}

// reportSubmit files the report. Bad input shows the form again with a
// message per field; similar open reports are shown once before filing,
// so the citizen may follow one of them instead; success redirects to the
// status page, so a reload does not file twice. Files chosen are stored
// at once, waiting for the report, so that a form shown again keeps them
// (a browser cannot refill a file input); the form's token makes a
// second post of the same form find the report the first one filed.
func (s *Server) reportSubmit(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	if err := s.parseReportForm(w, r); err != nil {
		return err
	}
	p := r.PostForm
	f := reportFormData{Category: p.Get("category"), Service: p.Get("service"), ServiceQuery: p.Get("service_query"),
		Province: p.Get("province"), Commune: p.Get("commune"), Description: p.Get("description"), Name: p.Get("name"), Phone: p.Get("phone"),
		Email: p.Get("email"), Confirmed: p.Get("confirm") == "1", Token: p.Get("token"), Attachments: p["attachment"]}
	if !idempotency.ValidKey(f.Token) {
		f.Token = newFormToken()
	}
	chosen := chosenFiles(r)
	if p.Get("show_communes") != "" && len(chosen) == 0 {
		return s.renderReportForm(w, r, http.StatusOK, reportFormView{Form: f})
	}
	if p.Get(honeypotField) != "" {
		// Tell the bot nothing it could learn from; store nothing.
		return badRequest("rejected", s.msg.T("report.rejected"))
	}
	// The same form posted again (a double tap, a reload after a lost
	// answer): the report it filed stands, and its files are not stored
	// twice.
	if rec, ok, err := s.cfg.Cases.ReplayForm(r.Context(), f.Token); err != nil {
		return err
	} else if ok {
		http.Redirect(w, r, "/phan-anh/"+rec.Code+"?moi=1", http.StatusSeeOther)
		return nil
	}
	if err := s.reportLimit(r, reportPerClient); err != nil {
		return err
	}
	errs := map[string]string{}
	if msg := s.storeChosenFiles(r, &f, chosen); msg != "" {
		errs["attachments"] = msg
	}
	if p.Get("show_communes") != "" {
		return s.renderReportForm(w, r, http.StatusOK, reportFormView{Form: f, Errors: errs})
	}
	if !cases.Category(f.Category).Valid() {
		errs["category"] = s.msg.T("report.choose_category")
	}
	svc := s.resolveReportService(&f, p.Get("service_choice"))
	if svc.Problem != "" {
		errs["service_query"] = svc.Problem
	}
	in := cases.NewCase{Source: cases.SourceWeb, Category: cases.Category(f.Category), ServiceSlug: f.Service,
		ProvinceCode: f.Province, CommuneCode: f.Commune, Description: f.Description,
		Contact: cases.Contact{Name: f.Name, Phone: f.Phone, Email: f.Email}}
	if _, err := s.cfg.Cases.Validate(r.Context(), in); err != nil {
		var inv *cases.InvalidError
		if !errors.As(err, &inv) {
			return err
		}
		for _, fe := range inv.Fields {
			errs[fe.Field] = fe.Message
		}
	}
	if len(svc.Choices) > 0 {
		// Nothing is wrong yet, but nothing is filed either: the citizen
		// picks the service first (and fixes any other field meanwhile).
		v := reportFormView{Form: f, Errors: errs, ServiceChoices: svc.Choices, Notice: s.msg.T("report.service_pick")}
		status := http.StatusOK
		if len(errs) > 0 {
			status, v.Error = http.StatusBadRequest, s.msg.T("report.fix")
		}
		return s.renderReportForm(w, r, status, v)
	}
	if len(errs) > 0 {
		return s.renderReportForm(w, r, http.StatusBadRequest, reportFormView{Form: f, Errors: errs, Error: s.msg.T("report.fix")})
	}
	if !f.Confirmed {
		similar, err := s.cfg.Cases.Similar(r.Context(), cases.SimilarQuery{Category: in.Category,
			ServiceSlug: in.ServiceSlug, ProvinceCode: in.ProvinceCode, Text: in.Description})
		if err != nil {
			return err
		}
		if len(similar) > 0 {
			f.Confirmed = true
			return s.renderReportForm(w, r, http.StatusOK, reportFormView{Form: f, Similar: similar})
		}
	}
	rec, err := s.cfg.Cases.Submit(r.Context(), cases.Intake{Case: in, Scope: cases.ScopeForm, Key: f.Token, Tokens: f.Attachments})
	if err != nil {
		return s.reportInvalid(w, r, f, err)
	}
	http.Redirect(w, r, "/phan-anh/"+rec.Code+"?moi=1", http.StatusSeeOther)
	return nil
}

// reportInvalid shows the form again with the store's field messages, or
// returns the error when it is not the citizen's to fix.
func (s *Server) reportInvalid(w http.ResponseWriter, r *http.Request, f reportFormData, err error) error {
	var inv *cases.InvalidError
	if !errors.As(err, &inv) {
		return err
	}
	v := reportFormView{Form: f, Errors: map[string]string{}, Error: s.msg.T("report.fix")}
	for _, fe := range inv.Fields {
		v.Errors[fe.Field] = fe.Message
	}
	return s.renderReportForm(w, r, http.StatusBadRequest, v)
}

// reportLimit applies a per-address limit to a citizen's write.
func (s *Server) reportLimit(r *http.Request, rule ratelimit.Rule) error {
	ok, err := s.cfg.Limiter.Allow(r.Context(), rule, clientIP(r))
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: s.msg.T("report.too_many")}
	}
	return nil
}

// reportLookup sends the code typed in the lookup box to its page.
func (s *Server) reportLookup(w http.ResponseWriter, r *http.Request) error {
	code, ok := cases.NormalizeCode(r.URL.Query().Get("ma"))
	if !ok {
		return notFoundErr(s.msg.T("case.not_found"))
	}
	http.Redirect(w, r, "/phan-anh/"+url.PathEscape(code), http.StatusSeeOther)
	return nil
}

type caseStatusView struct {
	Base   Base
	Status *cases.PublicView
	// New is set right after filing: the page shows the code to keep.
	New bool
	// AgencyName names the agency handling the case.
	AgencyName  string
	ServiceName string
	AreaName    string
	// Due and ReopenUntil are shown as dates in Vietnam.
	Due, ReopenUntil, PublishedAt string
	// Message confirms a reply (feedback, information added); Error
	// explains why one was refused.
	Message, Error string
}

// caseStatus is the public page of a case: what was asked, where it is,
// whether it is late, the published answer — never who asked.
func (s *Server) caseStatus(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	v, err := s.caseStatusView(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	v.New = r.URL.Query().Get("moi") == "1"
	v.Message = s.msg[flashPrefix+"report."+r.URL.Query().Get("ok")]
	return s.render(w, http.StatusOK, "case", v)
}

func (s *Server) caseStatusView(ctx context.Context, code string) (caseStatusView, error) {
	st, err := s.cfg.Cases.PublicStatus(ctx, code)
	if errors.Is(err, cases.ErrNotFound) {
		return caseStatusView{}, notFoundErr(s.msg.T("case.not_found"))
	}
	if err != nil {
		return caseStatusView{}, err
	}
	v := caseStatusView{Base: Base{Title: s.msg.T("case.title") + " " + st.Code}, Status: st,
		Due: vnDate(st.AnswerDue), ReopenUntil: vnDate(st.ReopenUntil), PublishedAt: vnDate(st.PublishedAt)}
	if st.Agency != "" {
		v.AgencyName = s.agencyNameCtx(ctx, st.Agency)
	}
	if svc := s.cfg.Catalog.Current().BySlug(st.ServiceSlug); svc != nil {
		v.ServiceName = svc.Name
	}
	for _, code := range []string{st.CommuneCode, st.ProvinceCode} {
		if code == "" {
			continue
		}
		if u, err := s.cfg.Units.Unit(ctx, code); err == nil {
			if v.AreaName != "" {
				v.AreaName += ", "
			}
			v.AreaName += u.FullName
		}
	}
	return v, nil
}

// vnDate formats t as a date in Vietnam, "" for the zero time.
func vnDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnamZone).Format("02/01/2006")
}

// caseFeedback takes the citizen's "was it solved?" answer: yes closes
// the case, no reopens it within 30 days of the answer.
func (s *Server) caseFeedback(w http.ResponseWriter, r *http.Request) error {
	return s.caseReply(w, r, func(code string) (string, error) {
		solved := r.PostForm.Get("solved")
		if solved != "yes" && solved != "no" {
			return "", badRequest("invalid_form", s.msg.T("report.choose_solved"))
		}
		_, err := s.cfg.Cases.Feedback(r.Context(), code, solved == "yes", r.PostForm.Get("note"))
		switch {
		case errors.Is(err, cases.ErrReopenWindow):
			return "", &Error{Status: http.StatusConflict, Code: "too_late", Message: s.msg.T("report.too_late")}
		case errors.Is(err, cases.ErrFeedbackGiven), errors.Is(err, cases.ErrBadTransition):
			return "", &Error{Status: http.StatusConflict, Code: "conflict", Message: s.msg.T("report.feedback_given")}
		}
		if solved == "no" {
			return "reopened", err
		}
		return "thanks", err
	})
}

// caseAddInfo takes the information the agency asked the citizen for.
func (s *Server) caseAddInfo(w http.ResponseWriter, r *http.Request) error {
	return s.caseReply(w, r, func(code string) (string, error) {
		_, err := s.cfg.Cases.AddInfo(r.Context(), code, r.PostForm.Get("info"))
		if errors.Is(err, cases.ErrBadTransition) {
			return "", &Error{Status: http.StatusConflict, Code: "conflict", Message: s.msg.T("report.no_info_needed")}
		}
		return "info_added", err
	})
}

// caseReply runs a citizen's reply on the status page: limited per
// address, errors shown on the page itself, success redirected to it.
func (s *Server) caseReply(w http.ResponseWriter, r *http.Request, fn func(code string) (string, error)) error {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, maxReportBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("report.too_large"))
	}
	code := r.PathValue("code")
	if err := s.reportLimit(r, replyPerClient); err != nil {
		return err
	}
	ok, err := fn(code)
	if errors.Is(err, cases.ErrNotFound) {
		return notFoundErr(s.msg.T("case.not_found"))
	}
	var he *Error
	var inv *cases.InvalidError
	if errors.As(err, &inv) && len(inv.Fields) > 0 {
		he = &Error{Status: http.StatusBadRequest, Code: "invalid", Message: inv.Fields[0].Message}
	} else if errors.As(err, &he) && he.Status >= 500 {
		he = nil
	}
	if he != nil {
		v, verr := s.caseStatusView(r.Context(), code)
		if verr != nil {
			return verr
		}
		v.Error = he.Message
		return s.render(w, he.Status, "case", v)
	}
	if err != nil {
		return err
	}
	c, _ := cases.NormalizeCode(code)
	http.Redirect(w, r, "/phan-anh/"+c+"?ok="+ok, http.StatusSeeOther)
	return nil
}
