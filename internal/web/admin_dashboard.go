package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/vn"
)

// The back-office dashboard of measuring (/quan-tri/so-lieu), scoped to
// the user's agency: its indicators, the alerts inbox (drops, silent
// sources, outliers held), the days held for review, the sources and
// their health, the weekly digests.

func init() {
	adminPages = append(adminPages, "measure_dashboard", "measure_source", "measure_digest")
}

func (s *Server) adminDashboardRoutes() []Route {
	admin := SurfaceAdmin
	read := need(staff.PermDashboardRead)
	return []Route{
		{"GET", "/quan-tri/so-lieu", read, nil, admin, s.adminMeasureDashboard},
		{"POST", "/quan-tri/so-lieu/canh-bao", read, nil, admin, s.adminAlertRead},
		{"POST", "/quan-tri/so-lieu/cach-ly", need(staff.PermMeasureConfigure), nil, admin, s.adminQuarantineRelease},
		{"GET", "/quan-tri/so-lieu/nguon/{source}", read, s.sourceScope, admin, s.adminSourcePage},
		{"GET", "/quan-tri/so-lieu/ban-tin", read, nil, admin, s.adminDigestPage},
	}
}

// sourceScope finds the agency of the source named by {source}.
func (s *Server) sourceScope(r *http.Request) (string, error) {
	agency, err := s.cfg.Measure.SourceAgency(r.Context(), r.PathValue("source"))
	if errors.Is(err, measure.ErrNotFound) {
		return "", notFoundErr(s.msg.T("dash.unknown_source"))
	}
	return agency, err
}

// userUnit is the unit whose indicators a user sees first: the nation for
// national accounts, else the unit their agency answers for.
func (s *Server) userUnit(u *staff.User) string {
	if u.Agency == staff.National {
		return measure.National
	}
	for _, kind := range []string{"", "UBND-"} {
		code := strings.TrimPrefix(u.Agency, kind)
		if info, ok := s.cfg.Measure.Directory().Unit(code); ok && info.Agency == u.Agency {
			return info.Code
		}
	}
	return measure.National
}

type alertRow struct {
	ID                                            int64
	Kind, Unit, Indicator, Source, Period, Detail string
	Current, Previous, Created                    string
	Read                                          bool
}

type quarantineRow struct {
	ID                                      int64
	Day, Unit, Source, Value, Median, Score string
	Status, Released                        string
	Held                                    bool
}

type sourceRow struct {
	Name, URL, LastSeen, Interval, Events, Duplicates, Rejected string
	Silent, Quarantined                                         bool
	Held                                                        int
}

type digestRow struct {
	ID           int64
	Week, Agency string
	Alerts       int
}

type adminMeasureView struct {
	Admin       AdminBase
	Unit        string
	Period      string
	Headline    []headCard
	Alerts      []alertRow
	Quarantines []quarantineRow
	Sources     []sourceRow
	Digests     []digestRow
	CanRelease  bool
	PublicURL   string
	Error       string
}

func (s *Server) adminMeasureDashboard(w http.ResponseWriter, r *http.Request) error {
	return s.renderAdminMeasure(w, r, http.StatusOK, "")
}

func (s *Server) renderAdminMeasure(w http.ResponseWriter, r *http.Request, status int, msg string) error {
	ctx := r.Context()
	u := currentUser(r)
	allows := func(agency string) bool { return s.inUserScope(u, agency) }
	unit := s.userUnit(u)
	v := adminMeasureView{Admin: s.adminBase(r, s.msg.T("dash.admin_title")), CanRelease: u.Can(staff.PermMeasureConfigure), Error: msg}
	if info, ok := s.cfg.Measure.Directory().Unit(unit); ok {
		v.Unit = unitName(info)
		v.PublicURL = "/so-lieu/don-vi/" + info.Code
	} else {
		v.Unit = s.msg.T("admin.national")
		v.PublicURL = "/so-lieu"
	}
	p, err := s.dashParse(ctx, r)
	if err != nil {
		return err
	}
	v.Period = periodLabel(p.Period)
	if v.Headline, err = s.headline(ctx, p.Period, unit); err != nil {
		return err
	}
	alerts, err := s.cfg.Measure.Alerts(ctx, measure.AlertFilter{Allows: allows, Limit: 100})
	if err != nil {
		return err
	}
	names := s.newAgencyNames(ctx)
	for _, a := range alerts {
		row := alertRow{ID: a.ID, Kind: s.msg["dash.alert_"+string(a.Kind)], Unit: names.name(a.Agency), Source: a.Source,
			Period: a.Period, Detail: a.Detail, Created: vnTime(a.CreatedAt), Read: !a.ReadAt.IsZero()}
		if ind, ok := measure.IndicatorByID(a.Indicator); ok {
			row.Indicator = ind.Name
		}
		if a.Kind == measure.AlertDrop && a.Current != nil && a.Previous != nil {
			row.Current, row.Previous = pct(*a.Current), pct(*a.Previous)
		} else if a.Current != nil && a.Previous != nil {
			row.Current, row.Previous = vn.GroupThousands(int64(*a.Current)), vn.GroupThousands(int64(*a.Previous))
		}
		v.Alerts = append(v.Alerts, row)
	}
	qs, err := s.cfg.Measure.Quarantines(ctx, false, allows, 50)
	if err != nil {
		return err
	}
	for _, q := range qs {
		row := quarantineRow{ID: q.ID, Day: q.Day, Unit: names.name(q.Agency), Source: q.Source, Value: vn.GroupThousands(int64(q.Value)),
			Median: formatHours(q.Median), Score: formatHours(measure.Round2(q.Score)), Held: q.Status == measure.QuarantineHeld,
			Status: s.msg["dash.quarantine_"+q.Status]}
		if !q.ReleasedAt.IsZero() {
			row.Released = vnTime(q.ReleasedAt) + " · " + q.ReleasedBy + " · " + q.Note
		}
		v.Quarantines = append(v.Quarantines, row)
	}
	srcs, err := s.cfg.Measure.Sources(ctx, allows)
	if err != nil {
		return err
	}
	for _, h := range srcs {
		v.Sources = append(v.Sources, s.sourceRow(h))
	}
	ds, err := s.cfg.Measure.Digests(ctx, allows, 20)
	if err != nil {
		return err
	}
	for _, d := range ds {
		v.Digests = append(v.Digests, digestRow{ID: d.ID, Week: d.Week, Agency: names.name(d.Agency), Alerts: len(d.Alerts)})
	}
	return s.render(w, status, "admin/measure_dashboard", v)
}

