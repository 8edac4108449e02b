package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/vn"
)

// The public dashboards (/so-lieu): headline indicators, the provinces and
// ministries ranked, trends, a drill-down from a unit to its communes and
// services, the yearly honours. Every chart is server-rendered SVG with a
// table beside it and CSV/JSON downloads of the same table
// (dashboard_data.go). Pages are pure functions of the measuring data, so
// they are cached keyed by its data version (measure.DataVersion), which
// moves whenever the compact tables are rebuilt or a ranking is frozen.

func (s *Server) dashboardRoutes() []Route {
	site := SurfaceSite
	routes := []Route{
		{"GET", "/so-lieu", PermPublic, nil, site, s.dashboardPage},
		{"GET", "/so-lieu/xep-hang", PermPublic, nil, site, s.rankingPage},
		{"GET", "/so-lieu/don-vi/{unit}", PermPublic, nil, site, s.unitDashboardPage},
		{"GET", "/so-lieu/vinh-danh", PermPublic, nil, site, s.honoursPage},
		{"GET", "/so-lieu/tai-ve/{table}", PermPublic, nil, site, s.dashboardDownload},
	}
	return append(routes, s.adminDashboardRoutes()...)
}

func init() {
	sitePages = append(sitePages, "dashboard", "dashboard_rank", "dashboard_unit", "dashboard_honours")
}

// dashCaches holds each server's cache of dashboard pages, apart from the
// catalogue's page cache because it is keyed by another version.
var dashCaches sync.Map // *Server → *pageCache

func (s *Server) dashCache() *pageCache {
	c, _ := dashCaches.LoadOrStore(s, newPageCache())
	return c.(*pageCache)
}

// dashCached serves a dashboard page from the cache of the current data
// version, rendering it on a miss.
func (s *Server) dashCached(w http.ResponseWriter, r *http.Request, page string, view func() (any, error)) error {
	version, err := s.cfg.Measure.DataVersion(r.Context())
	if err != nil {
		return err
	}
	key := page + "?" + r.URL.RawQuery + "#" + r.URL.Path
	return s.serveCached(w, r, s.dashCache(), version, key, page, view)
}

// dashParams are the query parameters every dashboard page understands.
type dashParams struct {
	Period    measure.Period
	Indicator measure.Indicator
	// Latest is the default period: the last whole month with data.
	Latest string
	// Months and Years have data, oldest first.
	Months, Years []string
}

// dashParse reads ?ky= (YYYY or YYYY-MM) and ?chi-so= (a rate), with
// defaults: the last whole month with data, the online rate.
func (s *Server) dashParse(ctx context.Context, r *http.Request) (dashParams, error) {
	var p dashParams
	dp, err := s.cfg.Measure.Periods(ctx)
	if err != nil {
		return p, err
	}
	p.Months, p.Years = dp.Months, dp.Years
	current := time.Now().In(vietnamZone).Format("2006-01")
	for i := len(p.Months) - 1; i >= 0; i-- {
		if p.Months[i] < current || i == 0 {
			p.Latest = p.Months[i]
			break
		}
	}
	if p.Latest == "" && len(p.Years) > 0 {
		p.Latest = p.Years[len(p.Years)-1]
	}
	if p.Latest == "" {
		p.Latest = current
	}
	ky := strings.TrimSpace(r.URL.Query().Get("ky"))
	if ky == "" {
		ky = p.Latest
	}
	if len(ky) != 4 && len(ky) != 7 {
		return p, badRequest("bad_period", s.msg.T("dash.bad_period"))
	}
	if p.Period, err = measure.ParsePeriod(ky); err != nil {
		return p, badRequest("bad_period", s.msg.T("dash.bad_period"))
	}
	id := r.URL.Query().Get("chi-so")
	if id == "" {
		id = "online_rate"
	}
	ind, ok := measure.IndicatorByID(id)
	if !ok || ind.Kind != measure.KindRate {
		return p, badRequest("bad_indicator", s.msg.T("dash.bad_indicator"))
	}
	p.Indicator = ind
	return p, nil
}

// periodLabel names a period for people: "tháng 11/2025", "năm 2025".
func periodLabel(p measure.Period) string {
	if len(p.Label) == 7 {
		return "tháng " + p.Label[5:] + "/" + p.Label[:4]
	}
	return "năm " + p.Label
}

