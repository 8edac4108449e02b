package measure

import (
	"context"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Loa's own ratings (package ratings: the form under a guide, the
// assistant, one-time links) feed the satisfaction indicator as one more
// source, RatingsSource, next to the "rated" events agencies' systems
// push. They are different ratings, so adding them counts nothing twice.
//
// The way in is a rollup, not an event per rating: a background job
// tallies each recent month of the ratings table by day, service and
// agency (through the ratings store, which owns that table) and hands the
// tallies to ReplaceRatings, which replaces the month's rows of this
// source. Replacing rather than adding makes the job idempotent and lets
// it catch ratings stored late or by another replica, and measure never
// reads another package's table.

// ratingsLock serialises ReplaceRatings: two replicas replacing the same
// month at once would each delete before the other inserts, and the
// upsert would then add the month twice.
const ratingsLock = 0x6c6f6172617465 // "loarate"

// RatingsSource is the source of the rows rolled up from Loa's ratings.
const RatingsSource = "VN:loa-ratings"

// RatingTally is the ratings of one day, service and agency.
type RatingTally struct {
	// Day is "YYYY-MM-DD" in Vietnam.
	Day string
	// Service is the national procedure code; Agency the agency rated
	// ("UBND-01", "BCA"), "" when the rating named none.
	Service, Agency string
	// Ratings counts them, Satisfied those at 4 or 5, Points their sum.
	Ratings, Satisfied, Points int64
}

// ReplaceRatings replaces the month's ("YYYY-MM") rows of RatingsSource
// with the tallies, then rebuilds the month's compact rows. A tally for
// an agency outside the directory, or for none, counts for the nation
// only (unit "VN").
func (s *Store) ReplaceRatings(ctx context.Context, month string, tallies []RatingTally) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		return fmt.Errorf("measure: ratings: month %q is not YYYY-MM", month)
	}
	byAgency := map[string]UnitInfo{}
	for _, u := range s.dir.Load().units {
		byAgency[u.Agency] = u
	}
	days := map[rollupKey]*Counters{}
	months := map[rollupKey]*Counters{}
	var total int64
	for _, t := range tallies {
		if len(t.Day) != 10 || t.Day[:7] != month {
			return fmt.Errorf("measure: ratings %s: day %q outside the month", month, t.Day)
		}
		if t.Ratings <= 0 || t.Satisfied < 0 || t.Satisfied > t.Ratings || t.Points < t.Ratings || t.Points > 5*t.Ratings {
			return fmt.Errorf("measure: ratings %s: inconsistent tally %+v", month, t)
		}
		unit, prov := National, ""
		if u, ok := byAgency[t.Agency]; ok && t.Agency != "" {
			unit, prov = u.Code, u.Province
		}
		proc := t.Service
		if pr, ok := s.procs(t.Service); ok {
			proc = pr.Key()
		}
		c := Counters{Ratings: t.Ratings, RatingsSatisfied: t.Satisfied, RatingPoints: t.Points}
		k := rollupKey{Period: t.Day, Unit: unit, Procedure: proc, Source: RatingsSource, Province: prov}
		addTo(days, k, c)
		k.Period = month
		addTo(months, k, c)
		total += t.Ratings
	}
	from, to := month+"-01", month+"-31"
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := tx.Serialize(ctx, ratingsLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM measure_daily WHERE source = ? AND day >= ? AND day <= ?", RatingsSource, from, to); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM measure_monthly WHERE source = ? AND month = ?", RatingsSource, month); err != nil {
			return err
		}
		if err := s.upsertRollups(ctx, tx, "measure_daily", "day", sortedRows(days)); err != nil {
			return err
		}
		if err := s.upsertRollups(ctx, tx, "measure_monthly", "month", sortedRows(months)); err != nil {
			return err
		}
		now := s.clock().UTC().Truncate(time.Microsecond)
		_, err := tx.Exec(ctx, `INSERT INTO measure_sources (source, agency, first_seen_at, last_seen_at, events)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
			RatingsSource, National, now, now, total)
		return err
	})
	if err != nil {
		return fmt.Errorf("measure: ratings %s: %w", month, err)
	}
	return s.RefreshCompact(ctx, month)
}
