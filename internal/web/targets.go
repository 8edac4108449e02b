package web

import (
	"context"
	"encoding/csv"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/targets"
)

// targetRoutes are the programme targets: a public page with a chart per
// target and its data as JSON and CSV, and the back-office section where
// the national coordinator keeps the figures (admin_targets.go).
func (s *Server) targetRoutes() []Route {
	site := SurfaceSite
	routes := []Route{
		{"GET", "/so-lieu/muc-tieu", PermPublic, nil, site, s.targetsPage},
		{"GET", "/so-lieu/muc-tieu.json", PermPublic, nil, site, s.targetsJSON},
		{"GET", "/so-lieu/muc-tieu.csv", PermPublic, nil, site, s.targetsCSV},
	}
	return append(routes, s.adminTargetRoutes()...)
}

// targetPoint is one line of a target's data table.
type targetPoint struct {
	Period, Kind, Value, Source string
	// Auto marks a value Loa computed from its measurements; Note then
	// says from which counts.
	Auto bool
	Note string
}

// targetCard is one target as the public page and the back office show it.
type targetCard struct {
	Key, Name, Unit, Direction string
	// Status is the status code (a CSS class), StatusLabel its words.
	Status, StatusLabel string
	Achieved, Confirmed bool
	// Values, formatted with their unit; "" when unknown.
	Baseline, BaselineYear, Latest, LatestPeriod, Target2025, Target2030 string
	// LatestAuto marks a latest value Loa computed; Indicator names the
	// measured rate the target is computed from, "" for none.
	LatestAuto bool
	Indicator  string
	// The numbers behind the status.
	JudgedAgainst, Observed, Required, Ratio, Reason string
	Source                                           string
	Version                                          int64
	UpdatedAt, UpdatedBy                             string
	ChartID                                          string
	Chart                                            template.HTML
	Points                                           []targetPoint
}

// targetCards builds the cards of every target, assessed at now.
func (s *Server) targetCards(ctx context.Context, now time.Time) ([]targetCard, error) {
	sums, err := s.cfg.Targets.Summaries(ctx, now)
	if err != nil {
		return nil, err
	}
	cards := make([]targetCard, len(sums))
	for i, sum := range sums {
		cards[i] = s.targetCard(sum)
	}
	return cards, nil
}

func (s *Server) targetCard(sum targets.Summary) targetCard {
	t, a, u := sum.Target, sum.Assessment, sum.Target.Unit
	c := targetCard{
		Key: t.Key, Name: t.Name, Unit: string(u), Direction: t.Direction.Label(),
		Status: string(a.Status), StatusLabel: a.Label, Achieved: a.Achieved, Confirmed: t.Confirmed,
		Baseline: targetOptValue(t.Baseline, u), Target2025: targetOptValue(t.Target2025, u), Target2030: targetOptValue(t.Target2030, u),
		Observed: targetGrowth(a.ObservedGrowth), Required: targetGrowth(a.RequiredGrowth), Reason: a.Reason,
		Source: t.Source, Version: t.Version, UpdatedAt: vnTime(t.CreatedAt), UpdatedBy: t.CreatedBy,
		ChartID: "bieu-do-" + strings.ReplaceAll(t.Key, "_", "-"),
	}
	if t.BaselineYear != nil {
		c.BaselineYear = strconv.Itoa(*t.BaselineYear)
		c.Points = append(c.Points, targetPoint{Period: "năm " + c.BaselineYear, Kind: s.msg.T("targets.kind_baseline"), Value: c.Baseline, Source: s.msg.T("targets.source_see_below")})
	}
	if sum.Latest != nil {
		c.Latest, c.LatestPeriod, c.LatestAuto = targetValue(sum.Latest.Value, u), sum.Latest.Period.Label(), sum.Latest.Automatic()
	}
	if t.Indicator != "" {
		c.Indicator = s.cfg.Targets.IndicatorName(t.Indicator)
	}
	for _, o := range sum.Observations {
		p := targetPoint{Period: o.Period.Label(), Kind: o.SourceKind.Label(), Value: targetValue(o.Value, u), Source: o.Source, Auto: o.Automatic()}
		if p.Auto {
			p.Note = o.Note // generated from counts; a person's notes stay in the back office
		}
		c.Points = append(c.Points, p)
	}
	for _, m := range t.Milestones() {
		c.Points = append(c.Points, targetPoint{Period: "năm " + strconv.Itoa(m.Year), Kind: s.msg.T("targets.kind_target"), Value: targetValue(m.Value, u), Source: s.msg.T("targets.source_see_below")})
	}
	switch {
	case a.Method == targets.MethodTarget:
		c.JudgedAgainst = s.msg.Tf("targets.judged_target", strconv.Itoa(a.TargetYear), targetValue(a.TargetValue, u))
	case a.Status != targets.InsufficientData:
		c.JudgedAgainst = s.msg.T("targets.judged_direction")
	}
	if a.Ratio != nil {
		c.Ratio = targetNumber(*a.Ratio*100) + "%"
	}
	c.Chart = targetChart(c.ChartID, s.msg.Tf("targets.chart_title", t.Name), s.chartDesc(c), t, sum.Observations)
	return c
}