// option is a choice of a filter form.
type option struct {
	Value, Label string
	Selected     bool
}

// periodOptions offers the years with data, newest first, each followed
// by its months with data.
func periodOptions(p dashParams) []option {
	var out []option
	for i := len(p.Years) - 1; i >= 0; i-- {
		y := p.Years[i]
		out = append(out, option{Value: y, Label: "Năm " + y, Selected: p.Period.Label == y})
		for j := len(p.Months) - 1; j >= 0; j-- {
			if m := p.Months[j]; m[:4] == y {
				out = append(out, option{Value: m, Label: "Tháng " + m[5:] + "/" + m[:4], Selected: p.Period.Label == m})
			}
		}
	}
	if len(out) == 0 {
		out = append(out, option{Value: p.Period.Label, Label: periodLabel(p.Period), Selected: true})
	}
	return out
}

func indicatorOptions(sel string) []option {
	var out []option
	for _, ind := range measure.RateIndicators() {
		out = append(out, option{Value: ind.ID, Label: ind.Name, Selected: ind.ID == sel})
	}
	return out
}

// headCard is one headline indicator.
type headCard struct {
	Name, Value, Detail, Change, Description string
}

// rankLine is one line of a ranking table.
type rankLine struct {
	Position, Name, URL, Value, Numerator, Denominator string
	Ranked                                             bool
}

// rankTable is a ranking with its chart and downloads
// (templates/dashboard_tables.html).
type rankTable struct {
	ID, Title, Caption, MinVolume, Stamp string
	// Heading heads the section instead of Title: the ranking page, whose
	// h1 is the Title, heads its one table with the period.
	Heading string
	Chart   template.HTML
	// NoneRanked, when set, says that no unit has enough dossiers to be
	// ranked: the page says so instead of drawing a chart of empty bars.
	NoneRanked string
	Rows       []rankLine
	CSV, JSON  string
}

// trendTable is the monthly trend with its chart.
type trendTable struct {
	ID, Title, Caption string
	Chart              template.HTML
	Heads              []string
	Rows               []trendLine
	CSV, JSON          string
}

// trendLine is one month of the trend.
type trendLine struct {
	Month  string
	Values []string
}

type soLieuView struct {
	Base       Base
	Period     string
	Empty      bool
	Periods    []option
	Indicators []option
	Headline   []headCard
	HeadCSV    string
	HeadJSON   string
	Provinces  rankTable
	Ministries rankTable
	Trend      trendTable
	RankURL    string
}

// dashboardPage is /so-lieu.
func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.dashParse(r.Context(), r)
	if err != nil {
		return err
	}
	return s.dashCached(w, r, "dashboard", func() (any, error) { return s.soLieuView(r.Context(), p, measure.National) })
}

func (s *Server) soLieuView(ctx context.Context, p dashParams, unit string) (soLieuView, error) {
	v := soLieuView{
		Base:   Base{Title: s.msg.T("dash.title"), Description: s.msg.T("dash.description")},
		Period: periodLabel(p.Period), Empty: len(p.Years) == 0,
		Periods: periodOptions(p), Indicators: indicatorOptions(p.Indicator.ID),
		RankURL: "/so-lieu/xep-hang?" + dashQuery(p, ""),
	}
	var err error
	if v.Headline, err = s.headline(ctx, p.Period, unit); err != nil {
		return v, err
	}
	v.HeadCSV, v.HeadJSON = downloadURLs("chi-so-chinh", p, unit)
	if v.Provinces, err = s.rankTable(ctx, p, measure.RankProvinces, ""); err != nil {
		return v, err
	}
	if v.Ministries, err = s.rankTable(ctx, p, measure.RankMinistries, ""); err != nil {
		return v, err
	}
	if v.Trend, err = s.trendTable(ctx, p, unit); err != nil {
		return v, err
	}
	return v, nil
}

// dashQuery is the query string of a dashboard link.
func dashQuery(p dashParams, unit string) string {
	q := "ky=" + p.Period.Label + "&chi-so=" + p.Indicator.ID
	if unit != "" && unit != measure.National {
		q += "&don-vi=" + unit
	}
	return q
}

func downloadURLs(table string, p dashParams, unit string) (csv, json string) {
	base := "/so-lieu/tai-ve/" + table + "?" + dashQuery(p, unit)
	return base + "&dinh-dang=csv", base + "&dinh-dang=json"
}

