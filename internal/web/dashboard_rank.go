package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
)

type rankPageView struct {
	Base       Base
	Period     string
	Periods    []option
	Indicators []option
	Levels     []option
	Table      rankTable
}

// rankingPage is /so-lieu/xep-hang?chi-so=…&ky=…&cap=tinh|bo: one full
// ranking with its method.
func (s *Server) rankingPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.dashParse(r.Context(), r)
	if err != nil {
		return err
	}
	lv := measure.RankProvinces
	switch r.URL.Query().Get("cap") {
	case "", "tinh":
	case "bo":
		lv = measure.RankMinistries
	default:
		return badRequest("bad_level", s.msg.T("dash.bad_level"))
	}
	return s.dashCached(w, r, "dashboard_rank", func() (any, error) {
		t, err := s.rankTable(r.Context(), p, lv, "")
		if err != nil {
			return nil, s.dashError(err)
		}
		t.Heading = periodLabel(p.Period)
		return rankPageView{
			Base:   Base{Title: t.Title, Description: s.msg.T("dash.rank_description")},
			Period: periodLabel(p.Period), Periods: periodOptions(p), Indicators: indicatorOptions(p.Indicator.ID),
			Levels: []option{{Value: "tinh", Label: s.msg.T("dash.level_provinces"), Selected: lv == measure.RankProvinces},
				{Value: "bo", Label: s.msg.T("dash.level_ministries"), Selected: lv == measure.RankMinistries}},
			Table: t,
		}, nil
	})
}

// procLine is one procedure of a unit's drill-down.
type procLine struct {
	Code, Name, Received, Online, OnlineRate, OnTime, Satisfaction string
}

type unitPageView struct {
	Base       Base
	Unit       string
	Kind       string
	Period     string
	Periods    []option
	Indicators []option
	Headline   []headCard
	HeadCSV    string
	HeadJSON   string
	Trend      trendTable
	Communes   *rankTable
	Procs      []procLine
	ProcCSV    string
	ProcJSON   string
	ParentURL  string
	ParentName string
}

// unitDashboardPage is /so-lieu/don-vi/{unit}: a province with its
// communes ranked, or a ministry or commune with its services.
func (s *Server) unitDashboardPage(w http.ResponseWriter, r *http.Request) error {
	u, ok := s.cfg.Measure.Directory().Unit(r.PathValue("unit"))
	if !ok {
		return notFoundErr(s.msg.T("dash.unknown_unit"))
	}
	p, err := s.dashParse(r.Context(), r)
	if err != nil {
		return err
	}
	return s.dashCached(w, r, "dashboard_unit", func() (any, error) { return s.unitView(r.Context(), p, u) })
}

func (s *Server) unitView(ctx context.Context, p dashParams, u measure.UnitInfo) (unitPageView, error) {
	v := unitPageView{
		Base: Base{Title: s.msg.Tf("dash.unit_title", unitName(u)), Description: s.msg.T("dash.description")},
		Unit: unitName(u), Kind: s.msg["dash.kind_"+string(u.Kind)], Period: periodLabel(p.Period),
		Periods: periodOptions(p), Indicators: indicatorOptions(p.Indicator.ID),
	}
	var err error
	if v.Headline, err = s.headline(ctx, p.Period, u.Code); err != nil {
		return v, err
	}
	v.HeadCSV, v.HeadJSON = downloadURLs("chi-so-chinh", p, u.Code)
	if v.Trend, err = s.trendTable(ctx, p, u.Code); err != nil {
		return v, err
	}
	if u.Kind == units.AgencyCommune {
		if parent, ok := s.cfg.Measure.Directory().Unit(u.Province); ok {
			v.ParentURL, v.ParentName = "/so-lieu/don-vi/"+parent.Code+"?"+dashQuery(p, ""), unitName(parent)
		}
	}
	if u.Kind == units.AgencyProvince {
		t, err := s.rankTable(ctx, p, measure.RankCommunes, u.Code)
		if err != nil {
			return v, err
		}
		v.Communes = &t
	}
	if v.Procs, err = s.procLines(ctx, p, u.Code); err != nil {
		return v, err
	}
	v.ProcCSV, v.ProcJSON = downloadURLs("thu-tuc", p, u.Code)
	return v, nil
}

