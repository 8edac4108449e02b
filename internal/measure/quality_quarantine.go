package measure

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// Outlier days are held, not dropped. The series checked is a unit's
// dossiers received from one source in a day; its window is the same
// weekday in the OutlierWeeks weeks before (weekdays differ too much —
// Sunday is a twentieth of Monday — for a window of consecutive days).
// A day that is an outlier is quarantined: its rows of measure_daily move
// to measure_quarantine_rows and are subtracted from measure_monthly, so
// every report, ranking and dashboard leaves them out, until an official
// with measure.configure releases them, which puts them back exactly.
// Events arriving later for a held day are counted as usual.

// OutlierWeeks is the length of the trailing window, in weeks.
const OutlierWeeks = 8

// OutlierMinVolume is the smallest day (or window median) checked: below
// it, counts are too small for a score to mean anything.
const OutlierMinVolume = 20

// Quarantine is one held (or released) day of a unit and a source.
type Quarantine struct {
	ID                        int64
	Day, Unit, Source, Agency string
	// Series is what was scored ("received").
	Series                string
	Value, Median, MAD    float64
	Score                 float64
	Status                string // "held" or "released"
	FlaggedAt, ReleasedAt time.Time
	ReleasedBy, Note      string
}

// The quarantine statuses.
const (
	QuarantineHeld     = "held"
	QuarantineReleased = "released"
)

// Outlier is a day found by FindOutliers.
type Outlier struct {
	Day, Unit, Source  string
	Value, Median, MAD float64
	Score              float64
}

// FindOutliers scores every (unit, source) that has rows on day against
// the same weekday of the weeks before and returns the outliers, sorted.
func (s *Store) FindOutliers(ctx context.Context, day string) ([]Outlier, error) {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil, fmt.Errorf("measure: outliers: day %q is not YYYY-MM-DD", day)
	}
	days := []any{day}
	for k := 1; k <= OutlierWeeks; k++ {
		days = append(days, d.AddDate(0, 0, -7*k).Format(time.DateOnly))
	}
	rows, err := s.db.Query(ctx, `SELECT day, unit, source, CAST(SUM(received) AS BIGINT) FROM measure_daily
		WHERE day IN (?`+strings.Repeat(", ?", len(days)-1)+`) AND unit IN (SELECT DISTINCT unit FROM measure_daily WHERE day = ?)
		GROUP BY day, unit, source`, append(days, day)...)
	if err != nil {
		return nil, fmt.Errorf("measure: outliers %s: %w", day, err)
	}
	defer rows.Close()
	type key struct{ unit, source string }
	today := map[key]float64{}
	hist := map[key]map[string]float64{}
	for rows.Next() {
		var dd, unit, src string
		var n int64
		if err := rows.Scan(&dd, &unit, &src, &n); err != nil {
			return nil, fmt.Errorf("measure: outliers %s: %w", day, err)
		}
		k := key{unit, src}
		if dd == day {
			today[k] = float64(n)
			continue
		}
		if hist[k] == nil {
			hist[k] = map[string]float64{}
		}
		hist[k][dd] = float64(n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measure: outliers %s: %w", day, err)
	}
	var out []Outlier
	for k, x := range today {
		h := hist[k]
		if len(h) < OutlierWeeks/2 {
			continue // a new unit or source: no usual level yet
		}
		window := make([]float64, 0, OutlierWeeks)
		for _, dd := range days[1:] {
			window = append(window, h[dd.(string)]) // a missing week counted nothing
		}
		score, med, mad := ModifiedZ(x, window)
		if max(x, med) < OutlierMinVolume || !IsOutlier(score) {
			continue
		}
		out = append(out, Outlier{Day: day, Unit: k.unit, Source: k.source, Value: x, Median: med, MAD: mad, Score: score})
	}
	slices.SortFunc(out, func(a, b Outlier) int { return strings.Compare(a.Unit+"\x00"+a.Source, b.Unit+"\x00"+b.Source) })
	return out, nil
}

// QuarantineOutliers finds the day's outliers and holds each one not
// flagged before (a day released once is not held again). It returns the
// days newly held.
func (s *Store) QuarantineOutliers(ctx context.Context, day string) ([]Quarantine, error) {
	found, err := s.FindOutliers(ctx, day)
	if err != nil {
		return nil, err
	}
	var held []Quarantine
	months := map[string]bool{}
	for _, o := range found {
		q, ok, err := s.hold(ctx, o)
		if err != nil {
			return held, err
		}
		if ok {
			held = append(held, q)
			months[o.Day[:7]] = true
		}
	}
	for m := range months {
		if err := s.RefreshCompact(ctx, m); err != nil {
			return held, err
		}
	}
	return held, nil
}

