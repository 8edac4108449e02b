package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
)

// statsDays is the period the figures show by default.
const statsDays = 30

// statsRow is one line of the figures, ready to show: counts with their
// share of the questions.
type statsRow struct {
	Day, Channel                           string
	Questions                              int
	Answered, Clarify, Handoff, OutOfScope string
	Up, Down                               int
	P50, P95                               string
}

type statsView struct {
	Admin    AdminBase
	Nav      []assistantNavItem
	From, To string
	Error    string
	Tables   []statsTable
	CSVURL   string
}

// statsTable is one table of figures: by channel, with the period's total
// in its footer, or by day and channel.
type statsTable struct {
	ID, Heading string
	ByDay       bool
	Rows        []statsRow
	Total       *statsRow
}

// statsReport reads the period from the query and computes the figures;
// msg is set, and the report nil, for a period that cannot be read.
func (s *Server) statsReport(r *http.Request) (from, to string, rep *assistant.Report, msg string, err error) {
	from, to, start, end, msg := s.dateRange(r, statsDays)
	if msg != "" {
		return from, to, nil, msg, nil
	}
	rep, err = s.cfg.Assistant.Analytics(r.Context(), start, end, vietnamZone)
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return from, to, nil, invalid.Message, nil
	}
	return from, to, rep, "", err
}

func (s *Server) statsPage(w http.ResponseWriter, r *http.Request) error {
	view := statsView{Admin: s.adminBase(r, s.msg.T("admin.assistant.stats_title")), Nav: s.assistantNav(r, "/quan-tri/tro-ly/thong-ke")}
	from, to, rep, msg, err := s.statsReport(r)
	if err != nil {
		return err
	}
	view.From, view.To = from, to
	if msg != "" {
		view.Error = msg
		return s.render(w, http.StatusBadRequest, "admin/assistant_stats", view)
	}
	row := func(st assistant.Stats) statsRow {
		share := func(n int) string {
			return fmt.Sprintf("%d (%s%%)", n, strconv.FormatFloat(st.Rate(n)*100, 'f', 1, 64))
		}
		return statsRow{Day: st.Day, Channel: st.Channel, Questions: st.Questions,
			Answered: share(st.Answered), Clarify: share(st.Clarify), Handoff: share(st.Handoff), OutOfScope: share(st.OutOfScope),
			Up: st.Up, Down: st.Down, P50: latency(st.P50), P95: latency(st.P95)}
	}
	total := row(rep.Total)
	channels := statsTable{ID: "theo-kenh", Heading: s.msg.T("admin.assistant.by_channel"), Total: &total}
	for _, c := range rep.Channels {
		channels.Rows = append(channels.Rows, row(c))
	}
	days := statsTable{ID: "theo-ngay", Heading: s.msg.T("admin.assistant.by_day"), ByDay: true}
	// Newest day first: the page is read for what happened lately.
	for i := len(rep.Days) - 1; i >= 0; i-- {
		days.Rows = append(days.Rows, row(rep.Days[i]))
	}
	view.Tables = []statsTable{channels, days}
	view.CSVURL = "/quan-tri/tro-ly/thong-ke.csv?" + url.Values{"tu_ngay": {from}, "den_ngay": {to}}.Encode()
	return s.render(w, http.StatusOK, "admin/assistant_stats", view)
}

// latency shows a duration in milliseconds, as people compare them.
func latency(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + " ms"
}

// statsCSV exports the figures by day and channel as CSV: UTF-8 with a
// byte-order mark, so that Excel reads Vietnamese right.
func (s *Server) statsCSV(w http.ResponseWriter, r *http.Request) error {
	from, to, rep, msg, err := s.statsReport(r)
	if err != nil {
		return err
	}
	if msg != "" {
		return badRequest("invalid_filter", msg)
	}
	return s.streamCSV(w, r, "tro-ly-"+from+"-"+to+".csv", "assistant", rep.WriteCSV)
}