// headline builds the headline cards of a unit for a period, each with its
// change against the period before.
func (s *Server) headline(ctx context.Context, p measure.Period, unit string) ([]headCard, error) {
	cur, err := s.cfg.Measure.SliceReport(ctx, p, unit)
	if err != nil {
		return nil, err
	}
	prev, err := s.cfg.Measure.SliceReport(ctx, p.Previous(), unit)
	if err != nil {
		return nil, err
	}
	cards := []headCard{{
		Name: s.msg.T("dash.received"), Value: s.countText(cur.Counts["received_total"]),
		Detail:      s.msg.Tf("dash.received_detail", s.countText(cur.Counts["received_online"])),
		Description: s.msg.T("dash.received_desc"),
	}}
	for _, c := range cur.Values {
		b, _ := prev.Value(c.Indicator.ID)
		card := headCard{Name: c.Indicator.Name, Value: s.msg.T("dash.na"), Description: c.Indicator.Description}
		switch {
		case !c.Known:
		case c.Indicator.Kind == measure.KindRate:
			card.Value = pct(c.Value)
			card.Detail = vn.GroupThousands(c.Numerator) + "/" + vn.GroupThousands(c.Denominator)
			if b.Known {
				card.Change = s.msg.Tf("dash.change", signedPoints(c.Value-b.Value), periodLabel(p.Previous()))
			}
		default:
			// Hours and đồng: whole numbers, from the online dossiers.
			card.Value = vn.GroupThousands(int64(math.Round(c.Value))) + " " + c.Indicator.Unit
			card.Detail = s.msg.Tf("dash.saved_detail", vn.GroupThousands(c.Numerator))
		}
		cards = append(cards, card)
	}
	return cards, nil
}

// signedPoints formats a change in percentage points: "+1,25", "−0,50".
func signedPoints(d float64) string {
	s := strings.Replace(fmt.Sprintf("%+.2f", d), ".", ",", 1)
	return strings.Replace(s, "-", "−", 1)
}

// rankTable builds a ranking with its bar chart.
func (s *Server) rankTable(ctx context.Context, p dashParams, lv measure.RankLevel, province string) (rankTable, error) {
	rk, err := s.cfg.Measure.Rank(ctx, measure.RankQuery{Indicator: p.Indicator.ID, Period: p.Period, Level: lv, Province: province})
	if err != nil {
		return rankTable{}, err
	}
	key := map[measure.RankLevel]string{measure.RankProvinces: "tinh", measure.RankMinistries: "bo", measure.RankCommunes: "xa"}[lv]
	t := rankTable{ID: "xep-hang-" + key, MinVolume: vn.GroupThousands(rk.MinVolume)}
	titleKey := "dash.rank_title_" + key // dash.rank_title_tinh, _bo, _xa
	t.Title = s.msg.Tf(titleKey, p.Indicator.Name, periodLabel(p.Period))
	t.Caption = s.msg.Tf("dash.rank_caption", vn.GroupThousands(rk.MinVolume))
	t.Stamp = s.msg.Tf("dash.stamp_live", strconv.Itoa(rk.RegistryVersion), strconv.Itoa(rk.MethodVersion))
	if rk.Frozen {
		t.Stamp = s.msg.Tf("dash.stamp_frozen", vnTime(rk.FrozenAt), strconv.Itoa(rk.RegistryVersion), strconv.Itoa(rk.MethodVersion))
	}
	unit := ""
	if lv == measure.RankCommunes {
		unit = province
	}
	t.CSV, t.JSON = downloadURLs("xep-hang-"+key, p, unit)
	var bars []barItem
	for _, row := range rk.Rows {
		l := rankLine{Name: unitName(row.Unit), URL: "/so-lieu/don-vi/" + row.Unit.Code + "?" + dashQuery(p, ""),
			Numerator: vn.GroupThousands(row.Value.Numerator), Denominator: vn.GroupThousands(row.Value.Denominator), Ranked: row.Ranked(),
			Position: s.msg.T("dash.not_enough"), Value: s.msg.T("dash.na")}
		if row.Value.Known {
			l.Value = pct(row.Value.Value)
		}
		b := barItem{Label: l.Name}
		if row.Ranked() {
			l.Position = strconv.Itoa(row.Position)
			x := row.Value.Value
			b.Value = &x
		}
		t.Rows = append(t.Rows, l)
		bars = append(bars, b)
	}
	ranked := 0
	for _, row := range rk.Rows {
		if row.Ranked() {
			ranked++
		}
	}
	desc := s.msg.Tf("dash.rank_desc", strconv.Itoa(ranked), strconv.Itoa(len(rk.Rows)))
	if ranked > 0 {
		desc += " " + s.msg.Tf("dash.rank_desc_top", t.Rows[0].Name, t.Rows[0].Value, t.Rows[ranked-1].Name, t.Rows[ranked-1].Value)
	}
	switch {
	case ranked == 0 && len(rk.Rows) > 0:
		t.NoneRanked = s.msg.Tf("dash.rank_none", t.MinVolume)
	case lv != measure.RankCommunes:
		t.Chart = dashBarChart("bd-"+t.ID, t.Title, desc, bars)
	}
	return t, nil
}