// procLimit bounds the services listed in a drill-down.
const procLimit = 50

func (s *Server) procLines(ctx context.Context, p dashParams, unit string) ([]procLine, error) {
	ps, err := s.cfg.Measure.ProcedureFigures(ctx, p.Period, unit, procLimit)
	if err != nil {
		return nil, err
	}
	var out []procLine
	val := func(ps measure.ProcFigures, id string) string {
		ind, _ := measure.IndicatorByID(id)
		if v := ps.Figures.Value(ind); v.Known {
			return pct(v.Value)
		}
		return s.msg.T("dash.na")
	}
	for _, x := range ps {
		name := x.Procedure.Name
		if name == "" {
			name = x.Procedure.Key()
		}
		out = append(out, procLine{Code: x.Procedure.Key(), Name: name, Received: s.countText(x.Figures.Count("received_total")),
			Online: s.countText(x.Figures.Count("received_online")), OnlineRate: val(x, "online_rate"),
			OnTime: val(x, "on_time_rate"), Satisfaction: val(x, "satisfaction")})
	}
	return out, nil
}

// countText shows a count, or "n/a" when no source knows it: an unknown
// count is never shown as 0.
func (s *Server) countText(c measure.Count) string {
	if !c.Known {
		return s.msg.T("dash.na")
	}
	return vn.GroupThousands(c.N)
}

type honourLine struct {
	Position, Name, Value, Detail string
}

type honoursView struct {
	Base                               Base
	Year                               string
	Years                              []option
	MostUsed, MostSatisfying, Improved []honourLine
	Quarters                           string
}

// honoursPage is /so-lieu/vinh-danh?nam=YYYY.
func (s *Server) honoursPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.dashParse(r.Context(), r)
	if err != nil {
		return err
	}
	year := r.URL.Query().Get("nam")
	if year == "" {
		year = p.Latest[:4]
	}
	y, err := strconv.Atoi(year)
	if err != nil || y < 2000 || y > 2100 {
		return badRequest("bad_year", s.msg.T("dash.bad_period"))
	}
	return s.dashCached(w, r, "dashboard_honours", func() (any, error) {
		h, err := s.cfg.Measure.Honours(r.Context(), y)
		if err != nil {
			return nil, err
		}
		v := honoursView{Base: Base{Title: s.msg.Tf("dash.honours_title", year), Description: s.msg.T("dash.honours_description")}, Year: year}
		for _, y := range p.Years {
			v.Years = append(v.Years, option{Value: y, Label: y, Selected: y == year})
		}
		for i, x := range h.MostUsed {
			v.MostUsed = append(v.MostUsed, honourLine{Position: strconv.Itoa(i + 1), Name: procName(x.Procedure),
				Value: vn.GroupThousands(x.Online), Detail: s.satisfactionText(x.Satisfaction)})
		}
		for i, x := range h.MostSatisfying {
			v.MostSatisfying = append(v.MostSatisfying, honourLine{Position: strconv.Itoa(i + 1), Name: procName(x.Procedure),
				Value: pct(x.Satisfaction.Value), Detail: vn.GroupThousands(x.Satisfaction.Denominator)})
		}
		for i, x := range h.Improved {
			v.Improved = append(v.Improved, honourLine{Position: strconv.Itoa(i + 1), Name: unitName(x.Unit),
				Value: signedPoints(x.Points), Detail: pct(x.Before.Value) + " → " + pct(x.After.Value)})
		}
		if h.FirstQuarter[0] != "" {
			v.Quarters = s.msg.Tf("dash.honours_quarters", h.FirstQuarter[0], h.FirstQuarter[1], h.LastQuarter[0], h.LastQuarter[1])
		}
		return v, nil
	})
}

func procName(p measure.Procedure) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Key()
}

func (s *Server) satisfactionText(v measure.Value) string {
	if !v.Known {
		return s.msg.T("dash.na")
	}
	return pct(v.Value)
}