// moveSQL adds (sign +1) or subtracts (sign -1) a held day's rows to
// measure_daily or measure_monthly, as an upsert so it works whether or
// not the target row exists.
func moveSQL(table, periodCol, periodExpr string, sign string) string {
	var set strings.Builder
	for i, c := range counterCols {
		if i > 0 {
			set.WriteString(", ")
		}
		fmt.Fprintf(&set, "%s = %s.%s + excluded.%s", c, table, c, c)
	}
	vals := make([]string, len(counterCols))
	for i, c := range counterCols {
		vals[i] = sign + c
	}
	return "INSERT INTO " + table + " (" + periodCol + ", unit, province, procedure_code, channel, level, source, " +
		strings.Join(counterCols, ", ") + ") SELECT " + periodExpr + ", unit, province, procedure_code, channel, level, source, " +
		strings.Join(vals, ", ") + " FROM measure_quarantine_rows WHERE quarantine_id = ? AND 1 = 1" +
		" ON CONFLICT (" + periodCol + ", unit, procedure_code, channel, level, source) DO UPDATE SET " + set.String()
}

// hold quarantines one outlier day; ok is false when it was flagged
// before.
func (s *Store) hold(ctx context.Context, o Outlier) (q Quarantine, ok bool, err error) {
	u, _ := s.dir.Load().Unit(o.Unit)
	agency := u.Agency
	if agency == "" {
		agency = National
	}
	q = Quarantine{Day: o.Day, Unit: o.Unit, Source: o.Source, Agency: agency, Series: "received",
		Value: o.Value, Median: o.Median, MAD: o.MAD, Score: o.Score, Status: QuarantineHeld,
		FlaggedAt: s.clock().UTC().Truncate(time.Microsecond)}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO measure_quarantine (day, unit, source, agency, series, value, median, mad, score, status, flagged_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, unit, source) DO NOTHING RETURNING id`,
			q.Day, q.Unit, q.Source, q.Agency, q.Series, q.Value, q.Median, q.MAD, q.Score, q.Status, q.FlaggedAt).Scan(&q.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO measure_quarantine_rows (quarantine_id, day, unit, province, procedure_code, channel, level, source, `+
			strings.Join(counterCols, ", ")+`) SELECT ?, day, unit, province, procedure_code, channel, level, source, `+
			strings.Join(counterCols, ", ")+` FROM measure_daily WHERE day = ? AND unit = ? AND source = ?`, q.ID, q.Day, q.Unit, q.Source); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, moveSQL("measure_monthly", "month", "SUBSTR(day, 1, 7)", "-"), q.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM measure_daily WHERE day = ? AND unit = ? AND source = ?", q.Day, q.Unit, q.Source); err != nil {
			return err
		}
		after, err := audit.Snapshot(map[string]any{"day": q.Day, "unit": q.Unit, "source": q.Source, "value": q.Value,
			"median": q.Median, "mad": q.MAD, "score": Round2(q.Score)})
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{Actor: audit.System, Action: "measure.quarantine", ObjectType: "measure_quarantine",
			ObjectID: fmt.Sprint(q.ID), Agency: q.Agency, After: after}); err != nil {
			return err
		}
		ok = true
		return s.raiseTx(ctx, tx, Alert{Agency: q.Agency, Unit: q.Unit, Kind: AlertOutlier, Source: q.Source, Period: q.Day,
			Current: &q.Value, Previous: &q.Median, DedupeKey: "outlier:" + q.Unit + ":" + q.Source + ":" + q.Day})
	})
	if err != nil {
		return q, false, fmt.Errorf("measure: quarantine %s %s %s: %w", o.Day, o.Unit, o.Source, err)
	}
	return q, ok, nil
}

// ErrNotHeld is returned when releasing a day that is not held.
var ErrNotHeld = errors.New("measure: release: not held (released already or unknown)")

// ErrReleaseNote is returned when a release has no reason.
var ErrReleaseNote = errors.New("Cần ghi lý do giải phóng (tối đa 500 ký tự).")

