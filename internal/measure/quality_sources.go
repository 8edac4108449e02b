package measure

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// A source's health: when it was last seen, how often it usually sends
// (the median gap between its last batches), and whether it has gone
// silent for longer than that. Duplicates and rejected events come from
// the ingest counters of measure_sources (a repeated event is counted
// once in the figures and once here, as a duplicate).

// arrivalWindow is how many recent batches the usual interval is the
// median gap of.
const arrivalWindow = 50

// StaleFactor and StaleFloor: a source is silent when it has not sent for
// StaleFactor × its usual interval, and at least StaleFloor (a source
// sending every minute is not silent after three).
const (
	StaleFactor = 2
	StaleFloor  = 15 * time.Minute
)

// ArrivalRetention is how long batch arrival times are kept.
const ArrivalRetention = 90 * 24 * time.Hour

// SourceHealth is one source's state for the data-quality pages.
type SourceHealth struct {
	Source, Agency               string
	FirstSeen, LastSeen          time.Time
	Events, Duplicates, Rejected int64
	Quarantined                  bool
	// Arrivals are the batches counted for the usual interval.
	Arrivals int
	// Interval is the median gap between batches; 0 when fewer than three
	// batches are known.
	Interval time.Duration
	// Silent is set when the source has not sent for StaleFactor ×
	// Interval (and at least StaleFloor); SilentFor is since when.
	Silent    bool
	SilentFor time.Duration
	// Held is the number of the source's days held as outliers now.
	Held int
}

// DuplicateShare is the share of duplicates among what the source sent.
func (h SourceHealth) DuplicateShare() float64 {
	if n := h.Events + h.Duplicates + h.Rejected; n > 0 {
		return float64(h.Duplicates) / float64(n)
	}
	return 0
}

// RejectedShare is the share of rejected events among what it sent.
func (h SourceHealth) RejectedShare() float64 {
	if n := h.Events + h.Duplicates + h.Rejected; n > 0 {
		return float64(h.Rejected) / float64(n)
	}
	return 0
}

// recordArrival notes a batch of a source, in the ingest transaction.
func recordArrival(ctx context.Context, tx *db.Tx, source string, at time.Time, events int64) error {
	if _, err := tx.Exec(ctx, "INSERT INTO measure_source_arrivals (source, arrived_at, events) VALUES (?, ?, ?)",
		source, at.UTC().Truncate(time.Microsecond), events); err != nil {
		return fmt.Errorf("source %s arrival: %w", source, err)
	}
	return nil
}

// PruneArrivals deletes arrival times older than ArrivalRetention.
func (s *Store) PruneArrivals(ctx context.Context) (int64, error) {
	res, err := s.db.Exec(ctx, "DELETE FROM measure_source_arrivals WHERE arrived_at < ?", s.clock().Add(-ArrivalRetention).UTC())
	if err != nil {
		return 0, fmt.Errorf("measure: prune arrivals: %w", err)
	}
	return res.RowsAffected()
}

// Sources returns the health of every source the allows function accepts
// (by agency; nil: all), by name.
func (s *Store) Sources(ctx context.Context, allows func(agency string) bool) ([]SourceHealth, error) {
	rows, err := s.db.Query(ctx, `SELECT source, agency, first_seen_at, last_seen_at, events, duplicates, rejected, quarantined
		FROM measure_sources ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("measure: sources: %w", err)
	}
	var out []SourceHealth
	for rows.Next() {
		var h SourceHealth
		if err := rows.Scan(&h.Source, &h.Agency, &h.FirstSeen, &h.LastSeen, &h.Events, &h.Duplicates, &h.Rejected, &h.Quarantined); err != nil {
			rows.Close()
			return nil, fmt.Errorf("measure: sources: %w", err)
		}
		if allows == nil || allows(h.Agency) {
			h.FirstSeen, h.LastSeen = h.FirstSeen.UTC(), h.LastSeen.UTC()
			out = append(out, h)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measure: sources: %w", err)
	}
	held, err := s.heldBySource(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.fillInterval(ctx, &out[i]); err != nil {
			return nil, err
		}
		out[i].Held = held[out[i].Source]
	}
	return out, nil
}

// Source returns one source's health and its recent batch times, newest
// first.
func (s *Store) Source(ctx context.Context, name string) (*SourceHealth, []time.Time, error) {
	var h SourceHealth
	err := s.db.QueryRow(ctx, `SELECT source, agency, first_seen_at, last_seen_at, events, duplicates, rejected, quarantined
		FROM measure_sources WHERE source = ?`, name).
		Scan(&h.Source, &h.Agency, &h.FirstSeen, &h.LastSeen, &h.Events, &h.Duplicates, &h.Rejected, &h.Quarantined)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, fmt.Errorf("measure: source %s: %w", name, err)
	}
	h.FirstSeen, h.LastSeen = h.FirstSeen.UTC(), h.LastSeen.UTC()
	times, err := s.arrivals(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	h.applyArrivals(times, s.clock())
	held, err := s.heldBySource(ctx)
	if err != nil {
		return nil, nil, err
	}
	h.Held = held[name]
	return &h, times, nil
}

// SourceAgency returns the agency a source belongs to, for scope checks.
func (s *Store) SourceAgency(ctx context.Context, name string) (string, error) {
	var agency string
	err := s.db.QueryRow(ctx, "SELECT agency FROM measure_sources WHERE source = ?", name).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("measure: source %s: %w", name, err)
	}
	return agency, nil
}

func (s *Store) fillInterval(ctx context.Context, h *SourceHealth) error {
	times, err := s.arrivals(ctx, h.Source)
	if err != nil {
		return err
	}
	h.applyArrivals(times, s.clock())
	return nil
}

// arrivals returns the source's last batch times, newest first.
func (s *Store) arrivals(ctx context.Context, source string) ([]time.Time, error) {
	rows, err := s.db.Query(ctx, `SELECT arrived_at FROM measure_source_arrivals WHERE source = ?
		ORDER BY arrived_at DESC LIMIT `+fmt.Sprint(arrivalWindow), source)
	if err != nil {
		return nil, fmt.Errorf("measure: arrivals %s: %w", source, err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("measure: arrivals %s: %w", source, err)
		}
		out = append(out, t.UTC())
	}
	return out, rows.Err()
}

// applyArrivals sets the usual interval and the silent flag from the
// batch times (newest first) at now.
func (h *SourceHealth) applyArrivals(times []time.Time, now time.Time) {
	h.Arrivals = len(times)
	h.Interval, h.Silent, h.SilentFor = UsualInterval(times), false, now.Sub(h.LastSeen)
	if h.Interval > 0 && !h.Quarantined {
		h.Silent = h.SilentFor > max(StaleFactor*h.Interval, StaleFloor)
	}
}

// UsualInterval is the median gap between consecutive batch times (in
// any order); 0 with fewer than three batches.
func UsualInterval(times []time.Time) time.Duration {
	if len(times) < 3 {
		return 0
	}
	ts := slices.Clone(times)
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	gaps := make([]float64, len(ts)-1)
	for i := 1; i < len(ts); i++ {
		gaps[i-1] = float64(ts[i].Sub(ts[i-1]))
	}
	return time.Duration(median(gaps))
}

func (s *Store) heldBySource(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.Query(ctx, "SELECT source, COUNT(*) FROM measure_quarantine WHERE status = 'held' GROUP BY source")
	if err != nil {
		return nil, fmt.Errorf("measure: held days: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return nil, fmt.Errorf("measure: held days: %w", err)
		}
		out[src] = n
	}
	return out, rows.Err()
}
