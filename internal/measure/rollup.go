package measure

import (
	"cmp"
	"slices"
)

// Counters are the numerators and denominators summed in rollups.
type Counters struct {
	Received, ReceivedOnline, ReceivedFullyOnline int64
	Resolved, ResolvedDueKnown, ResolvedOnTime    int64
	Returned, PaidOnline                          int64
	Ratings, RatingsSatisfied, RatingPoints       int64
}

// add adds o to c.
func (c *Counters) add(o Counters) {
	c.Received += o.Received
	c.ReceivedOnline += o.ReceivedOnline
	c.ReceivedFullyOnline += o.ReceivedFullyOnline
	c.Resolved += o.Resolved
	c.ResolvedDueKnown += o.ResolvedDueKnown
	c.ResolvedOnTime += o.ResolvedOnTime
	c.Returned += o.Returned
	c.PaidOnline += o.PaidOnline
	c.Ratings += o.Ratings
	c.RatingsSatisfied += o.RatingsSatisfied
	c.RatingPoints += o.RatingPoints
}

// satisfiedScore is the lowest rating counted as satisfied (4 of 5).
const satisfiedScore = 4

// countersOf is one event's contribution.
func countersOf(e *Event) Counters {
	var c Counters
	switch e.Kind {
	case KindReceived:
		c.Received = 1
		if e.Channel == ChannelOnline {
			c.ReceivedOnline = 1
			if e.Level == LevelFull {
				c.ReceivedFullyOnline = 1
			}
		}
	case KindResolved:
		c.Resolved = 1
		if onTime, known := e.onTime(); known {
			c.ResolvedDueKnown = 1
			if onTime {
				c.ResolvedOnTime = 1
			}
		}
	case KindReturned:
		c.Returned = 1
	case KindPaidOnline:
		c.PaidOnline = 1
	case KindRated:
		c.Ratings = 1
		c.RatingPoints = int64(e.Score)
		if e.Score >= satisfiedScore {
			c.RatingsSatisfied = 1
		}
	}
	return c
}

// rollupKey is one row of measure_daily (Period a day) or measure_monthly
// (Period a month). Province rides along: it follows from Unit.
type rollupKey struct {
	Period, Unit, Procedure string
	Channel                 Channel
	Level                   Level
	Source                  string
	Province                string
}

// rollupRow is a key with its counters.
type rollupRow struct {
	rollupKey
	Counters
}

// rollups sums the events into day and month rows, each list sorted by key
// so that concurrent transactions on PostgreSQL lock rows in the same
// order and cannot deadlock.
func rollups(events []*Event) (days, months []rollupRow) {
	d := map[rollupKey]*Counters{}
	m := map[rollupKey]*Counters{}
	for _, e := range events {
		c := countersOf(e)
		k := rollupKey{e.Day, e.Unit, e.Procedure, e.Channel, e.Level, e.Source, e.Province}
		addTo(d, k, c)
		k.Period = e.month()
		addTo(m, k, c)
	}
	return sortedRows(d), sortedRows(m)
}

func addTo(m map[rollupKey]*Counters, k rollupKey, c Counters) {
	if p, ok := m[k]; ok {
		p.add(c)
		return
	}
	m[k] = &c
}

func sortedRows(m map[rollupKey]*Counters) []rollupRow {
	out := make([]rollupRow, 0, len(m))
	for k, c := range m {
		out = append(out, rollupRow{k, *c})
	}
	slices.SortFunc(out, func(a, b rollupRow) int { return compareKeys(a.rollupKey, b.rollupKey) })
	return out
}

func compareKeys(a, b rollupKey) int {
	return cmp.Or(
		cmp.Compare(a.Period, b.Period), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Procedure, b.Procedure),
		cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Level, b.Level), cmp.Compare(a.Source, b.Source),
	)
}

// counterCols are the counter columns of the rollup tables, in the order
// of Counters' fields (values).
var counterCols = []string{
	"received", "resolved", "resolved_due_known", "resolved_on_time", "returned",
	"paid_online", "ratings", "ratings_satisfied", "rating_points",
}

// values returns the counters in counterCols order. ReceivedOnline and
// ReceivedFullyOnline are not columns of their own: channel and level are
// in the key, so they are the received counts of the online rows.
func (c *Counters) values() []int64 {
	return []int64{c.Received, c.Resolved, c.ResolvedDueKnown, c.ResolvedOnTime, c.Returned,
		c.PaidOnline, c.Ratings, c.RatingsSatisfied, c.RatingPoints}
}
