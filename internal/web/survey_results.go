package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/surveys"
)

// resultBlock is one question's results as the pages draw them.
type resultBlock struct {
	ID, Label, Type string
	Answered        int
	Average         string
	Bars            []resultBar
	Chart           template.HTML
	// Texts are the latest text answers, for the back office only.
	Texts []string
}

// resultBar is one value's count.
type resultBar struct {
	Label, Percent string
	Count          int
}

type surveyResultsView struct {
	Base   Base
	Title  string
	Total  int
	Blocks []resultBlock
	// Version is the number of the version shown.
	Version int
}

// surveyPublicResults shows the counts of the live version when the owner
// has published them. Free text and personal answers are never shown.
func (s *Server) surveyPublicResults(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.surveyBySlug(r)
	if err != nil {
		return err
	}
	if !sv.ResultsPublic || sv.LiveVersionID == 0 {
		return notFoundErr(s.msg.T("survey.results_private"))
	}
	v, err := s.cfg.Surveys.Live(r.Context(), sv)
	if err != nil {
		return err
	}
	res, err := s.cfg.Surveys.Results(r.Context(), v)
	if err != nil {
		return err
	}
	view := surveyResultsView{Base: Base{Title: s.msg.Tf("survey.results_title", sv.Title)}, Title: sv.Title,
		Total: res.Total, Version: v.Number, Blocks: s.resultBlocks(r.Context(), res, false)}
	w.Header().Set("Cache-Control", "public, max-age=60")
	return s.render(w, http.StatusOK, "survey_results", view)
}

// resultBlocks turns results into blocks with charts; internal adds the
// latest text answers for the back office.
func (s *Server) resultBlocks(ctx context.Context, res *surveys.Results, internal bool) []resultBlock {
	var out []resultBlock
	for _, qr := range res.Questions {
		q := qr.Question
		b := resultBlock{ID: "kq-" + q.ID, Label: q.Label, Type: q.Type.Name(), Answered: qr.Answered}
		if qr.HasAverage {
			b.Average = strings.Replace(strconv.FormatFloat(qr.Average, 'f', 2, 64), ".", ",", 1)
		}
		for _, o := range qr.Options {
			label := o.Label
			if q.Type == surveys.TypePlace {
				label = s.unitName(ctx, o.Value)
			}
			if q.Type == surveys.TypeRating {
				label = o.Value + " – " + s.msg[fmt.Sprintf("survey.rating_%s", o.Value)]
			}
			b.Bars = append(b.Bars, resultBar{Label: label, Count: o.Count,
				Percent: strings.Replace(strconv.FormatFloat(o.Percent, 'f', 1, 64), ".", ",", 1) + "%"})
		}
		if len(b.Bars) > 0 {
			b.Chart = barChart(b.ID+"-title", b.Bars)
		}
		if internal {
			b.Texts = qr.Texts
		}
		out = append(out, b)
	}
	return out
}

// unitName names a province or commune code, or returns the code.
func (s *Server) unitName(ctx context.Context, code string) string {
	if u, err := s.cfg.Units.Unit(ctx, code); err == nil {
		return u.FullName
	}
	return code
}

// barChart draws horizontal bars in SVG on the server: no script, crisp
// at any zoom, a few hundred bytes. The chart is labelled by the
// question's heading; the table beside it carries the same numbers for
// screen readers, so the drawing itself is hidden from them.
func barChart(labelledBy string, bars []resultBar) template.HTML {
	const rowH, barW = 42, 300
	maxCount := 1
	for _, b := range bars {
		maxCount = max(maxCount, b.Count)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" aria-hidden="true" focusable="false" data-for="%s">`,
		barW+110, rowH*len(bars), template.HTMLEscapeString(labelledBy))
	for i, b := range bars {
		y := i * rowH
		w := max(barW*b.Count/maxCount, 1)
		label := []rune(b.Label)
		if len(label) > 48 {
			label = append(label[:47], '…')
		}
		fmt.Fprintf(&sb, `<text x="0" y="%d" font-size="12" fill="#1b1f24">%s</text>`, y+13, template.HTMLEscapeString(string(label)))
		fmt.Fprintf(&sb, `<rect x="0" y="%d" width="%d" height="16" fill="#0b4fa3"/>`, y+18, w)
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="12" fill="#1b1f24">%d (%s)</text>`, w+6, y+31, b.Count, template.HTMLEscapeString(b.Percent))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
