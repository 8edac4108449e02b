package measure

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Alerts go to the back-office inbox of the agency that answers for the
// unit (and so to the province above a commune, whose scope covers it):
// a rate down DropPoints or more against the four weeks before, a source
// silent longer than its usual interval, a day held as an outlier. The
// background jobs raise them; a dedupe key per cause and period makes
// raising idempotent, so a job that runs twice raises nothing twice.

// AlertKind is why an alert was raised.
type AlertKind string

// The alert kinds.
const (
	AlertDrop    AlertKind = "drop"    // a rate fell DropPoints or more
	AlertStale   AlertKind = "stale"   // a source went silent
	AlertOutlier AlertKind = "outlier" // a day was held as an outlier
)

// Alert is one entry of the inbox.
type Alert struct {
	ID        int64
	Agency    string
	Unit      string
	Kind      AlertKind
	Indicator string
	Source    string
	DedupeKey string
	// Period is what the alert is about: the week ("2025-12-01..2025-12-07"),
	// the day held, or when the source was last seen.
	Period string
	// Current and Previous: the rate now and over the four weeks before
	// (percent), the day's count and the usual count, nil when not
	// applicable.
	Current, Previous *float64
	Detail            string
	CreatedAt, ReadAt time.Time
	ReadBy            string
}

// raiseTx stores an alert unless one with the same dedupe key exists; it
// reports nothing either way, since a repeat is expected.
func (s *Store) raiseTx(ctx context.Context, q db.Querier, a Alert) error {
	if _, err := q.Exec(ctx, `INSERT INTO measure_alerts (agency, unit, kind, indicator, source, dedupe_key, period,
		current_value, previous_value, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING`,
		a.Agency, a.Unit, string(a.Kind), a.Indicator, a.Source, a.DedupeKey, a.Period, a.Current, a.Previous, a.Detail,
		s.clock().UTC().Truncate(time.Microsecond)); err != nil {
		return fmt.Errorf("raise alert %s: %w", a.DedupeKey, err)
	}
	return nil
}

const alertCols = `id, agency, unit, kind, indicator, source, dedupe_key, period, current_value, previous_value, detail, created_at, read_at, read_by`

func scanAlert(scan func(...any) error) (*Alert, error) {
	var a Alert
	var kind string
	var cur, prev sql.NullFloat64
	var read sql.NullTime
	if err := scan(&a.ID, &a.Agency, &a.Unit, &kind, &a.Indicator, &a.Source, &a.DedupeKey, &a.Period, &cur, &prev,
		&a.Detail, &a.CreatedAt, &read, &a.ReadBy); err != nil {
		return nil, err
	}
	a.Kind, a.CreatedAt = AlertKind(kind), a.CreatedAt.UTC()
	if cur.Valid {
		a.Current = &cur.Float64
	}
	if prev.Valid {
		a.Previous = &prev.Float64
	}
	if read.Valid {
		a.ReadAt = read.Time.UTC()
	}
	return &a, nil
}

// AlertFilter selects alerts.
type AlertFilter struct {
	// Allows keeps the alerts of agencies in a user's scope; nil keeps all.
	Allows func(agency string) bool
	// UnreadOnly keeps the alerts nobody marked read.
	UnreadOnly bool
	// Since keeps alerts raised at or after it (zero: all).
	Since time.Time
	Limit int
}

// Alerts lists alerts, unread first, newest first.
func (s *Store) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	q := "SELECT " + alertCols + " FROM measure_alerts WHERE created_at >= ?"
	if f.UnreadOnly {
		q += " AND read_at IS NULL"
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC", f.Since.UTC())
	if err != nil {
		return nil, fmt.Errorf("measure: alerts: %w", err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() && (f.Limit <= 0 || len(out) < f.Limit) {
		a, err := scanAlert(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("measure: alerts: %w", err)
		}
		if f.Allows == nil || f.Allows(a.Agency) {
			out = append(out, *a)
		}
	}
	return out, rows.Err()
}

// AlertByID returns one alert.
func (s *Store) AlertByID(ctx context.Context, id int64) (*Alert, error) {
	a, err := scanAlert(s.db.QueryRow(ctx, "SELECT "+alertCols+" FROM measure_alerts WHERE id = ?", id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("measure: alert %d: %w", id, err)
	}
	return a, nil
}

// MarkAlertRead marks an alert dealt with by name; marking it again keeps
// the first mark.
func (s *Store) MarkAlertRead(ctx context.Context, id int64, by string) error {
	res, err := s.db.Exec(ctx, "UPDATE measure_alerts SET read_at = ?, read_by = ? WHERE id = ? AND read_at IS NULL",
		s.clock().UTC().Truncate(time.Microsecond), by, id)
	if err != nil {
		return fmt.Errorf("measure: mark alert %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.AlertByID(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
