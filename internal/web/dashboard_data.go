package web

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/measure"
)

// dataTable is a chart's table in machine form: column names and rows of
// numbers (nil when unknown), strings for names and codes.
type dataTable struct {
	Table   string   `json:"table"`
	Period  string   `json:"period"`
	Unit    string   `json:"unit"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	// Method stamps rankings with the versions that produced them.
	Method string `json:"method,omitempty"`
}

// dashboardDownload serves /so-lieu/tai-ve/{table}?ky=&chi-so=&don-vi=&dinh-dang=csv|json:
// the table behind a chart, the same figures as on the page.
func (s *Server) dashboardDownload(w http.ResponseWriter, r *http.Request) error {
	p, err := s.dashParse(r.Context(), r)
	if err != nil {
		return err
	}
	unit := r.URL.Query().Get("don-vi")
	if unit == "" {
		unit = measure.National
	}
	if _, ok := s.cfg.Measure.Directory().Unit(unit); !ok && unit != measure.National {
		return notFoundErr(s.msg.T("dash.unknown_unit"))
	}
	format := r.URL.Query().Get("dinh-dang")
	if format != "csv" && format != "json" {
		return badRequest("bad_format", s.msg.T("dash.bad_format"))
	}
	t := dataTable{Table: r.PathValue("table"), Period: p.Period.Label, Unit: unit}
	ctx := r.Context()
	round := func(v measure.Value) any {
		if !v.Known {
			return nil
		}
		return measure.Round2(v.Value)
	}
	switch t.Table {
	case "chi-so-chinh":
		rep, err := s.cfg.Measure.SliceReport(ctx, p.Period, unit)
		if err != nil {
			return s.dashError(err)
		}
		t.Columns = []string{"indicator", "name", "numerator", "denominator", "value"}
		for _, v := range rep.Values {
			var den any = v.Denominator
			if v.Indicator.Kind != measure.KindRate {
				den = nil
			}
			val := round(v)
			if v.Known && v.Indicator.Kind != measure.KindRate {
				val = math.Round(v.Value)
			}
			t.Rows = append(t.Rows, []any{v.Indicator.ID, v.Indicator.Name, v.Numerator, den, val})
		}
	case "xep-hang-tinh", "xep-hang-bo", "xep-hang-xa":
		q := measure.RankQuery{Indicator: p.Indicator.ID, Period: p.Period, Level: measure.RankProvinces}
		switch t.Table {
		case "xep-hang-bo":
			q.Level = measure.RankMinistries
		case "xep-hang-xa":
			q.Level, q.Province = measure.RankCommunes, unit
		}
		rk, err := s.cfg.Measure.Rank(ctx, q)
		if err != nil {
			return s.dashError(err)
		}
		t.Method = "registry v" + strconv.Itoa(rk.RegistryVersion) + ", ranking v" + strconv.Itoa(rk.MethodVersion) +
			", min volume " + strconv.FormatInt(rk.MinVolume, 10)
		if rk.Frozen {
			t.Method += ", frozen " + rk.FrozenAt.Format(time.RFC3339)
		}
		t.Columns = []string{"position", "unit", "name", "indicator", "numerator", "denominator", "value_percent"}
		for _, row := range rk.Rows {
			var pos any
			if row.Ranked() {
				pos = row.Position
			}
			t.Rows = append(t.Rows, []any{pos, row.Unit.Code, unitName(row.Unit), p.Indicator.ID, row.Value.Numerator, row.Value.Denominator, round(row.Value)})
		}
	case "xu-huong":
		months, err := s.cfg.Measure.MonthlyFigures(ctx, trendPeriod(p.Period), unit)
		if err != nil {
			return s.dashError(err)
		}
		t.Columns = []string{"month"}
		inds := measure.RateIndicators()
		for _, ind := range inds {
			t.Columns = append(t.Columns, ind.ID+"_percent")
		}
		for _, m := range months {
			row := []any{m.Month}
			for _, ind := range inds {
				row = append(row, round(m.Figures.Value(ind)))
			}
			t.Rows = append(t.Rows, row)
		}
	case "thu-tuc":
		ps, err := s.cfg.Measure.ProcedureFigures(ctx, p.Period, unit, procLimit)
		if err != nil {
			return s.dashError(err)
		}
		t.Columns = []string{"procedure", "name", "received_total", "received_online", "online_rate_percent", "on_time_rate_percent", "satisfaction_percent"}
		for _, x := range ps {
			row := []any{x.Procedure.Key(), x.Procedure.Name, countCell(x.Figures.Count("received_total")), countCell(x.Figures.Count("received_online"))}
			for _, id := range []string{"online_rate", "on_time_rate", "satisfaction"} {
				ind, _ := measure.IndicatorByID(id)
				row = append(row, round(x.Figures.Value(ind)))
			}
			t.Rows = append(t.Rows, row)
		}
	default:
		return notFoundErr(s.msg.T("dash.unknown_table"))
	}
	name := "so-lieu-" + t.Table + "-" + t.Period
	if format == "json" {
		downloadHeaders(w, name+".json", "application/json; charset=utf-8")
		return json.NewEncoder(w).Encode(t)
	}
	// With the BOM, Excel reads the Vietnamese names as UTF-8.
	if err := startCSV(w, name+".csv"); err != nil {
		return nil // the client went away
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			switch x := c.(type) {
			case nil:
				rec[i] = ""
			case string:
				rec[i] = audit.SafeCell(x)
			case float64:
				rec[i] = strconv.FormatFloat(x, 'f', 2, 64)
			default:
				rec[i] = jsonNumber(x)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// countCell is a count in a data table: nil (an empty cell, null) when
// unknown, never 0.
func countCell(c measure.Count) any {
	if !c.Known {
		return nil
	}
	return c.N
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
