package assistant

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Stats are the figures of the assistant for one day and channel, one
// channel over a period, or everything.
type Stats struct {
	// Day is the local date (YYYY-MM-DD) or "" for a period; Channel is
	// "" for all channels.
	Day, Channel string
	// Questions counts the turns; the four statuses add up to it.
	Questions, Answered, Clarify, Handoff, OutOfScope int
	// Up and Down count the votes on these turns' answers (a vote counts
	// on the day of the question, not of the click).
	Up, Down int
	// P50 and P95 are the median and 95th percentile answering time.
	P50, P95 time.Duration
}

// Rate returns n as a share of the questions, 0 when there are none.
func (s Stats) Rate(n int) float64 {
	if s.Questions == 0 {
		return 0
	}
	return float64(n) / float64(s.Questions)
}

// Report is the assistant's analytics for a period.
type Report struct {
	// Days are the figures by day and channel, oldest day first, channels
	// in name order.
	Days []Stats
	// Channels are the figures of each channel over the period.
	Channels []Stats
	// Total is the whole period.
	Total Stats
}

// maxAnalyticsDays bounds the period of a report. Percentiles are exact,
// computed from every turn's latency, so a report reads every turn of its
// period once; a year of a busy assistant is still a few seconds.
const maxAnalyticsDays = 366

// Analytics computes the figures of the turns asked in [from, to), by
// day in loc (Asia/Ho_Chi_Minh for the back office). Percentiles are
// computed in Go by the nearest-rank method from every turn's latency,
// the same on both databases.
func (e *Engine) Analytics(ctx context.Context, from, to time.Time, loc *time.Location) (*Report, error) {
	if !to.After(from) {
		return nil, &InvalidError{"to", "Ngày kết thúc phải sau ngày bắt đầu."}
	}
	if to.Sub(from) > maxAnalyticsDays*24*time.Hour {
		return nil, &InvalidError{"to", fmt.Sprintf("Chỉ xem được tối đa %d ngày một lần.", maxAnalyticsDays)}
	}
	rows, err := e.db.Query(ctx, `SELECT t.created_at, t.channel, t.status, t.latency_us, COALESCE(fb.vote, '')
		FROM assistant_turns t
		LEFT JOIN assistant_feedback fb ON fb.conversation_id = t.conversation_id AND fb.seq = t.seq
		WHERE t.created_at >= ? AND t.created_at < ?`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("assistant: analytics: %w", err)
	}
	defer rows.Close()
	type key struct{ day, channel string }
	cells := map[key]*Stats{}
	lat := map[key][]int64{}
	for rows.Next() {
		var (
			at                    time.Time
			channel, status, vote string
			us                    int64
		)
		if err := rows.Scan(&at, &channel, &status, &us, &vote); err != nil {
			return nil, fmt.Errorf("assistant: analytics: %w", err)
		}
		k := key{at.In(loc).Format(time.DateOnly), channel}
		s := cells[k]
		if s == nil {
			s = &Stats{Day: k.day, Channel: k.channel}
			cells[k] = s
		}
		s.count(Status(status), Vote(vote))
		lat[k] = append(lat[k], us)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assistant: analytics: %w", err)
	}

	r := &Report{}
	keys := make([]key, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.day, b.day); c != 0 {
			return c
		}
		return strings.Compare(a.channel, b.channel)
	})
	byChannel := map[string]*Stats{}
	chanLat := map[string][]int64{}
	var allLat []int64
	for _, k := range keys {
		s := cells[k]
		s.P50, s.P95 = percentiles(lat[k])
		r.Days = append(r.Days, *s)
		c := byChannel[k.channel]
		if c == nil {
			c = &Stats{Channel: k.channel}
			byChannel[k.channel] = c
		}
		c.add(s)
		r.Total.add(s)
		chanLat[k.channel] = append(chanLat[k.channel], lat[k]...)
		allLat = append(allLat, lat[k]...)
	}
	for _, name := range slices.Sorted(maps.Keys(byChannel)) {
		c := byChannel[name]
		c.P50, c.P95 = percentiles(chanLat[name])
		r.Channels = append(r.Channels, *c)
	}
	r.Total.P50, r.Total.P95 = percentiles(allLat)
	return r, nil
}

// count adds one turn.
func (s *Stats) count(st Status, v Vote) {
	s.Questions++
	switch st {
	case StatusAnswered:
		s.Answered++
	case StatusClarify:
		s.Clarify++
	case StatusHandoff:
		s.Handoff++
	case StatusOutOfScope:
		s.OutOfScope++
	}
	switch v {
	case VoteUp:
		s.Up++
	case VoteDown:
		s.Down++
	}
}

// add adds the counts of o (not its percentiles, which do not add).
func (s *Stats) add(o *Stats) {
	s.Questions += o.Questions
	s.Answered += o.Answered
	s.Clarify += o.Clarify
	s.Handoff += o.Handoff
	s.OutOfScope += o.OutOfScope
	s.Up += o.Up
	s.Down += o.Down
}

// percentiles returns the 50th and 95th percentiles of latencies in
// microseconds by the nearest-rank method: the smallest value with at
// least p% of the values at or below it. It sorts us in place.
func percentiles(us []int64) (p50, p95 time.Duration) {
	if len(us) == 0 {
		return 0, 0
	}
	slices.Sort(us)
	rank := func(p int) time.Duration {
		i := (p*len(us) + 99) / 100 // ceil(p/100 × n)
		return time.Duration(us[max(i, 1)-1]) * time.Microsecond
	}
	return rank(50), rank(95)
}

// CSVHeader names the columns of WriteCSV; stable, for spreadsheets and
// scripts that read the export.
var CSVHeader = []string{"day", "channel", "questions", "answered", "clarify", "handoff", "out_of_scope",
	"thumbs_up", "thumbs_down", "latency_p50_ms", "latency_p95_ms"}

// WriteCSV writes the report's days and then a total line (day and
// channel "all"). Every cell is an integer or a plain code: rates are left
// to the spreadsheet (a count over questions), because a decimal mark
// reads differently by locale — Vietnamese Excel takes "0.5" for text.
// Latencies are milliseconds, rounded.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("assistant: analytics csv: %w", err)
	}
	line := func(s Stats) []string {
		n := func(i int) string { return strconv.Itoa(i) }
		ms := func(d time.Duration) string { return strconv.FormatInt(d.Round(time.Millisecond).Milliseconds(), 10) }
		return []string{s.Day, s.Channel, n(s.Questions), n(s.Answered), n(s.Clarify), n(s.Handoff), n(s.OutOfScope),
			n(s.Up), n(s.Down), ms(s.P50), ms(s.P95)}
	}
	for _, s := range r.Days {
		if err := cw.Write(line(s)); err != nil {
			return fmt.Errorf("assistant: analytics csv: %w", err)
		}
	}
	total := r.Total
	total.Day, total.Channel = "all", "all"
	if err := cw.Write(line(total)); err != nil {
		return fmt.Errorf("assistant: analytics csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("assistant: analytics csv: %w", err)
	}
	return nil
}
