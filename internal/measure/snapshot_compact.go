package measure

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// The compact monthly tables (measure_unit_months, measure_proc_months,
// measure_area_proc_months) hold one row per month and unit, per month
// and procedure, and per month, area (a province with its communes, or a
// ministry) and procedure: a national year is about 40,000, 24,000 and a
// few hundred thousand rows where measure_monthly holds millions.
// Rankings, dashboards and honours read them; they are rebuilt from
// measure_monthly, quarantined sources left out, by
// RefreshCompact (a background job every few minutes for the recent
// months, nightly for the year). Every rebuild moves the data version,
// which keys the cache of public dashboard pages.

// compactCols are the counter columns of the compact tables, in counter
// order (cReceived … cRatingPoints), so a row scans into [nCounters]int64.
var compactCols = []string{"received", "received_online", "received_fully_online", "resolved", "resolved_due_known",
	"resolved_on_time", "returned", "paid_online", "ratings", "ratings_satisfied", "rating_points"}

// compactSums are the SUM expressions over measure_monthly giving
// compactCols: the online counts are the received counts of the online
// rows, as in Report.
var compactSums = func() string {
	sum := func(expr string) string { return "CAST(SUM(" + expr + ") AS BIGINT)" }
	return strings.Join([]string{
		sum("received"), sum("CASE WHEN channel = 'online' THEN received ELSE 0 END"),
		sum("CASE WHEN channel = 'online' AND level = 'full' THEN received ELSE 0 END"),
		sum("resolved"), sum("resolved_due_known"), sum("resolved_on_time"), sum("returned"), sum("paid_online"),
		sum("ratings"), sum("ratings_satisfied"), sum("rating_points"),
	}, ", ")
}()

// areaExpr is a measure_monthly row's area: its province, or for a unit
// outside the provinces the unit itself.
const areaExpr = "CASE WHEN province <> '' THEN province ELSE unit END"

// dataVersionKey is the meta key of the data version.
const dataVersionKey = "measure_data_version"

// DataVersion changes whenever the compact tables are rebuilt or a
// snapshot is frozen; caches of dashboard pages key on it. 0 before the
// first rebuild.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	v, ok, err := s.db.Meta(ctx, dataVersionKey)
	if err != nil || !ok {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("measure: data version %q: %w", v, err)
	}
	return n, nil
}

// bumpVersion moves the data version inside tx. The clock in nanoseconds
// is unique enough and needs no read, so replicas never race on it.
func (s *Store) bumpVersion(ctx context.Context, tx *db.Tx) error {
	v := time.Now().UnixNano()
	if c := s.clock().UnixNano(); c > v {
		v = c
	}
	return db.SetMeta(ctx, tx, dataVersionKey, strconv.FormatInt(v, 10))
}

// compactLock serialises rebuilds of the compact tables: the background
// job of every replica, an import and a quarantine release may rebuild the
// same month at once, and on PostgreSQL two delete-then-insert rebuilds
// that overlap break the primary key (see db.Tx.Serialize).
const compactLock = 0x6c6f61636f6d70 // "loacomp"

// RefreshCompact rebuilds the compact rows of the given months
// ("YYYY-MM"), each month in its own transaction so that readers never see
// a month half rebuilt.
func (s *Store) RefreshCompact(ctx context.Context, months ...string) error {
	for _, m := range months {
		if _, err := time.Parse("2006-01", m); err != nil {
			return fmt.Errorf("measure: refresh compact: month %q is not YYYY-MM", m)
		}
		err := s.db.InTx(ctx, func(tx *db.Tx) error {
			if err := tx.Serialize(ctx, compactLock); err != nil {
				return err
			}
			if err := s.refreshMonth(ctx, tx, m); err != nil {
				return err
			}
			return s.bumpVersion(ctx, tx)
		})
		if err != nil {
			return fmt.Errorf("measure: refresh compact %s: %w", m, err)
		}
	}
	return nil
}

func (s *Store) refreshMonth(ctx context.Context, tx *db.Tx, m string) error {
	cols := strings.Join(compactCols, ", ")
	for _, q := range []string{
		"DELETE FROM measure_unit_months WHERE month = ?",
		"INSERT INTO measure_unit_months (month, unit, province, " + cols + ") SELECT month, unit, MAX(province), " +
			compactSums + " FROM measure_monthly WHERE month = ?" + notQuarantinedSQL + " GROUP BY month, unit",
		"DELETE FROM measure_proc_months WHERE month = ?",
		"INSERT INTO measure_proc_months (month, procedure_code, " + cols + ") SELECT month, procedure_code, " +
			compactSums + " FROM measure_monthly WHERE month = ?" + notQuarantinedSQL + " GROUP BY month, procedure_code",
		"DELETE FROM measure_area_proc_months WHERE month = ?",
		"INSERT INTO measure_area_proc_months (month, area, province, procedure_code, " + cols + ") SELECT month, " +
			areaExpr + ", province, procedure_code, " + compactSums + " FROM measure_monthly WHERE month = ?" +
			notQuarantinedSQL + " GROUP BY month, " + areaExpr + ", province, procedure_code",
	} {
		if _, err := tx.Exec(ctx, q, m); err != nil {
			return err
		}
	}
	return nil
}

