package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Dashboard charts are drawn on the server as inline SVG, like the
// targets' chart: no script, a few kilobytes, an image with a title and a
// description for screen readers (role="img"), and always a table with
// the same figures beside it, so nothing is only in the picture.

// chartWidth is the width of every chart, in SVG units, with words 12
// units tall: narrow, so that on a phone, where a chart is drawn at the
// screen's width, its words are still about 10 px tall.
const chartWidth = 440

// barItem is one bar: a label and a percentage (nil: no figure).
type barItem struct {
	Label string
	Value *float64
}

// dashBarChart draws horizontal bars on a 0–100 % scale, one per item, in the
// order given.
func dashBarChart(id, title, desc string, items []barItem) template.HTML {
	if len(items) == 0 {
		return ""
	}
	const w, left, right, rowH, top, font, maxLabel = chartWidth, 176, 58, 20, 8, 12, 22
	h := top + rowH*len(items) + 24
	plot := float64(w - left - right)
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="dash-chart" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %d %d" width="100%%" xmlns="http://www.w3.org/2000/svg">`, esc(id), w, h)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	for _, v := range []float64{0, 25, 50, 75, 100} {
		x := left + plot*v/100
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%d" y2="%d" stroke="#cfd6de"/>`, chartNum(x), chartNum(x), top, h-20)
		fmt.Fprintf(&b, `<text x="%s" y="%d" text-anchor="middle" font-size="%d" fill="#1b1f24">%s%%</text>`, chartNum(x), h-6, font, chartNum0(v))
	}
	for i, it := range items {
		y := top + i*rowH
		label := it.Label
		if r := []rune(label); len(r) > maxLabel {
			label = string(r[:maxLabel-1]) + "…"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="%d" fill="#1b1f24">%s</text>`, left-6, y+14, font, esc(label))
		if it.Value == nil {
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" fill="#4a5360">chưa đủ dữ liệu</text>`, left+4, y+14, font)
			continue
		}
		v := math.Max(0, math.Min(100, *it.Value))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%s" height="%d" fill="#0b4fa3"/>`, left, y+3, chartNum(plot*v/100), rowH-6)
		fmt.Fprintf(&b, `<text x="%s" y="%d" font-size="%d" fill="#1b1f24">%s</text>`, chartNum(left+plot*v/100+4), y+14, font, esc(pct(*it.Value)))
	}
	b.WriteString(`</svg>`)
	// Every text went through html.EscapeString; the rest are numbers.
	return template.HTML(b.String())
}

// lineSeries is one line of a line chart.
type lineSeries struct {
	Name   string
	Color  string
	Dash   string
	Values []*float64
}

// dashLineChart draws percentages by month (labels along x) for a few series.
func dashLineChart(id, title, desc string, labels []string, series []lineSeries) template.HTML {
	if len(labels) == 0 {
		return ""
	}
	const w, left, right, bot, plotH, font = chartWidth, 44, 24, 40, 200, 12
	top := 14 + 18*len(series) // the legend: a line per series
	h := top + plotH + bot
	// Every other month is named when the names would touch.
	step := 1
	if float64(w-left-right)/float64(len(labels)) < 42 {
		step = 2
	}
	esc := html.EscapeString
	px := func(i int) float64 {
		if len(labels) == 1 {
			return left + float64(w-left-right)/2
		}
		return left + float64(i)*float64(w-left-right)/float64(len(labels)-1)
	}
	py := func(v float64) float64 { return float64(h-bot) - math.Max(0, math.Min(100, v))/100*plotH }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="dash-chart" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %d %d" width="100%%" xmlns="http://www.w3.org/2000/svg">`, esc(id), w, h)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	for _, v := range []float64{0, 25, 50, 75, 100} {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%s" y2="%s" stroke="#cfd6de"/>`, left, w-right, chartNum(py(v)), chartNum(py(v)))
		fmt.Fprintf(&b, `<text x="%d" y="%s" text-anchor="end" font-size="%d" fill="#1b1f24">%s%%</text>`, left-6, chartNum(py(v)+4), font, chartNum0(v))
	}
	for i, l := range labels {
		if (len(labels)-1-i)%step != 0 {
			continue // the latest month is always named
		}
		fmt.Fprintf(&b, `<text x="%s" y="%d" text-anchor="middle" font-size="%d" fill="#1b1f24">%s</text>`, chartNum(px(i)), h-bot+16, font, esc(l))
	}
	for si, s := range series {
		var pts []string
		for i, v := range s.Values {
			if v == nil {
				continue
			}
			pts = append(pts, chartNum(px(i))+","+chartNum(py(*v)))
		}
		dash := ""
		if s.Dash != "" {
			dash = ` stroke-dasharray="` + esc(s.Dash) + `"`
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"%s/>`, strings.Join(pts, " "), esc(s.Color), dash)
		}
		for _, p := range pts {
			x, y, _ := strings.Cut(p, ",")
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3" fill="%s"/>`, x, y, esc(s.Color))
		}
		ly := 12 + si*18
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2.5"%s/><text x="%d" y="%d" font-size="%d" fill="#1b1f24">%s</text>`,
			left, left+22, ly, ly, esc(s.Color), dash, left+28, ly+4, font, esc(s.Name))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartNum0 formats a whole number.
func chartNum0(v float64) string { return fmt.Sprintf("%.0f", v) }

// pct formats a percentage the Vietnamese way: "61,25 %".
func pct(v float64) string {
	return strings.Replace(fmt.Sprintf("%.2f", v), ".", ",", 1) + " %"
}
