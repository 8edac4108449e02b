package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/workdays"
)

// The national settings of the listening work: the working-day calendar
// (/quan-tri/lich-lam-viec), routing rules and per-category deadlines
// (/quan-tri/phan-anh-cau-hinh). Only the national coordinator holds
// case.configure.

// workdays returns the calendar's store; it holds no state, so one per
// request is as good as a shared one.
func (s *Server) workdays() *workdays.Store { return workdays.NewStore(s.cfg.DB) }

// holidayRow is one day off of the year shown.
type holidayRow struct {
	Date, Weekday, Name, Source string
}

// overrideRow is one stored change to the calendar.
type overrideRow struct {
	Date, Day, Weekday, Kind, Note string
}

type adminWorkdaysView struct {
	Admin              AdminBase
	Year               int
	PrevYear, NextYear int
	Holidays           []holidayRow
	Overrides          []overrideRow
	Error              string
	FormDate, FormNote string
	FormKind           string
}

// weekdays are the Vietnamese day names, Sunday first as time.Weekday.
var weekdays = [7]string{"Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"}

// adminWorkdays shows a year's days off and the stored changes, with the
// form to add one.
func (s *Server) adminWorkdays(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.URL.Query().Get("nam"))
	if err != nil || year < 2000 || year > 2100 {
		year = workdays.DateOf(s.cfg.Cases.Now()).Year
	}
	return s.renderWorkdays(w, r, http.StatusOK, adminWorkdaysView{Year: year, FormKind: string(workdays.KindHoliday)})
}

func (s *Server) renderWorkdays(w http.ResponseWriter, r *http.Request, status int, v adminWorkdaysView) error {
	ctx := r.Context()
	v.Admin = s.adminBase(r, s.msg.T("admin.workdays.title"))
	v.PrevYear, v.NextYear = v.Year-1, v.Year+1
	cal, err := s.workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	for _, h := range cal.Holidays(v.Year) {
		v.Holidays = append(v.Holidays, holidayRow{Date: h.Date.Display(), Weekday: weekdays[h.Date.Weekday()],
			Name: h.Name, Source: s.msg["admin.workdays.source_"+h.Source]})
	}
	list, err := s.workdays().Overrides(ctx, v.Year)
	if err != nil {
		return err
	}
	for _, o := range list {
		v.Overrides = append(v.Overrides, overrideRow{Date: o.Date.String(), Day: o.Date.Display(),
			Weekday: weekdays[o.Date.Weekday()], Kind: s.msg["admin.workdays.kind_"+string(o.Kind)], Note: o.Note})
	}
	return s.render(w, status, "admin/workdays", v)
}

