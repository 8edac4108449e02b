package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Store reads and seeds the units, successions and agencies tables.
type Store struct {
	db *db.DB
	// now is the clock; tests move it to see a period change.
	now func() time.Time
}

// NewStore returns a store on d. Call Seed before reading.
func NewStore(d *db.DB) *Store {
	return &Store{db: d, now: time.Now}
}

// vietnam is the country's time zone. It has had no daylight saving since
// 1975, so a fixed offset is exact and needs no tzdata on the host.
var vietnam = time.FixedZone("ICT", 7*60*60)

// today is the current day in Vietnam, the day a unit must be in force on
// to count as current.
func (s *Store) today() string { return s.now().In(vietnam).Format(time.DateOnly) }

// inForce is the SQL condition "the unit is in force on the bound day"; it
// takes the day twice.
const inForce = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"

// unitCols are the columns scanUnit reads, in order.
const unitCols = "code, name, full_name, name_en, level, COALESCE(parent_code, ''), valid_from, COALESCE(valid_to, '')"

func scanUnit(sc interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	var level string
	err := sc.Scan(&u.Code, &u.Name, &u.FullName, &u.NameEn, &level, &u.ParentCode, &u.ValidFrom, &u.ValidTo)
	u.Level = Level(level)
	return u, err
}

// queryUnits runs a query selecting unitCols and collects the rows; op names
// the operation for errors.
func (s *Store) queryUnits(ctx context.Context, op, q string, args ...any) ([]Unit, error) {
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("units: %s: %w", op, err)
	}
	defer rows.Close()
	out := []Unit{}
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("units: %s: %w", op, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("units: %s: %w", op, err)
	}
	return out, nil
}

// Provinces returns the provinces in force today in Vietnamese collation
// order of their names.
func (s *Store) Provinces(ctx context.Context) ([]Unit, error) {
	day := s.today()
	return s.queryUnits(ctx, "provinces",
		"SELECT "+unitCols+" FROM units WHERE level = ? AND "+inForce+" ORDER BY sort_order",
		string(LevelProvince), day, day)
}

// Communes returns the communes in force today of the current province
// with the given code, in collation order; ErrNotFound when there is no
// such province.
func (s *Store) Communes(ctx context.Context, province string) ([]Unit, error) {
	p, err := s.Unit(ctx, province)
	if err != nil {
		return nil, err
	}
	if p.Level != LevelProvince {
		return nil, fmt.Errorf("units: communes of %s: not a province: %w", province, ErrNotFound)
	}
	return s.children(ctx, "communes of "+province, province, LevelCommune)
}

// children lists the units of the given level in force today whose parent
// is parent.
func (s *Store) children(ctx context.Context, op, parent string, level Level) ([]Unit, error) {
	day := s.today()
	return s.queryUnits(ctx, op,
		"SELECT "+unitCols+" FROM units WHERE parent_code = ? AND level = ? AND "+inForce+" ORDER BY sort_order",
		parent, string(level), day, day)
}

// Children returns the units directly under parent as of today: the
// provinces for "", a province's communes for a province code, nothing for
// a commune. A code that is not a current unit gives ErrNotFound.
func (s *Store) Children(ctx context.Context, parent string) ([]Unit, error) {
	if parent == "" {
		return s.Provinces(ctx)
	}
	u, err := s.Unit(ctx, parent)
	if err != nil {
		return nil, err
	}
	if u.Level != LevelProvince {
		return []Unit{}, nil
	}
	return s.children(ctx, "children of "+parent, parent, LevelCommune)
}

// Unit returns the unit in force today with the given code, or ErrNotFound.
func (s *Store) Unit(ctx context.Context, code string) (*Unit, error) {
	return s.UnitOn(ctx, code, s.today())
}

// UnitOn returns the unit with the given code in force on day
// ('YYYY-MM-DD'), or ErrNotFound. UnitOn(ctx, "00004", "2025-06-30") is
// Phường Trúc Bạch; on "2025-07-01" the code belongs to Phường Ba Đình.
func (s *Store) UnitOn(ctx context.Context, code, day string) (*Unit, error) {
	u, err := scanUnit(s.db.QueryRow(ctx,
		"SELECT "+unitCols+" FROM units WHERE code = ? AND "+inForce, code, day, day))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("units: unit %s on %s: %w", code, day, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("units: unit %s on %s: %w", code, day, err)
	}
	return &u, nil
}

// Counts returns the number of units in force today and on the day before
// the 2025 reform, by level, and the sizes of the agency and succession
// tables.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	today := s.today()
	before := dayBefore(ReformDate)
	for _, q := range []struct {
		level Level
		day   string
		dst   *int
	}{
		{LevelProvince, today, &c.CurrentProvinces},
		{LevelCommune, today, &c.CurrentCommunes},
		{LevelProvince, before, &c.OldProvinces},
		{LevelDistrict, before, &c.OldDistricts},
		{LevelCommune, before, &c.OldCommunes},
	} {
		if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE level = ? AND "+inForce,
			string(q.level), q.day, q.day).Scan(q.dst); err != nil {
			return c, fmt.Errorf("units: counts: %s on %s: %w", q.level, q.day, err)
		}
	}
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM agencies").Scan(&c.Agencies); err != nil {
		return c, fmt.Errorf("units: counts: agencies: %w", err)
	}
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM unit_successors").Scan(&c.Successions); err != nil {
		return c, fmt.Errorf("units: counts: successions: %w", err)
	}
	return c, nil
}

// dayBefore returns the day before a 'YYYY-MM-DD' day.
func dayBefore(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic("units: bad day " + day) // only called with constants
	}
	return t.AddDate(0, 0, -1).Format(time.DateOnly)
}