// chartDesc is the chart's text equivalent in one sentence or two.
func (s *Server) chartDesc(c targetCard) string {
	var parts []string
	if c.Baseline != "" {
		parts = append(parts, s.msg.Tf("targets.desc_baseline", c.Baseline, c.BaselineYear))
	}
	if c.Latest != "" {
		parts = append(parts, s.msg.Tf("targets.desc_latest", c.Latest, c.LatestPeriod))
	}
	if c.Target2025 != "" {
		parts = append(parts, s.msg.Tf("targets.desc_target", "2025", c.Target2025))
	}
	if c.Target2030 != "" {
		parts = append(parts, s.msg.Tf("targets.desc_target", "2030", c.Target2030))
	}
	parts = append(parts, s.msg.Tf("targets.desc_status", c.StatusLabel))
	return strings.Join(parts, "; ") + "."
}

// targetLegend explains one status on the public page.
type targetLegend struct {
	Status, Label, Meaning string
}

type targetsPageView struct {
	Base    Base
	Targets []targetCard
	Legend  []targetLegend
}

// targetsPage shows every programme target with its chart and data.
func (s *Server) targetsPage(w http.ResponseWriter, r *http.Request) error {
	cards, err := s.targetCards(r.Context(), s.cfg.Targets.Now())
	if err != nil {
		return err
	}
	view := targetsPageView{Base: Base{Title: s.msg.T("targets.title"), Description: s.msg.T("targets.description")}, Targets: cards}
	for _, st := range targets.Statuses() {
		view.Legend = append(view.Legend, targetLegend{Status: string(st), Label: st.Label(), Meaning: s.msg["targets.meaning."+string(st)]})
	}
	return s.render(w, http.StatusOK, "targets", view)
}

// targetJSON is one target in the JSON export: no staff names.
type targetJSON struct {
	targets.Target
	Observations []targetObsJSON    `json:"observations"`
	Progress     targets.Assessment `json:"progress"`
	Latest       *targetObsJSON     `json:"latest"`
}

type targetObsJSON struct {
	Period     string             `json:"period"`
	Value      float64            `json:"value"`
	SourceKind targets.SourceKind `json:"source_kind"`
	Source     string             `json:"source"`
}

func targetObsToJSON(o targets.Observation) targetObsJSON {
	return targetObsJSON{Period: o.Period.String(), Value: o.Value, SourceKind: o.SourceKind, Source: o.Source}
}

// targetsJSON serves the targets, observations and assessments as JSON.
func (s *Server) targetsJSON(w http.ResponseWriter, r *http.Request) error {
	now := s.cfg.Targets.Now()
	sums, err := s.cfg.Targets.Summaries(r.Context(), now)
	if err != nil {
		return err
	}
	out := struct {
		GeneratedAt time.Time    `json:"generated_at"`
		Method      string       `json:"method"`
		Targets     []targetJSON `json:"targets"`
	}{GeneratedAt: now.UTC().Truncate(time.Second), Method: s.msg.T("targets.method_short"), Targets: []targetJSON{}}
	for _, sum := range sums {
		tj := targetJSON{Target: sum.Target, Progress: sum.Assessment, Observations: []targetObsJSON{}}
		for _, o := range sum.Observations {
			tj.Observations = append(tj.Observations, targetObsToJSON(o))
		}
		if sum.Latest != nil {
			l := targetObsToJSON(*sum.Latest)
			tj.Latest = &l
		}
		out.Targets = append(out.Targets, tj)
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	return writeJSON(w, out)
}

// targetsCSVHeader names the CSV columns, in English and stable, like the
// audit export.
var targetsCSVHeader = []string{"target_key", "target_name", "unit", "direction", "kind", "period", "value",
	"source_kind", "source", "status", "confirmed"}

// targetsCSV serves every data point (baselines, observations, targets)
// as CSV, one per line.
func (s *Server) targetsCSV(w http.ResponseWriter, r *http.Request) error {
	now := s.cfg.Targets.Now()
	sums, err := s.cfg.Targets.Summaries(r.Context(), now)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	if err := startCSV(w, "muc-tieu-de-an.csv"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(targetsCSVHeader); err != nil {
		return err
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, sum := range sums {
		t := sum.Target
		row := func(kind, period, value, sourceKind, source string) error {
			return cw.Write([]string{t.Key, audit.SafeCell(t.Name), string(t.Unit), string(t.Direction), kind, period, value,
				sourceKind, audit.SafeCell(source), string(sum.Assessment.Status), strconv.FormatBool(t.Confirmed)})
		}
		if t.Baseline != nil && t.BaselineYear != nil {
			if err := row("baseline", strconv.Itoa(*t.BaselineYear), num(*t.Baseline), "", t.Source); err != nil {
				return err
			}
		}
		for _, o := range sum.Observations {
			if err := row("observation", o.Period.String(), num(o.Value), string(o.SourceKind), o.Source); err != nil {
				return err
			}
		}
		for _, m := range t.Milestones() {
			if err := row("target", strconv.Itoa(m.Year), num(m.Value), "", t.Source); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// targetSitePages and targetAdminPages are this section's templates.
var (
	targetSitePages  = []string{"targets"}
	targetAdminPages = []string{"targets", "target"}
)
