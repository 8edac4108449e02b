package web

import (
	"net/http"
	"strconv"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/staff"
)

// adminPages are the back-office pages, rendered inside the admin layout.
var adminPages = append([]string{"login", "password", "dashboard", "error", "guides", "guide_edit", "guide_history", "revision",
	"users", "user_new", "user", "security", "tokens", "audit", "jobs"}, append(append(append(assistantAdminPages, ratingAdminPages...), targetAdminPages...), surveyAdminPages...)...)

// adminRoutes lists the back office. Each line says which permission the
// route needs and, where it acts on one agency's object, how to find that
// agency (Scope); the adapter checks both before the handler runs, and a
// test walks every line for every role, in and out of scope.
func (s *Server) adminRoutes() []Route {
	admin := SurfaceAdmin
	routes := []Route{
		{"GET", "/quan-tri/dang-nhap", PermPublic, nil, SurfaceSite, s.loginPage},
		{"POST", "/quan-tri/dang-nhap", PermPublic, nil, SurfaceSite, s.login},
		{"POST", "/quan-tri/dang-xuat", PermSignedIn, nil, admin, s.logout},
		{"GET", "/quan-tri/mat-khau", PermSignedIn, nil, admin, s.passwordPage},
		{"POST", "/quan-tri/mat-khau", PermSignedIn, nil, admin, s.changePassword},
		{"GET", "/quan-tri", PermSignedIn, nil, admin, s.dashboard},
	}
	routes = append(routes, s.guideRoutes()...)
	routes = append(routes, s.accountRoutes()...)
	routes = append(routes, s.securityRoutes()...)
	routes = append(routes, s.tokenRoutes()...)
	routes = append(routes, s.auditRoutes()...)
	routes = append(routes, s.jobRoutes()...)
	return routes
}

// flashPrefix starts the message keys of confirmations shown after a redirect.
const flashPrefix = "admin.flash."

// AdminBase is what the admin layout needs on every page.
type AdminBase struct {
	Title string
	User  *staff.User
	Menu  []menuItem
	Flash string
}

// menuItem is a link to a part of the back office the user may use.
type menuItem struct {
	URL, Label, Hint string
}

// adminBase builds the layout data for the signed-in user: the menu shows
// only what their role may open.
func (s *Server) adminBase(r *http.Request, title string) AdminBase {
	u := currentUser(r)
	// ?ok=code after a redirect shows the matching confirmation; unknown
	// codes show nothing, so the link cannot put text on the page.
	b := AdminBase{Title: title, User: u, Flash: s.msg[flashPrefix+r.URL.Query().Get("ok")]}
	if u == nil {
		return b
	}
	for _, m := range s.menu() {
		if u.Can(m.perm) {
			b.Menu = append(b.Menu, menuItem{URL: m.url, Label: s.msg.T(m.label), Hint: s.msg.T(m.label + "_hint")})
		}
	}
	return b
}

// menuEntry is a back-office section and the permission that opens it.
type menuEntry struct {
	url, label string
	perm       staff.Perm
}

