package web

import (
	"encoding/csv"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
)

// statRow is one line of the public statistics, ready to show.
type statRow struct {
	Agency, Name                        string
	Received, Answered, OnTime, Overdue int
	OnTimePct, MedianDays, SatisfiedPct string
	Verdicts, Satisfied                 int
}

type reportStatsView struct {
	Base     Base
	National statRow
	Agencies []statRow
}

// fmtNum writes a figure with a decimal comma, "–" when there is none.
func fmtNum(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

func (s *Server) statRows(r *http.Request) (statRow, []statRow, error) {
	national, per, err := s.cfg.Cases.Statistics(r.Context())
	if err != nil {
		return statRow{}, nil, err
	}
	names := s.newAgencyNames(r.Context())
	row := func(st cases.Stats) statRow {
		out := statRow{Agency: st.Agency, Received: st.Received, Answered: st.Answered, OnTime: st.OnTime,
			Overdue: st.OverdueNow, OnTimePct: fmtNum(st.OnTimePct), MedianDays: fmtNum(st.MedianDays),
			SatisfiedPct: fmtNum(st.SatisfiedPct), Verdicts: st.Verdicts, Satisfied: st.Satisfied}
		switch st.Agency {
		case "":
			out.Name = s.msg.T("report.stats_unrouted")
		default:
			out.Name = names.name(st.Agency)
		}
		return out
	}
	n := row(national)
	n.Agency, n.Name = cases.NationalAgency, s.msg.T("report.stats_national")
	var rows []statRow
	for _, st := range per {
		rows = append(rows, row(st))
	}
	return n, rows, nil
}

// reportStatsPage shows the figures nationally and per agency.
func (s *Server) reportStatsPage(w http.ResponseWriter, r *http.Request) error {
	n, rows, err := s.statRows(r)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	return s.render(w, http.StatusOK, "report_stats", reportStatsView{
		Base: Base{Title: s.msg.T("report.stats_title"), Description: s.msg.T("report.stats_lead")}, National: n, Agencies: rows})
}

// statsHeader names the CSV columns: stable English names, like the audit
// export, so that scripts do not break when a label is reworded.
var statsHeader = []string{"agency", "agency_name", "received", "answered", "answered_on_time", "on_time_pct",
	"overdue_now", "median_working_days_to_answer", "verdicts", "satisfied", "satisfied_pct"}

// reportStatsCSV is the same figures as CSV, national first.
func (s *Server) reportStatsCSV(w http.ResponseWriter, r *http.Request) error {
	n, rows, err := s.statRows(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="thong-ke-phan-anh.csv"`)
	cw := csv.NewWriter(w)
	if err := cw.Write(statsHeader); err != nil {
		return err
	}
	dot := func(v string) string { return strings.Replace(strings.Replace(v, ",", ".", 1), "–", "", 1) }
	for _, row := range append([]statRow{n}, rows...) {
		rec := []string{row.Agency, audit.SafeCell(row.Name), strconv.Itoa(row.Received), strconv.Itoa(row.Answered),
			strconv.Itoa(row.OnTime), dot(row.OnTimePct), strconv.Itoa(row.Overdue), dot(row.MedianDays),
			strconv.Itoa(row.Verdicts), strconv.Itoa(row.Satisfied), dot(row.SatisfiedPct)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// statsJSON is one line of the JSON statistics; percentages and the
// median are null when there is nothing to compute them from.
type statsJSON struct {
	Agency       string   `json:"agency"`
	Name         string   `json:"name"`
	Received     int      `json:"received"`
	Answered     int      `json:"answered"`
	OnTime       int      `json:"answered_on_time"`
	OnTimePct    *float64 `json:"on_time_pct"`
	OverdueNow   int      `json:"overdue_now"`
	MedianDays   *float64 `json:"median_working_days_to_answer"`
	Verdicts     int      `json:"verdicts"`
	Satisfied    int      `json:"satisfied"`
	SatisfiedPct *float64 `json:"satisfied_pct"`
}

func optNum(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

// reportStatsJSON is the same figures as JSON.
func (s *Server) reportStatsJSON(w http.ResponseWriter, r *http.Request) error {
	national, per, err := s.cfg.Cases.Statistics(r.Context())
	if err != nil {
		return err
	}
	names := s.newAgencyNames(r.Context())
	conv := func(st cases.Stats, code, name string) statsJSON {
		return statsJSON{Agency: code, Name: name, Received: st.Received, Answered: st.Answered, OnTime: st.OnTime,
			OnTimePct: optNum(st.OnTimePct), OverdueNow: st.OverdueNow, MedianDays: optNum(st.MedianDays),
			Verdicts: st.Verdicts, Satisfied: st.Satisfied, SatisfiedPct: optNum(st.SatisfiedPct)}
	}
	out := struct {
		National statsJSON   `json:"national"`
		Agencies []statsJSON `json:"agencies"`
	}{National: conv(national, "VN", s.msg.T("report.stats_national")), Agencies: []statsJSON{}}
	for _, st := range per {
		name := s.msg.T("report.stats_unrouted")
		if st.Agency != "" {
			name = names.name(st.Agency)
		}
		out.Agencies = append(out.Agencies, conv(st, st.Agency, name))
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	return writeJSON(w, out)
}