// unitName is a unit's name for pages: the agency name without the
// committee prefix, or the code.
func unitName(u measure.UnitInfo) string {
	if u.Name == "" {
		return u.Code
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(u.Name, "UBND "), "Ủy ban nhân dân "))
}

// trendTable builds the monthly trend of the main rates over the twelve
// months ending with the period.
func (s *Server) trendTable(ctx context.Context, p dashParams, unit string) (trendTable, error) {
	months, err := s.cfg.Measure.MonthlyFigures(ctx, trendPeriod(p.Period), unit)
	if err != nil {
		return trendTable{}, err
	}
	ids := []string{"online_rate", "on_time_rate", "satisfaction"}
	colors := []string{"#0b4fa3", "#a4161a", "#2b6a2f"}
	dashes := []string{"", "6 4", "2 3"}
	t := trendTable{ID: "xu-huong", Title: s.msg.T("dash.trend_title"), Caption: s.msg.T("dash.trend_caption")}
	t.CSV, t.JSON = downloadURLs("xu-huong", p, unit)
	var labels []string
	series := make([]lineSeries, len(ids))
	for i, id := range ids {
		ind, _ := measure.IndicatorByID(id)
		t.Heads = append(t.Heads, ind.Name)
		series[i] = lineSeries{Name: ind.Name, Color: colors[i], Dash: dashes[i]}
	}
	empty := true
	for _, m := range months {
		empty = empty && m.Figures.Empty()
	}
	if empty {
		// A year's aggregate (say the programme's 2023 figures) belongs to
		// no month: say so rather than leave a blank chart unexplained.
		t.Caption += " " + s.msg.T("dash.trend_no_months")
	}
	for _, m := range months {
		labels = append(labels, m.Month[5:]+"/"+m.Month[2:4])
		line := trendLine{Month: "Tháng " + m.Month[5:] + "/" + m.Month[:4]}
		for i, id := range ids {
			ind, _ := measure.IndicatorByID(id)
			v := m.Figures.Value(ind)
			if v.Known {
				x := v.Value
				series[i].Values = append(series[i].Values, &x)
				line.Values = append(line.Values, pct(x))
			} else {
				series[i].Values = append(series[i].Values, nil)
				line.Values = append(line.Values, s.msg.T("dash.na"))
			}
		}
		t.Rows = append(t.Rows, line)
	}
	desc := s.msg.Tf("dash.trend_desc", t.Rows[0].Month, t.Rows[len(t.Rows)-1].Month)
	t.Chart = dashLineChart("bd-xu-huong", t.Title, desc, labels, series)
	return t, nil
}

// trendPeriod is the twelve whole months ending with p's last month.
func trendPeriod(p measure.Period) measure.Period {
	to := day(p.To)
	from := time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	t := measure.Period{From: from.Format(time.DateOnly), To: p.To}
	t.Label = t.From + ".." + t.To
	return t
}

// day parses "YYYY-MM-DD".
func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// dashError turns the store's errors about a request into 400 and 404.
func (s *Server) dashError(err error) error {
	switch {
	case errors.Is(err, measure.ErrUnknownUnit), errors.Is(err, measure.ErrBadRankLevel):
		return notFoundErr(s.msg.T("dash.unknown_unit"))
	case errors.Is(err, measure.ErrNotRate):
		return badRequest("bad_indicator", s.msg.T("dash.bad_indicator"))
	}
	return err
}