// Release puts a held day back into the indicators on behalf of by (the
// caller checks measure.configure), audited in the same transaction.
func (s *Store) Release(ctx context.Context, by audit.Actor, id int64, note string) (*Quarantine, error) {
	note = norm.NFC.String(strings.TrimSpace(note))
	if note == "" || len([]rune(note)) > 500 {
		return nil, ErrReleaseNote
	}
	var q *Quarantine
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if q, err = s.quarantineTx(ctx, tx, id, tx.ForUpdate()); err != nil {
			return err
		}
		if q.Status != QuarantineHeld {
			return ErrNotHeld
		}
		if _, err := tx.Exec(ctx, moveSQL("measure_daily", "day", "day", ""), id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, moveSQL("measure_monthly", "month", "SUBSTR(day, 1, 7)", ""), id); err != nil {
			return err
		}
		q.Status, q.ReleasedAt, q.ReleasedBy, q.Note = QuarantineReleased, s.clock().UTC().Truncate(time.Microsecond), by.Name, note
		if _, err := tx.Exec(ctx, `UPDATE measure_quarantine SET status = ?, released_at = ?, released_by = ?, note = ? WHERE id = ?`,
			q.Status, q.ReleasedAt, q.ReleasedBy, q.Note, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM measure_quarantine_rows WHERE quarantine_id = ?", id); err != nil {
			return err
		}
		before, _ := audit.Snapshot(map[string]any{"status": QuarantineHeld})
		after, err := audit.Snapshot(map[string]any{"status": QuarantineReleased, "day": q.Day, "unit": q.Unit, "source": q.Source})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Actor: by, Action: "measure.release", ObjectType: "measure_quarantine",
			ObjectID: fmt.Sprint(id), Agency: q.Agency, Before: before, After: after, Note: note})
	})
	if err != nil {
		if errors.Is(err, ErrNotHeld) || errors.Is(err, ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("measure: release %d: %w", id, err)
	}
	return q, s.RefreshCompact(ctx, q.Day[:7])
}

// ErrNotFound is returned for an unknown quarantine, alert or digest.
var ErrNotFound = errors.New("measure: not found")

const quarantineCols = `id, day, unit, source, agency, series, value, median, mad, score, status, flagged_at, released_at, released_by, note`

func scanQuarantine(scan func(...any) error) (*Quarantine, error) {
	var q Quarantine
	var rel sql.NullTime
	if err := scan(&q.ID, &q.Day, &q.Unit, &q.Source, &q.Agency, &q.Series, &q.Value, &q.Median, &q.MAD, &q.Score,
		&q.Status, &q.FlaggedAt, &rel, &q.ReleasedBy, &q.Note); err != nil {
		return nil, err
	}
	q.FlaggedAt = q.FlaggedAt.UTC()
	if rel.Valid {
		q.ReleasedAt = rel.Time.UTC()
	}
	return &q, nil
}

func (s *Store) quarantineTx(ctx context.Context, q db.Querier, id int64, lock string) (*Quarantine, error) {
	r, err := scanQuarantine(q.QueryRow(ctx, "SELECT "+quarantineCols+" FROM measure_quarantine WHERE id = ?"+lock, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return r, err
}

// QuarantineByID returns one quarantine.
func (s *Store) QuarantineByID(ctx context.Context, id int64) (*Quarantine, error) {
	q, err := s.quarantineTx(ctx, s.db, id, "")
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("measure: quarantine %d: %w", id, err)
	}
	return q, err
}

// Quarantines lists the held days (heldOnly) or all, newest first, at
// most limit, for the agencies allowed (nil: all).
func (s *Store) Quarantines(ctx context.Context, heldOnly bool, allows func(agency string) bool, limit int) ([]Quarantine, error) {
	q := "SELECT " + quarantineCols + " FROM measure_quarantine"
	if heldOnly {
		q += " WHERE status = 'held'"
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY flagged_at DESC, id DESC")
	if err != nil {
		return nil, fmt.Errorf("measure: quarantines: %w", err)
	}
	defer rows.Close()
	var out []Quarantine
	for rows.Next() && (limit <= 0 || len(out) < limit) {
		r, err := scanQuarantine(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("measure: quarantines: %w", err)
		}
		if allows == nil || allows(r.Agency) {
			out = append(out, *r)
		}
	}
	return out, rows.Err()
}
