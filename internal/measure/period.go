package measure

import (
	"fmt"
	"strings"
	"time"
)

// Period is a span of calendar days in Vietnam, both ends included.
type Period struct {
	// Label is how the period was written ("2023", "2023-05", "2023-05-01",
	// "2023-01-01..2023-03-31").
	Label string
	// From and To are "YYYY-MM-DD", inclusive.
	From, To string
}

// ParsePeriod reads a year ("2023"), a month ("2023-05"), a day
// ("2023-05-01") or a range of days ("2023-01-01..2023-03-31").
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if from, to, ok := strings.Cut(s, ".."); ok {
		a, errA := time.Parse(time.DateOnly, from)
		b, errB := time.Parse(time.DateOnly, to)
		if errA != nil || errB != nil || b.Before(a) {
			return Period{}, fmt.Errorf("measure: period %q: want YYYY-MM-DD..YYYY-MM-DD with the start first", s)
		}
		return Period{Label: s, From: from, To: to}, nil
	}
	switch len(s) {
	case 4:
		if t, err := time.Parse("2006", s); err == nil {
			return Period{Label: s, From: t.Format(time.DateOnly), To: t.AddDate(1, 0, -1).Format(time.DateOnly)}, nil
		}
	case 7:
		if t, err := time.Parse("2006-01", s); err == nil {
			return Period{Label: s, From: t.Format(time.DateOnly), To: t.AddDate(0, 1, -1).Format(time.DateOnly)}, nil
		}
	case 10:
		if _, err := time.Parse(time.DateOnly, s); err == nil {
			return Period{Label: s, From: s, To: s}, nil
		}
	}
	return Period{}, fmt.Errorf("measure: period %q: want YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD", s)
}

func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// Days is the number of days in the period.
func (p Period) Days() int { return int(day(p.To).Sub(day(p.From)).Hours()/24) + 1 }

// Contains reports whether q lies wholly within p.
func (p Period) Contains(q Period) bool { return p.From <= q.From && q.To <= p.To }

// monthAligned reports whether the period is whole months, so that the
// monthly rollup answers it.
func (p Period) monthAligned() bool {
	from, to := day(p.From), day(p.To)
	return from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1
}

// Previous is the period of equal length just before p: the previous
// year for a year, the previous month for a month, else as many days.
func (p Period) Previous() Period {
	from, to := day(p.From), day(p.To)
	switch {
	case len(p.Label) == 4:
		f := from.AddDate(-1, 0, 0)
		return Period{Label: f.Format("2006"), From: f.Format(time.DateOnly), To: from.AddDate(0, 0, -1).Format(time.DateOnly)}
	case len(p.Label) == 7:
		f := from.AddDate(0, -1, 0)
		return Period{Label: f.Format("2006-01"), From: f.Format(time.DateOnly), To: from.AddDate(0, 0, -1).Format(time.DateOnly)}
	}
	n := p.Days()
	f, t := from.AddDate(0, 0, -n), to.AddDate(0, 0, -n)
	q := Period{From: f.Format(time.DateOnly), To: t.Format(time.DateOnly)}
	q.Label = q.From + ".." + q.To
	if n == 1 {
		q.Label = q.From
	}
	return q
}