func (s *Server) sourceRow(h measure.SourceHealth) sourceRow {
	row := sourceRow{Name: h.Source, URL: "/quan-tri/so-lieu/nguon/" + h.Source, LastSeen: vnTime(h.LastSeen),
		Interval: s.msg.T("dash.interval_unknown"), Events: vn.GroupThousands(h.Events), Duplicates: vn.GroupThousands(h.Duplicates),
		Rejected: vn.GroupThousands(h.Rejected), Silent: h.Silent, Quarantined: h.Quarantined, Held: h.Held}
	if h.Interval > 0 {
		row.Interval = h.Interval.Round(time.Minute).String()
	}
	return row
}

// adminAlertRead marks an alert of the user's scope dealt with.
func (s *Server) adminAlertRead(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	a, err := s.cfg.Measure.AlertByID(r.Context(), id)
	if errors.Is(err, measure.ErrNotFound) || (err == nil && !s.inUserScope(currentUser(r), a.Agency)) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	if err := s.cfg.Measure.MarkAlertRead(r.Context(), id, currentUser(r).Username); err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/so-lieu?ok=measure_alert_read", http.StatusSeeOther)
	return nil
}

// adminQuarantineRelease puts a held day back into the indicators, with a
// reason; only the national coordinator may (measure.configure).
func (s *Server) adminQuarantineRelease(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	q, err := s.cfg.Measure.QuarantineByID(r.Context(), id)
	if errors.Is(err, measure.ErrNotFound) || (err == nil && !s.inUserScope(currentUser(r), q.Agency)) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	_, err = s.cfg.Measure.Release(r.Context(), currentUser(r).Actor(), id, r.PostFormValue("note"))
	switch {
	case errors.Is(err, measure.ErrReleaseNote):
		return s.renderAdminMeasure(w, r, http.StatusBadRequest, err.Error())
	case errors.Is(err, measure.ErrNotHeld):
		return s.renderAdminMeasure(w, r, http.StatusConflict, s.msg.T("dash.not_held"))
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/quan-tri/so-lieu?ok=measure_released", http.StatusSeeOther)
	return nil
}

type sourceView struct {
	Admin    AdminBase
	Source   sourceRow
	DupShare string
	RejShare string
	Times    []string
}

// adminSourcePage is one source's health.
func (s *Server) adminSourcePage(w http.ResponseWriter, r *http.Request) error {
	h, times, err := s.cfg.Measure.Source(r.Context(), r.PathValue("source"))
	if errors.Is(err, measure.ErrNotFound) {
		return notFoundErr(s.msg.T("dash.unknown_source"))
	}
	if err != nil {
		return err
	}
	v := sourceView{Admin: s.adminBase(r, s.msg.Tf("dash.source_title", h.Source)), Source: s.sourceRow(*h),
		DupShare: pct(100 * h.DuplicateShare()), RejShare: pct(100 * h.RejectedShare())}
	for _, t := range times {
		v.Times = append(v.Times, vnTime(t))
	}
	return s.render(w, http.StatusOK, "admin/measure_source", v)
}

type digestLine struct {
	Name, Value, Detail string
}

type digestView struct {
	Admin      AdminBase
	Week       string
	Agency     string
	Month      string
	Indicators []digestLine
	Alerts     []digestLine
}

// adminDigestPage shows one weekly digest (?id=) of the user's scope.
func (s *Server) adminDigestPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	d, err := s.cfg.Measure.DigestByID(r.Context(), id)
	if errors.Is(err, measure.ErrNotFound) || (err == nil && !s.inUserScope(currentUser(r), d.Agency)) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	names := s.newAgencyNames(r.Context())
	v := digestView{Admin: s.adminBase(r, s.msg.Tf("dash.digest_title", d.Week)), Week: d.Week, Agency: names.name(d.Agency), Month: d.Month}
	for _, x := range d.Indicators {
		ind, _ := measure.IndicatorByID(x.Indicator)
		line := digestLine{Name: ind.Name, Value: s.msg.T("dash.na"), Detail: vn.GroupThousands(x.Numerator) + "/" + vn.GroupThousands(x.Denominator)}
		if x.Value != nil {
			line.Value = pct(*x.Value)
		}
		v.Indicators = append(v.Indicators, line)
	}
	for _, a := range d.Alerts {
		line := digestLine{Name: s.msg["dash.alert_"+a.Kind], Value: a.Period, Detail: names.name(a.Unit)}
		if ind, ok := measure.IndicatorByID(a.Indicator); ok {
			line.Name += ": " + ind.Name
		}
		if a.Source != "" {
			line.Detail += " · " + a.Source
		}
		v.Alerts = append(v.Alerts, line)
	}
	return s.render(w, http.StatusOK, "admin/measure_digest", v)
}