// adminWorkdaySet stores a change to the calendar.
func (s *Server) adminWorkdaySet(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	v := adminWorkdaysView{FormDate: f.Get("day"), FormNote: f.Get("note"), FormKind: f.Get("kind")}
	d, err := workdays.ParseDate(v.FormDate)
	if err != nil {
		v.Year, v.Error = workdays.DateOf(s.cfg.Cases.Now()).Year, s.msg.T("admin.workdays.bad_date")
		return s.renderWorkdays(w, r, http.StatusBadRequest, v)
	}
	v.Year = d.Year
	err = s.workdays().Set(r.Context(), currentUser(r).Actor(), workdays.Override{Date: d, Kind: workdays.Kind(v.FormKind), Note: v.FormNote})
	var inv *workdays.InvalidError
	if errors.As(err, &inv) {
		v.Error = inv.Message
		return s.renderWorkdays(w, r, http.StatusBadRequest, v)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/lich-lam-viec?nam="+strconv.Itoa(d.Year)+"&ok=workday_saved", http.StatusSeeOther)
	return nil
}

// adminWorkdayDelete removes a change, restoring the default rule.
func (s *Server) adminWorkdayDelete(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	d, err := workdays.ParseDate(r.PostForm.Get("day"))
	if err != nil {
		return badRequest("invalid_day", s.msg.T("admin.workdays.bad_date"))
	}
	if err := s.workdays().Delete(r.Context(), currentUser(r).Actor(), d); err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/lich-lam-viec?nam="+strconv.Itoa(d.Year)+"&ok=workday_deleted", http.StatusSeeOther)
	return nil
}

// routeRow is one routing rule, named for people.
type routeRow struct {
	ID                                  int64
	Category, Province, Commune, Agency string
}

type adminCaseConfigView struct {
	Admin      AdminBase
	Routes     []routeRow
	Deadlines  []cases.Deadlines
	Categories []choice
	Provinces  []choice
	Error      string
}

// adminCaseConfig shows the routing rules and the deadlines.
func (s *Server) adminCaseConfig(w http.ResponseWriter, r *http.Request) error {
	return s.renderCaseConfig(w, r, http.StatusOK, "")
}

func (s *Server) renderCaseConfig(w http.ResponseWriter, r *http.Request, status int, msg string) error {
	ctx := r.Context()
	v := adminCaseConfigView{Admin: s.adminBase(r, s.msg.T("admin.caseconfig.title")), Error: msg}
	rules, err := s.cfg.Cases.Routes(ctx)
	if err != nil {
		return err
	}
	names := s.newAgencyNames(ctx)
	anyLabel := s.msg.T("admin.caseconfig.any")
	for _, rl := range rules {
		row := routeRow{ID: rl.ID, Category: anyLabel, Province: anyLabel, Commune: anyLabel, Agency: names.name(rl.Agency) + " (" + rl.Agency + ")"}
		if rl.Category != "" {
			row.Category = rl.Category.Label()
		}
		for _, p := range []struct {
			code string
			dst  *string
		}{{rl.ProvinceCode, &row.Province}, {rl.CommuneCode, &row.Commune}} {
			if p.code == "" {
				continue
			}
			*p.dst = p.code
			if u, err := s.cfg.Units.Unit(ctx, p.code); err == nil {
				*p.dst = u.FullName
			}
		}
		v.Routes = append(v.Routes, row)
	}
	if v.Deadlines, err = s.cfg.Cases.AllDeadlines(ctx); err != nil {
		return err
	}
	v.Categories = append(v.Categories, choice{"", anyLabel, true})
	for _, c := range cases.Categories() {
		v.Categories = append(v.Categories, choice{string(c), c.Label(), false})
	}
	v.Provinces = append(v.Provinces, choice{"", anyLabel, true})
	provinces, err := s.cfg.Units.Provinces(ctx)
	if err != nil {
		return err
	}
	for _, p := range provinces {
		v.Provinces = append(v.Provinces, choice{p.Code, p.FullName, false})
	}
	return s.render(w, status, "admin/case_config", v)
}

// adminRouteSet adds or replaces a routing rule.
func (s *Server) adminRouteSet(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	_, err := s.cfg.Cases.SetRoute(r.Context(), currentUser(r).Actor(), cases.RouteRule{Category: cases.Category(f.Get("category")),
		ProvinceCode: f.Get("province"), CommuneCode: f.Get("commune"), Agency: f.Get("agency")})
	if msg, status := s.caseErrorMessage(err); msg != "" {
		return s.renderCaseConfig(w, r, status, msg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/phan-anh-cau-hinh?ok=route_saved", http.StatusSeeOther)
	return nil
}

// adminRouteDelete removes a routing rule.
func (s *Server) adminRouteDelete(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostForm.Get("id"), 10, 64)
	if err != nil {
		return badRequest("invalid_id", s.msg.T("admin.invalid_form"))
	}
	err = s.cfg.Cases.DeleteRoute(r.Context(), currentUser(r).Actor(), id)
	if errors.Is(err, cases.ErrNotFound) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/phan-anh-cau-hinh?ok=route_deleted", http.StatusSeeOther)
	return nil
}

// adminDeadlinesSet changes one category's deadlines.
func (s *Server) adminDeadlinesSet(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	num := func(k string) int { n, _ := strconv.Atoi(f.Get(k)); return n }
	err := s.cfg.Cases.SetDeadlines(r.Context(), currentUser(r).Actor(), cases.Deadlines{Category: cases.Category(f.Get("category")),
		Ack: num("ack_days"), Classify: num("classify_days"), Answer: num("answer_days")})
	if msg, status := s.caseErrorMessage(err); msg != "" {
		return s.renderCaseConfig(w, r, status, msg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/phan-anh-cau-hinh?ok=deadlines_saved", http.StatusSeeOther)
	return nil
}
