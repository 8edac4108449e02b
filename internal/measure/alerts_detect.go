package measure

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/loa-vn/loa/internal/units"
)

// A drop alert compares a rate over the last seven days with the same
// rate over the 28 days before. It is raised when the rate fell by
// DropPoints percentage points or more and — so that a commune with a
// handful of dossiers does not raise one every week by chance — the fall
// is also beyond chance: a two-proportion z-test below −DropZ (99 %), on
// at least DropMinVolume dossiers in the week.

// Drop alert thresholds.
const (
	DropPoints    = 5.0
	DropZ         = 2.58
	DropMinVolume = 50
)

// DropWeeks is the length of the comparison window, in weeks.
const DropWeeks = 4

// DetectDrops raises drop alerts for the week ending on day (inclusive,
// "YYYY-MM-DD") for every unit, every province (communes included), the
// ministries and the nation; it returns how many alerts it raised.
func (s *Store) DetectDrops(ctx context.Context, day string) (int, error) {
	end, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return 0, fmt.Errorf("measure: drops: day %q is not YYYY-MM-DD", day)
	}
	curFrom := end.AddDate(0, 0, -6).Format(time.DateOnly)
	prevFrom := end.AddDate(0, 0, -6-7*DropWeeks).Format(time.DateOnly)
	rows, err := s.db.Query(ctx, `SELECT unit, CASE WHEN day >= ? THEN 1 ELSE 0 END, `+compactSums+`
		FROM measure_daily WHERE day >= ? AND day <= ?
		AND source NOT IN (SELECT source FROM measure_sources WHERE quarantined) GROUP BY 1, 2`, curFrom, prevFrom, day)
	if err != nil {
		return 0, fmt.Errorf("measure: drops %s: %w", day, err)
	}
	type pair struct{ cur, prev Sums }
	by := map[string]*pair{}
	get := func(k string) *pair {
		if p, ok := by[k]; ok {
			return p
		}
		p := &pair{}
		by[k] = p
		return p
	}
	dir := s.dir.Load()
	for rows.Next() {
		var unit string
		var cur int
		sm, err := scanSums(rows.Scan, &unit, &cur)
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("measure: drops %s: %w", day, err)
		}
		// Each unit counts for itself, its province (a commune's
		// province includes it) and the nation.
		keys := []string{unit, National}
		if u, ok := dir.Unit(unit); ok && u.Kind == units.AgencyCommune {
			keys = append(keys, u.Province)
		}
		for _, k := range keys {
			p := get(k)
			if cur == 1 {
				p.cur.add(sm)
			} else {
				p.prev.add(sm)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("measure: drops %s: %w", day, err)
	}
	period := curFrom + ".." + day
	raised := 0
	for unit, p := range by {
		agency := National
		if unit != National {
			u, ok := dir.Unit(unit)
			if !ok {
				continue // ratings without an agency: counted in the nation only
			}
			agency = u.Agency
		}
		for _, ind := range RateIndicators() {
			c, b := p.cur.Value(ind), p.prev.Value(ind)
			if !IsDrop(c, b) {
				continue
			}
			cv, pv := Round2(c.Value), Round2(b.Value)
			key := "drop:" + unit + ":" + ind.ID + ":" + day
			n, err := s.raise(ctx, Alert{Agency: agency, Unit: unit, Kind: AlertDrop, Indicator: ind.ID, Period: period,
				Current: &cv, Previous: &pv, DedupeKey: key,
				Detail: fmt.Sprintf("%d/%d so với %d/%d", c.Numerator, c.Denominator, b.Numerator, b.Denominator)})
			if err != nil {
				return raised, err
			}
			raised += n
		}
	}
	return raised, nil
}

// IsDrop applies the drop rule to a rate this week (cur) and over the
// weeks before (prev).
func IsDrop(cur, prev Value) bool {
	if !cur.Known || !prev.Known || cur.Denominator < DropMinVolume || prev.Value-cur.Value < DropPoints {
		return false
	}
	p1, p2 := float64(cur.Numerator)/float64(cur.Denominator), float64(prev.Numerator)/float64(prev.Denominator)
	n1, n2 := float64(cur.Denominator), float64(prev.Denominator)
	pool := (p1*n1 + p2*n2) / (n1 + n2)
	se := math.Sqrt(pool * (1 - pool) * (1/n1 + 1/n2))
	if se == 0 {
		return true // no variation at all, and a fall of 5 points
	}
	return (p1-p2)/se < -DropZ
}

// raise stores an alert outside a transaction; it returns 1 when the
// alert is new.
func (s *Store) raise(ctx context.Context, a Alert) (int, error) {
	res, err := s.db.Exec(ctx, `INSERT INTO measure_alerts (agency, unit, kind, indicator, source, dedupe_key, period,
		current_value, previous_value, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING`,
		a.Agency, a.Unit, string(a.Kind), a.Indicator, a.Source, a.DedupeKey, a.Period, a.Current, a.Previous, a.Detail,
		s.clock().UTC().Truncate(time.Microsecond))
	if err != nil {
		return 0, fmt.Errorf("measure: raise alert %s: %w", a.DedupeKey, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DetectStale raises an alert for every source that went silent, once per
// silence (keyed by when it was last seen); it returns how many.
func (s *Store) DetectStale(ctx context.Context) (int, error) {
	srcs, err := s.Sources(ctx, nil)
	if err != nil {
		return 0, err
	}
	raised := 0
	for _, h := range srcs {
		if !h.Silent {
			continue
		}
		last := h.LastSeen.Format(time.RFC3339)
		hours := h.Interval.Hours()
		n, err := s.raise(ctx, Alert{Agency: h.Agency, Kind: AlertStale, Source: h.Source, Period: last,
			DedupeKey: "stale:" + h.Source + ":" + last, Previous: &hours,
			Detail: fmt.Sprintf("Không gửi số liệu từ %s; thường gửi mỗi %s.", last, h.Interval.Round(time.Minute))})
		if err != nil {
			return raised, err
		}
		raised += n
	}
	return raised, nil
}
