package web

import (
	"errors"
	"net/http"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/staff"
)

type adminCaseNewView struct {
	Admin      AdminBase
	Form       reportFormData
	Source     string
	Mine       bool
	Categories []choice
	Provinces  []choice
	Errors     map[string]string
	Error      string
	// Created is the code of the case just opened, to read to the caller.
	Created    string
	CreatedURL string
}

// adminCaseNew is the hotline intake: an officer types a call (or a letter)
// into the same case model as the site's form.
func (s *Server) adminCaseNew(w http.ResponseWriter, r *http.Request) error {
	return s.renderAdminCaseNew(w, r, http.StatusOK, adminCaseNewView{Source: string(cases.SourceHotline)})
}

func (s *Server) renderAdminCaseNew(w http.ResponseWriter, r *http.Request, status int, v adminCaseNewView) error {
	v.Admin = s.adminBase(r, s.msg.T("admin.cases.new"))
	for _, c := range cases.Categories() {
		v.Categories = append(v.Categories, choice{string(c), c.Label(), string(c) == v.Form.Category})
	}
	provinces, err := s.cfg.Units.Provinces(r.Context())
	if err != nil {
		return err
	}
	for _, p := range provinces {
		v.Provinces = append(v.Provinces, choice{p.Code, p.FullName, p.Code == v.Form.Province})
	}
	return s.render(w, status, "admin/case_new", v)
}

// adminCaseCreate opens the case, routed by the rules unless the officer
// keeps it for their own agency, and shows its code to read back.
func (s *Server) adminCaseCreate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxReportBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	u, p := currentUser(r), r.PostForm
	v := adminCaseNewView{Source: p.Get("source"), Mine: p.Get("mine") == "1", Form: reportFormData{
		Category: p.Get("category"), Service: p.Get("service"), Province: p.Get("province"), Commune: p.Get("commune"),
		Description: p.Get("description"), Name: p.Get("name"), Phone: p.Get("phone"), Email: p.Get("email")}}
	src := cases.Source(v.Source)
	if src != cases.SourceHotline && src != cases.SourceBackoffice {
		src = cases.SourceHotline
	}
	in := cases.NewCase{Source: src, Category: cases.Category(v.Form.Category), ServiceSlug: v.Form.Service,
		ProvinceCode: v.Form.Province, CommuneCode: v.Form.Commune, Description: v.Form.Description,
		Contact: cases.Contact{Name: v.Form.Name, Phone: v.Form.Phone, Email: v.Form.Email}, By: cases.StaffActor(u.ID)}
	if v.Mine && u.Agency != staff.National {
		in.Agency = u.Agency
	}
	c, err := s.cfg.Cases.Open(r.Context(), in)
	var inv *cases.InvalidError
	if errors.As(err, &inv) {
		v.Errors, v.Error = map[string]string{}, s.msg.T("report.fix")
		for _, fe := range inv.Fields {
			v.Errors[fe.Field] = fe.Message
		}
		return s.renderAdminCaseNew(w, r, http.StatusBadRequest, v)
	}
	if err != nil {
		return err
	}
	done := adminCaseNewView{Source: v.Source, Created: c.Code}
	if c.Agency != "" && s.inUserScope(u, c.Agency) || c.Agency == "" && broadScope(u) {
		done.CreatedURL = "/quan-tri/phan-anh/" + c.Code
	}
	return s.renderAdminCaseNew(w, r, http.StatusCreated, done)
}

// inboxRow is one escalation in an inbox.
type inboxRow struct {
	Code, URL, State, Level, Target, When string
	Round                                 int
}

type adminCaseInboxView struct {
	Admin AdminBase
	Rows  []inboxRow
	All   bool
}

// adminCaseInbox lists the escalations addressed to the user: reminders
// for handlers (theirs, or their agency's queue's), late cases for agency
// admins, their communes' late cases for a province, and everything for
// the national coordinator.
func (s *Server) adminCaseInbox(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), currentUser(r)
	scope, err := s.scopeAgencies(ctx, u)
	if err != nil {
		return err
	}
	f := cases.InboxFilter{Agencies: scope, OpenOnly: r.URL.Query().Get("tat-ca") != "1", Limit: 200}
	switch {
	case u.Role == staff.RoleAdmin:
	case u.Role == staff.RoleAgencyAdmin:
		f.Roles = []string{cases.TargetHandler, cases.TargetAgencyAdmin, cases.TargetParent}
	default:
		f.Roles, f.User = []string{cases.TargetHandler}, u.ID
	}
	if u.Agency == staff.National && u.Role != staff.RoleAdmin {
		f.Roles = append(f.Roles, cases.TargetNational)
	}
	list, err := s.cfg.Cases.Inbox(ctx, f)
	if err != nil {
		return err
	}
	view := adminCaseInboxView{Admin: s.adminBase(r, s.msg.T("admin.cases.inbox")), All: !f.OpenOnly}
	names := s.newAgencyNames(ctx)
	for _, e := range list {
		view.Rows = append(view.Rows, inboxRow{Code: e.CaseCode, URL: "/quan-tri/phan-anh/" + e.CaseCode,
			State: e.CaseState.Label(), Level: e.Level.Label(), Target: names.name(e.TargetAgency), When: vnTime(e.At), Round: e.Round})
	}
	return s.render(w, http.StatusOK, "admin/case_inbox", view)
}