// menu lists the back-office sections in the order shown.
func (s *Server) menu() []menuEntry {
	return []menuEntry{
		{adminPrefix + "/huong-dan", "admin.menu.guides", staff.PermGuideEdit},
		{adminPrefix + "/tro-ly/cau-hoi", "admin.menu.assistant_inbox", staff.PermGuideEdit},
		{adminPrefix + "/tro-ly/thong-ke", "admin.menu.assistant_stats", staff.PermDashboardRead},
		{adminPrefix + "/danh-gia", "admin.menu.ratings", staff.PermDashboardRead},
		{adminPrefix + "/khao-sat", "admin.menu.surveys", staff.PermSurveyManage},
		{adminPrefix + "/muc-tieu", "admin.menu.targets", staff.PermDashboardRead},
		{adminPrefix + "/so-lieu", "admin.menu.measure_dashboard", staff.PermDashboardRead},
		{adminPrefix + "/so-lieu/nhap", "admin.menu.measure_import", staff.PermMeasureIngest},
		{adminPrefix + "/so-lieu/tham-so", "admin.menu.measure_params", staff.PermDashboardRead},
		{adminPrefix + "/tai-khoan", "admin.menu.users", staff.PermUserManage},
		{adminPrefix + "/api-token", "admin.menu.tokens", staff.PermTokenManage},
		{adminPrefix + "/nhat-ky", "admin.menu.audit", staff.PermAuditRead},
		{adminPrefix + "/tac-vu", "admin.menu.jobs", staff.PermJobsRead},
		{adminPrefix + "/thu-di", "admin.menu.outbox", staff.PermJobsRead},
		{adminPrefix + "/phan-anh", "admin.menu.cases", staff.PermCaseHandle},
		{adminPrefix + "/phan-anh/hop-thu", "admin.menu.case_inbox", staff.PermCaseHandle},
		{adminPrefix + "/phan-anh/tiep-nhan", "admin.menu.case_new", staff.PermCaseCreate},
		{adminPrefix + "/phan-anh-cau-hinh", "admin.menu.case_config", staff.PermCaseConfigure},
		{adminPrefix + "/lich-lam-viec", "admin.menu.workdays", staff.PermCaseConfigure},
	}
}

type dashboardView struct {
	Admin      AdminBase
	AgencyName string
	// Tasks are "my tasks": drafts to review, drafts returned to me, my
	// drafts and what I am waiting on.
	ToReview, Returned, Drafts, Waiting []taskRow
}

// taskRow is one revision in a task list.
type taskRow struct {
	URL, Service, Scope, State, Author, When, Note string
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	view := dashboardView{Admin: s.adminBase(r, s.msg.T("admin.dashboard")), AgencyName: s.agencyName(r, u.Agency)}
	tasks, err := s.cfg.Store.MyTasks(r.Context(), u)
	if err != nil {
		return err
	}
	snap := s.cfg.Catalog.Current()
	names := s.newAgencyNames(r.Context())
	rows := func(revs []catalog.Revision, review bool) []taskRow {
		var out []taskRow
		for _, rev := range revs {
			row := taskRow{
				URL: documentURL(rev.ServiceCode, rev.Scope), Service: rev.ServiceCode, Scope: s.msg.T("admin.guides.national"),
				State: rev.State.Label(), Author: rev.AuthorName, When: vnTime(rev.UpdatedAt), Note: rev.ReviewNote,
			}
			if review || rev.State != catalog.StateDraft {
				row.URL = "/quan-tri/ban-thao/" + strconv.FormatInt(rev.ID, 10)
			}
			if svc := snap.ByCode(rev.ServiceCode); svc != nil {
				row.Service = svc.Name
			}
			if rev.Scope != "" {
				row.Scope = names.name(rev.Scope)
			}
			out = append(out, row)
		}
		return out
	}
	view.ToReview, view.Returned = rows(tasks.ToReview, true), rows(tasks.Returned, false)
	view.Drafts, view.Waiting = rows(tasks.Drafts, false), rows(tasks.Waiting, false)
	return s.render(w, http.StatusOK, "admin/dashboard", view)
}

// agencyName is the agency's name for display, or its code when unknown.
func (s *Server) agencyName(r *http.Request, code string) string {
	if code == staff.National {
		return s.msg.T("admin.national")
	}
	if a, err := s.cfg.Units.Agency(r.Context(), code); err == nil {
		return a.Name
	}
	return code
}

// renderAdminError shows an error inside the back-office layout.
func (s *Server) renderAdminError(w http.ResponseWriter, r *http.Request, he *Error) {
	heading := s.msg.T("error.title")
	switch he.Status {
	case http.StatusNotFound:
		heading = s.msg.T("error.not_found_title")
	case http.StatusForbidden:
		heading = s.msg.T("admin.forbidden_title")
	}
	view := errorAdminView{Admin: s.adminBase(r, heading), Heading: heading, Message: he.Message}
	if err := s.render(w, he.Status, "admin/error", view); err != nil {
		s.log.Error("render admin error page", "err", err, "request_id", requestID(r.Context()))
		http.Error(w, he.Message, he.Status)
	}
}

type errorAdminView struct {
	Admin   AdminBase
	Heading string
	Message string
}
