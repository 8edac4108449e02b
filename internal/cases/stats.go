package cases

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
)

// Stats are the public figures of one agency, or of the nation.
type Stats struct {
	// Agency is the agency's code; "" for the national total (and for
	// cases not routed yet in the per-agency list).
	Agency string
	// Received counts the cases received.
	Received int
	// Answered counts the cases whose answer was published (first round).
	Answered int
	// OnTime counts the answers published within the deadline.
	OnTime int
	// OnTimePct is OnTime over Answered, in percent; NaN without answers.
	OnTimePct float64
	// OverdueNow counts the open cases past their answer deadline.
	OverdueNow int
	// MedianDays is the median working days to answer; NaN without answers.
	MedianDays float64
	// Verdicts counts the citizens who said whether the answer solved
	// their problem; Satisfied those who said yes.
	Verdicts  int
	Satisfied int
	// SatisfiedPct is Satisfied over Verdicts, in percent; NaN without.
	SatisfiedPct float64
	days         []float64
}

// Statistics returns the national figures and one line per agency (in
// code order) as of now. Duplicates are left out of Received: they are the
// same problem counted once.
func (s *Store) Statistics(ctx context.Context) (Stats, []Stats, error) {
	now := s.now()
	rows, err := s.db.Query(ctx, `SELECT agency, state, due_at, answered_at, answer_days, answered_on_time, resolved
		FROM cases WHERE state <> ?`, StateDuplicate)
	if err != nil {
		return Stats{}, nil, fmt.Errorf("cases: statistics: %w", err)
	}
	defer rows.Close()
	national := &Stats{}
	by := map[string]*Stats{}
	for rows.Next() {
		var c Case
		var due, answered sql.NullTime
		var days sql.NullFloat64
		var onTime sql.NullInt64
		if err := rows.Scan(&c.Agency, &c.State, &due, &answered, &days, &onTime, &c.Resolved); err != nil {
			return Stats{}, nil, fmt.Errorf("cases: statistics: %w", err)
		}
		a := by[c.Agency]
		if a == nil {
			a = &Stats{Agency: c.Agency}
			by[c.Agency] = a
		}
		for _, st := range []*Stats{national, a} {
			st.Received++
			if answered.Valid {
				st.Answered++
				st.days = append(st.days, days.Float64)
				if onTime.Int64 == 1 {
					st.OnTime++
				}
			}
			if due.Valid && now.After(due.Time) && !isEnded(c.State) {
				st.OverdueNow++
			}
			if c.Resolved != "" {
				st.Verdicts++
				if c.Resolved == ResolvedYes {
					st.Satisfied++
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return Stats{}, nil, fmt.Errorf("cases: statistics: %w", err)
	}
	national.finish()
	out := make([]Stats, 0, len(by))
	for _, a := range by {
		a.finish()
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Agency < out[j].Agency })
	return *national, out, nil
}

// finish computes the percentages and the median.
func (st *Stats) finish() {
	pct := func(n, d int) float64 {
		if d == 0 {
			return math.NaN()
		}
		return math.Round(1000*float64(n)/float64(d)) / 10
	}
	st.OnTimePct, st.SatisfiedPct = pct(st.OnTime, st.Answered), pct(st.Satisfied, st.Verdicts)
	st.MedianDays = median(st.days)
	st.days = nil
}

// median returns the median rounded to a tenth, NaN for no values.
func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return math.Round(m*10) / 10
}