// RefreshAllCompact rebuilds every month measure_monthly holds and drops
// compact months it no longer holds (after the demo year is replaced).
func (s *Store) RefreshAllCompact(ctx context.Context) error {
	months, err := s.strings(ctx, "SELECT DISTINCT month FROM measure_monthly ORDER BY month")
	if err != nil {
		return fmt.Errorf("measure: refresh all compact: %w", err)
	}
	stale, err := s.strings(ctx, "SELECT DISTINCT month FROM measure_unit_months ORDER BY month")
	if err != nil {
		return fmt.Errorf("measure: refresh all compact: %w", err)
	}
	have := map[string]bool{}
	for _, m := range months {
		have[m] = true
	}
	for _, m := range stale {
		if !have[m] {
			months = append(months, m) // rebuilds to nothing
		}
	}
	return s.RefreshCompact(ctx, months...)
}

// RefreshRecentCompact rebuilds the current and the previous month, where
// new events land.
func (s *Store) RefreshRecentCompact(ctx context.Context) error {
	now := s.clock().In(vietnam)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	return s.RefreshCompact(ctx, first.AddDate(0, -1, 0).Format("2006-01"), first.Format("2006-01"))
}

// DataMonths returns the months the compact tables hold, oldest first.
func (s *Store) DataMonths(ctx context.Context) ([]string, error) {
	out, err := s.strings(ctx, "SELECT DISTINCT month FROM measure_unit_months ORDER BY month")
	if err != nil {
		return nil, fmt.Errorf("measure: data months: %w", err)
	}
	return out, nil
}

// DataPeriods are the periods dashboards offer, oldest first: the months
// with events or with an aggregate for that month or a day in it, and the
// years with any data (a year's aggregate makes its year, not its months).
type DataPeriods struct {
	Months, Years []string
}

// Periods returns the periods with data.
func (s *Store) Periods(ctx context.Context) (DataPeriods, error) {
	var dp DataPeriods
	months, err := s.DataMonths(ctx)
	if err != nil {
		return dp, err
	}
	aggs, err := s.strings(ctx, "SELECT DISTINCT period_start || '/' || period_end FROM measure_aggregates WHERE NOT quarantined")
	if err != nil {
		return dp, fmt.Errorf("measure: data periods: %w", err)
	}
	monthSet, yearSet := map[string]bool{}, map[string]bool{}
	for _, m := range months {
		monthSet[m], yearSet[m[:4]] = true, true
	}
	for _, a := range aggs {
		from, to, _ := strings.Cut(a, "/")
		if len(from) < 10 || len(to) < 10 || from[:4] != to[:4] {
			continue // a period across years is in no year's dashboard
		}
		if from[:7] == to[:7] {
			monthSet[from[:7]] = true
		}
		yearSet[from[:4]] = true
	}
	for m := range monthSet {
		dp.Months = append(dp.Months, m)
	}
	for y := range yearSet {
		dp.Years = append(dp.Years, y)
	}
	slices.Sort(dp.Months)
	slices.Sort(dp.Years)
	return dp, nil
}

// strings runs a query returning one text column.
func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Sums are a slice's counters, in counter order, read from the compact
// tables: every one known (events always know their counts).
type Sums [nCounters]int64

// add adds o to the sums.
func (a *Sums) add(o Sums) {
	for i := range a {
		a[i] += o[i]
	}
}

// Value computes a rate indicator from the sums: Known false when the
// denominator is zero or the indicator is not a rate.
func (a Sums) Value(ind Indicator) Value {
	if ind.Kind != KindRate {
		return Value{Indicator: ind}
	}
	return rate(ind, []tally{eventTally("", a)})
}

// monthRange is a month-aligned period as months, "YYYY-MM" inclusive.
func monthRange(p Period) (from, to string, err error) {
	if !p.monthAligned() {
		return "", "", fmt.Errorf("measure: period %q: dashboards and rankings need whole months", p.Label)
	}
	return p.From[:7], p.To[:7], nil
}

// monthKeys are the months ("YYYY-MM") of a month-aligned period, in order.
func (p Period) monthKeys() []string {
	var out []string
	for m, last := day(p.From), p.To[:7]; m.Format("2006-01") <= last; m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// Months is the number of whole months in a month-aligned period.
func (p Period) Months() int {
	f, t := day(p.From), day(p.To)
	return (t.Year()-f.Year())*12 + int(t.Month()) - int(f.Month()) + 1
}

// scanSums scans the counter columns after the given leading destinations.
func scanSums(scan func(...any) error, lead ...any) (Sums, error) {
	var sm Sums
	dest := lead
	for i := range sm {
		dest = append(dest, &sm[i])
	}
	return sm, scan(dest...)
}

// sumCols are SUM expressions over the compact columns.
var sumCols = func() string {
	parts := make([]string, len(compactCols))
	for i, c := range compactCols {
		parts[i] = "CAST(COALESCE(SUM(" + c + "), 0) AS BIGINT)"
	}
	return strings.Join(parts, ", ")
}()
