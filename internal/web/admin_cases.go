package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/staff"
)

// adminCaseRoutes is the back office of citizens' reports: the scoped
// queue, one case with its history and actions, the hotline intake, the
// escalation inbox, and the national settings (routing, deadlines, the
// working-day calendar). Every route acting on one case finds its agency
// with caseScope, so the adapter refuses a case outside the user's scope
// before the handler runs.
func (s *Server) adminCaseRoutes() []Route {
	admin := SurfaceAdmin
	handle, create, configure := need(staff.PermCaseHandle), need(staff.PermCaseCreate), need(staff.PermCaseConfigure)
	return []Route{
		{"GET", "/quan-tri/phan-anh", handle, nil, admin, s.adminCases},
		{"GET", "/quan-tri/phan-anh/hop-thu", handle, nil, admin, s.adminCaseInbox},
		{"GET", "/quan-tri/phan-anh/tiep-nhan", create, nil, admin, s.adminCaseNew},
		{"POST", "/quan-tri/phan-anh/tiep-nhan", create, nil, admin, s.adminCaseCreate},
		{"GET", "/quan-tri/phan-anh/{case_code}", handle, s.caseScope, admin, s.adminCase},
		{"POST", "/quan-tri/phan-anh/{case_code}/thao-tac", handle, s.caseScope, admin, s.adminCaseAction},
		{"POST", "/quan-tri/phan-anh/{case_code}/lien-he", handle, s.caseScope, admin, s.adminCaseContact},
		{"GET", "/quan-tri/lich-lam-viec", configure, nil, admin, s.adminWorkdays},
		{"POST", "/quan-tri/lich-lam-viec", configure, nil, admin, s.adminWorkdaySet},
		{"POST", "/quan-tri/lich-lam-viec/xoa", configure, nil, admin, s.adminWorkdayDelete},
		{"GET", "/quan-tri/phan-anh-cau-hinh", configure, nil, admin, s.adminCaseConfig},
		{"POST", "/quan-tri/phan-anh-cau-hinh/dinh-tuyen", configure, nil, admin, s.adminRouteSet},
		{"POST", "/quan-tri/phan-anh-cau-hinh/dinh-tuyen/xoa", configure, nil, admin, s.adminRouteDelete},
		{"POST", "/quan-tri/phan-anh-cau-hinh/thoi-han", configure, nil, admin, s.adminDeadlinesSet},
	}
}

// init registers the pages of this part of the site with the template
// parser, so that the shared page lists need no edit.
func init() {
	sitePages = append(sitePages, "report", "report_stats")
	adminPages = append(adminPages, "cases", "case", "case_new", "case_inbox", "workdays", "case_config")
}

// caseScope finds the agency of the case named by {case_code}: the agency
// handling it, or the national coordinator's for a case nobody has routed.
func (s *Server) caseScope(r *http.Request) (string, error) {
	c, err := s.adminCaseByCode(r)
	if err != nil {
		return "", err
	}
	if c.Agency == "" {
		return staff.National, nil
	}
	return c.Agency, nil
}

func (s *Server) adminCaseByCode(r *http.Request) (*cases.Case, error) {
	c, err := s.cfg.Cases.ByCode(r.Context(), r.PathValue("case_code"))
	if errors.Is(err, cases.ErrNotFound) {
		return nil, notFoundErr(s.msg.T("case.not_found"))
	}
	return c, err
}

// handlerOf is the signed-in user as the cases package sees them.
func handlerOf(u *staff.User) cases.Handler {
	return cases.Handler{ID: u.ID, Name: u.Username, Agency: u.Agency, Override: u.Can(staff.PermCasePublishOverride)}
}

// caseRow is one line of the queue.
type caseRow struct {
	Code, URL, State, Category, Agency, Source, Created, Due, Summary string
	Overdue                                                           bool
}

type adminCasesView struct {
	Admin            AdminBase
	Rows             []caseRow
	States           []choice
	Mine, Overdue    bool
	Unrouted, Broad  bool
	Total            int
	PrevURL, NextURL string
	CanCreate        bool
}

const casesPerPage = 50

// adminCases is the queue: the cases of the agencies in the user's scope
// (all for the national level), newest first, with filters.
func (s *Server) adminCases(w http.ResponseWriter, r *http.Request) error {
	ctx, u, q := r.Context(), currentUser(r), r.URL.Query()
	scope, err := s.scopeAgencies(ctx, u)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(q.Get("trang"))
	page = max(page, 1)
	f := cases.Filter{Agencies: scope, State: cases.State(q.Get("trang-thai")), Limit: casesPerPage, Offset: (page - 1) * casesPerPage}
	if !f.State.Valid() {
		f.State = ""
	}
	view := adminCasesView{Admin: s.adminBase(r, s.msg.T("admin.cases.title")), Broad: scope == nil,
		Mine: q.Get("cua-toi") == "1", Overdue: q.Get("qua-han") == "1", Unrouted: q.Get("chua-giao") == "1",
		CanCreate: u.Can(staff.PermCaseCreate)}
	if view.Mine {
		f.AssigneeID = u.ID
	}
	if view.Overdue {
		f.DueBefore = s.cfg.Cases.Now()
	}
	if view.Unrouted && view.Broad {
		f.Unrouted = true
	}
	list, err := s.cfg.Cases.List(ctx, f)
	if err != nil {
		return err
	}
	if view.Total, err = s.cfg.Cases.Count(ctx, f); err != nil {
		return err
	}
	for _, st := range cases.States() {
		view.States = append(view.States, choice{string(st), st.Label(), st == f.State})
	}
	names := s.newAgencyNames(ctx)
	now := s.cfg.Cases.Now()
	for _, c := range list {
		row := caseRow{Code: c.Code, URL: "/quan-tri/phan-anh/" + c.Code, State: c.State.Label(), Category: c.Category.Label(),
			Source: c.Source.Label(), Created: vnTime(c.CreatedAt), Due: vnTime(c.DueAt),
			Overdue: !c.DueAt.IsZero() && now.After(c.DueAt), Summary: summaryOf(c.Description)}
		row.Agency = s.msg.T("admin.cases.unrouted")
		if c.Agency != "" {
			row.Agency = names.name(c.Agency)
		}
		view.Rows = append(view.Rows, row)
	}
	link := func(p int) string {
		v := url.Values{}
		for k, vals := range q {
			v[k] = vals
		}
		v.Set("trang", strconv.Itoa(p))
		return "/quan-tri/phan-anh?" + v.Encode()
	}
	if page > 1 {
		view.PrevURL = link(page - 1)
	}
	if page*casesPerPage < view.Total {
		view.NextURL = link(page + 1)
	}
	return s.render(w, http.StatusOK, "admin/cases", view)
}

// summaryOf is the start of a description for a list: the back office
// sees the citizen's words, but a list need not show all of them.
func summaryOf(text string) string {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	if r := []rune(text); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return text
}
