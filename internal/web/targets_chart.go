package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/targets"
)

// The chart is drawn on the server as inline SVG: no script, a few
// kilobytes, readable when printed. It is an image with a title and a
// description for screen readers (role="img"); the page puts the same
// figures in a table beside it, so nothing is only in the picture.

// chart geometry, in SVG user units (chartWidth: dashboard_chart.go).
const (
	chartW, chartH                            = chartWidth, 290
	chartLeft, chartRight, chartTop, chartBot = 56, 20, 46, 36
)

// chartFirstYear is the earliest year every chart shows: the programme's
// baseline year.
const chartFirstYear = 2023

// chartPoint is a value at a place on the continuous year scale of
// targets.Period.At (year Y's figure at Y+1).
type chartPoint struct {
	at, v float64
}

// targetChart draws baseline → observations → 2025/2030 targets for one
// target, or returns "" when there is nothing to draw. id makes the
// title and description ids unique on the page.
func targetChart(id, title, desc string, t targets.Target, obs []targets.Observation) template.HTML {
	var actual, path []chartPoint
	if t.Baseline != nil && t.BaselineYear != nil {
		b := chartPoint{targets.YearPeriod(*t.BaselineYear).At(), *t.Baseline}
		actual, path = append(actual, b), append(path, b)
	}
	for _, o := range obs {
		actual = append(actual, chartPoint{o.Period.At(), o.Value})
	}
	var goals []chartPoint
	var goalYears []int
	for _, m := range t.Milestones() {
		p := chartPoint{targets.YearPeriod(m.Year).At(), m.Value}
		goals, goalYears = append(goals, p), append(goalYears, m.Year)
		if len(path) > 0 {
			path = append(path, p)
		}
	}
	if len(actual)+len(goals) == 0 {
		return ""
	}

	// x: from the earliest year shown to the end of 2030.
	x0, x1 := float64(targets.Year2030+1), float64(targets.Year2030+1)
	for _, p := range append(append([]chartPoint{}, actual...), goals...) {
		x0 = math.Min(x0, math.Floor(p.at-1e-9))
		x1 = math.Max(x1, math.Ceil(p.at))
	}
	// Start no later than the programme's baseline year, so that a target
	// with only a 2030 value still shows the years leading to it.
	x0 = math.Min(x0, chartFirstYear)
	lo, hi, invert := chartValueRange(t, append(append([]chartPoint{}, actual...), goals...))
	px := func(at float64) float64 {
		return chartLeft + (at-x0)/(x1-x0)*(chartW-chartLeft-chartRight)
	}
	py := func(v float64) float64 {
		f := (v - lo) / (hi - lo)
		if invert {
			f = 1 - f
		}
		return chartH - chartBot - f*(chartH-chartTop-chartBot)
	}

	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<svg class="target-chart" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">`,
		esc(id), chartW, chartH)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	// Grid and value labels.
	for _, v := range chartTicks(lo, hi) {
		y := py(v)
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="#cfd6de" stroke-width="1"/>`, chartNum(chartLeft), chartNum(chartW-chartRight), chartNum(y), chartNum(y))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end" font-size="12" fill="#1b1f24">%s</text>`, chartNum(chartLeft-6), chartNum(y+4), esc(chartTickLabel(v, t.Unit)))
	}
	// Year labels: year Y's figure sits at Y+1, the end of the year.
	step := 1
	if x1-x0 > 12 {
		step = 2
	}
	for yr := int(x0); yr <= int(x1)-1; yr += step {
		x := px(float64(yr + 1))
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%d" y2="%d" stroke="#4a5360" stroke-width="1"/>`, chartNum(x), chartNum(x), chartH-chartBot, chartH-chartBot+4)
		fmt.Fprintf(&b, `<text x="%s" y="%d" text-anchor="middle" font-size="12" fill="#1b1f24">%d</text>`, chartNum(x), chartH-chartBot+18, yr)
	}
	fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#4a5360" stroke-width="1"/>`, chartLeft, chartW-chartRight, chartH-chartBot, chartH-chartBot)
	// The path the targets require, dashed; then what was observed.
	if len(path) > 1 {
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#a4161a" stroke-width="2" stroke-dasharray="6 4"/>`, chartPoints(path, px, py))
	}
	if len(actual) > 1 {
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#0b4fa3" stroke-width="3"/>`, chartPoints(actual, px, py))
	}
	for _, p := range actual {
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="4.5" fill="#0b4fa3"/>`, chartNum(px(p.at)), chartNum(py(p.v)))
	}
	for i, g := range goals {
		x, y := px(g.at), py(g.v)
		fmt.Fprintf(&b, `<path d="M%s %sl7 7-7 7-7-7z" fill="#fff" stroke="#a4161a" stroke-width="2"/>`, chartNum(x), chartNum(y-7))
		anchor, dx := "end", -10.0
		if x < chartLeft+120 {
			anchor, dx = "start", 10
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="%s" font-size="12" font-weight="600" fill="#7a0f12">%s</text>`,
			chartNum(x+dx), chartNum(y-10), anchor, esc(fmt.Sprintf("Mục tiêu %d: %s", goalYears[i], targetValue(g.v, t.Unit))))
	}
	// Legend, for the lines drawn.
	b.WriteString(`<g font-size="12" fill="#1b1f24">`)
	if len(actual) > 0 {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="12" y2="12" stroke="#0b4fa3" stroke-width="3"/><text x="%d" y="16">Số liệu thực tế</text>`,
			chartLeft, chartLeft+24, chartLeft+30)
	}
	if len(path) > 1 {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="12" y2="12" stroke="#a4161a" stroke-width="2" stroke-dasharray="6 4"/><text x="%d" y="16">Lộ trình đến mục tiêu</text>`,
			chartLeft+150, chartLeft+174, chartLeft+180)
	}
	b.WriteString(`</g>`)
	if invert {
		fmt.Fprintf(&b, `<text x="%d" y="34" font-size="12" fill="#4a5360">Hạng cao hơn ở trên</text>`, chartLeft)
	}
	b.WriteString(`</svg>`)
	// Every piece of text above went through html.EscapeString, and the
	// rest is numbers we formatted.
	return template.HTML(b.String())
}

