package measure

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/units"
)

// The weekly digest sums up a week for the nation, each province (its
// communes included) and each ministry: the alerts of the week and the
// indicators of the last whole month. It is stored as a page of the back
// office (there is no e-mail outbox for staff yet); the job builds the
// digest of the week just ended, once.

// Digest is one agency's weekly digest.
type Digest struct {
	ID     int64  `json:"-"`
	Agency string `json:"agency"`
	Unit   string `json:"unit"`
	// Week is the Monday the week starts on, "YYYY-MM-DD".
	Week string `json:"week"`
	// Month is the last whole month of the indicators.
	Month      string        `json:"month"`
	Indicators []DigestValue `json:"indicators"`
	Alerts     []DigestAlert `json:"alerts"`
	CreatedAt  time.Time     `json:"-"`
}

// DigestValue is an indicator's value in the digest, nil when unknown.
type DigestValue struct {
	Indicator   string   `json:"indicator"`
	Value       *float64 `json:"value"`
	Numerator   int64    `json:"numerator"`
	Denominator int64    `json:"denominator"`
}

// DigestAlert is an alert of the week as the digest lists it.
type DigestAlert struct {
	ID        int64    `json:"id"`
	Kind      string   `json:"kind"`
	Unit      string   `json:"unit"`
	Indicator string   `json:"indicator,omitempty"`
	Source    string   `json:"source,omitempty"`
	Period    string   `json:"period"`
	Current   *float64 `json:"current,omitempty"`
	Previous  *float64 `json:"previous,omitempty"`
}

// WeekStart returns the Monday of the week containing t (Vietnam's days).
func WeekStart(t time.Time) time.Time {
	d := t.In(vietnam)
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// BuildDigests stores the digests of the week starting on monday, for the
// agencies that have none yet; it returns how many it stored.
func (s *Store) BuildDigests(ctx context.Context, monday time.Time) (int, error) {
	week := monday.Format(time.DateOnly)
	from := time.Date(monday.Year(), monday.Month(), monday.Day(), 0, 0, 0, 0, vietnam)
	alerts, err := s.Alerts(ctx, AlertFilter{Since: from})
	if err != nil {
		return 0, err
	}
	until := from.AddDate(0, 0, 7)
	month := monday.AddDate(0, 0, 6)
	month = time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	mp, _ := ParsePeriod(month.Format("2006-01"))
	dir := s.dir.Load()
	targets := []UnitInfo{{Code: National, Agency: National}}
	targets = append(targets, dir.Units(units.AgencyProvince)...)
	targets = append(targets, dir.Units(units.AgencyMinistry)...)
	stored := 0
	for _, u := range targets {
		d := Digest{Agency: u.Agency, Unit: u.Code, Week: week, Month: mp.Label}
		rep, err := s.SliceReport(ctx, mp, u.Code)
		if err != nil {
			return stored, err
		}
		for _, ind := range RateIndicators() {
			v, _ := rep.Value(ind.ID)
			dv := DigestValue{Indicator: ind.ID, Numerator: v.Numerator, Denominator: v.Denominator}
			if v.Known {
				x := Round2(v.Value)
				dv.Value = &x
			}
			d.Indicators = append(d.Indicators, dv)
		}
		for _, a := range alerts {
			if a.CreatedAt.Before(until) && s.alertWithin(a, u) {
				d.Alerts = append(d.Alerts, DigestAlert{ID: a.ID, Kind: string(a.Kind), Unit: a.Unit, Indicator: a.Indicator,
					Source: a.Source, Period: a.Period, Current: a.Current, Previous: a.Previous})
			}
		}
		body, err := json.Marshal(d)
		if err != nil {
			return stored, fmt.Errorf("measure: digest %s %s: %w", u.Agency, week, err)
		}
		res, err := s.db.Exec(ctx, `INSERT INTO measure_digests (agency, week, body, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (agency, week) DO NOTHING`, u.Agency, week, string(body), s.clock().UTC().Truncate(time.Microsecond))
		if err != nil {
			return stored, fmt.Errorf("measure: digest %s %s: %w", u.Agency, week, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			stored++
		}
	}
	return stored, nil
}

// alertWithin reports whether an alert belongs in unit u's digest: the
// nation's holds every alert, a province's those of its communes too.
func (s *Store) alertWithin(a Alert, u UnitInfo) bool {
	switch {
	case u.Code == National:
		return true
	case a.Agency == u.Agency:
		return true
	case u.Kind == units.AgencyProvince:
		au, ok := s.dir.Load().Unit(a.Unit)
		return ok && au.Province == u.Code
	}
	return false
}

// Digests lists the stored digests the allows function accepts (nil:
// all), newest week first, at most limit.
func (s *Store) Digests(ctx context.Context, allows func(agency string) bool, limit int) ([]Digest, error) {
	rows, err := s.db.Query(ctx, "SELECT id, agency, week, body, created_at FROM measure_digests ORDER BY week DESC, agency")
	if err != nil {
		return nil, fmt.Errorf("measure: digests: %w", err)
	}
	defer rows.Close()
	var out []Digest
	for rows.Next() && (limit <= 0 || len(out) < limit) {
		d, err := scanDigest(rows.Scan)
		if err != nil {
			return nil, err
		}
		if allows == nil || allows(d.Agency) {
			out = append(out, *d)
		}
	}
	return out, rows.Err()
}

// DigestByID returns one digest.
func (s *Store) DigestByID(ctx context.Context, id int64) (*Digest, error) {
	d, err := scanDigest(s.db.QueryRow(ctx, "SELECT id, agency, week, body, created_at FROM measure_digests WHERE id = ?", id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return d, err
}

func scanDigest(scan func(...any) error) (*Digest, error) {
	var d Digest
	var body string
	var id int64
	var created time.Time
	if err := scan(&id, &d.Agency, &d.Week, &body, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("measure: digest: %w", err)
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		return nil, fmt.Errorf("measure: digest %d: %w", id, err)
	}
	d.ID, d.CreatedAt = id, created.UTC()
	return &d, nil
}