// valueRange is the value axis: 0–100 for a rate, from 0 (or the first
// rank) to a round number above the largest value otherwise. A rank is
// drawn upside down, first at the top, so that up always means better.
func chartValueRange(t targets.Target, pts []chartPoint) (lo, hi float64, invert bool) {
	top := 0.0
	for _, p := range pts {
		top = math.Max(top, p.v)
	}
	switch t.Unit {
	case targets.UnitPercent:
		return 0, 100, false
	case targets.UnitRank:
		return 1, chartNiceCeil(top * 1.1), t.Direction == targets.LowerIsBetter
	}
	return 0, chartNiceCeil(top * 1.1), t.Direction == targets.LowerIsBetter
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten (at least 10).
func chartNiceCeil(v float64) float64 {
	if v <= 10 {
		return 10
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// ticks returns five evenly spaced values from lo to hi.
func chartTicks(lo, hi float64) []float64 {
	out := make([]float64, 5)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/4
		if lo == 1 && i > 0 { // a rank axis: 1, then round quarters of hi
			out[i] = hi * float64(i) / 4
		}
	}
	return out
}

func chartTickLabel(v float64, u targets.Unit) string {
	v = math.Round(v*10) / 10
	if u == targets.UnitPercent {
		return targetNumber(v) + "%"
	}
	return targetNumber(v)
}

// points formats a polyline's points.
func chartPoints(ps []chartPoint, px, py func(float64) float64) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = chartNum(px(p.at)) + "," + chartNum(py(p.v))
	}
	return strings.Join(parts, " ")
}

// n formats a coordinate with one decimal.
func chartNum(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
