package measure

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/units"
)

// Rankings order ministries, provinces or the communes of one province by
// a rate indicator over whole months, from the compact monthly tables.
//
// The method (RankMethodVersion 1), documented here because published
// ranks must be reproducible:
//
//  1. A unit is ranked only when the indicator's denominator reaches the
//     minimum volume: MinVolumePerMonth of its level × the months of the
//     period. Below it the unit is listed without a rank, "chưa đủ dữ
//     liệu", so a commune with three dossiers never tops the table.
//  2. Units are ordered by the value rounded to two decimals (the
//     precision published), higher first;
//  3. ties by the larger denominator (the figure resting on more
//     dossiers), then by unit code ascending. Ranks are never shared:
//     every ranked unit has its own position 1, 2, 3 …
//
// A month's ranking of provinces and of ministries is frozen once
// (FreezeMonth) with the registry and method versions; a frozen ranking
// is served as stored and never recomputed, even when late data arrive.

// RankMethodVersion changes whenever the ranking rules above change.
const RankMethodVersion = 1

// RankLevel is what is ranked.
type RankLevel string

// The levels.
const (
	RankProvinces  RankLevel = "province" // the 34 provinces, communes included
	RankMinistries RankLevel = "ministry" // the ministries and ministry-level agencies
	RankCommunes   RankLevel = "commune"  // the communes of one province (RankQuery.Province)
)

// MinVolumePerMonth is the smallest monthly denominator a unit of each
// level needs to be ranked.
var MinVolumePerMonth = map[RankLevel]int64{RankProvinces: 500, RankMinistries: 500, RankCommunes: 30}

// RankQuery asks for one ranking.
type RankQuery struct {
	Indicator string
	// Period must be whole months (a year or a month).
	Period Period
	Level  RankLevel
	// Province is the province whose communes are ranked (RankCommunes).
	Province string
}

// RankRow is one unit in a ranking.
type RankRow struct {
	// Position is 1, 2, 3 …; 0 when below the minimum volume.
	Position int
	Unit     UnitInfo
	Value    Value
}

// Ranked reports whether the unit reached the minimum volume.
func (r RankRow) Ranked() bool { return r.Position > 0 }

// Ranking is an ordered list of units.
type Ranking struct {
	Query     RankQuery
	Indicator Indicator
	MinVolume int64
	// Rows: ranked units by position, then the others by code.
	Rows []RankRow
	// Frozen is set for a month's ranking read from its snapshot.
	Frozen                         bool
	FrozenAt                       time.Time
	RegistryVersion, MethodVersion int
}

// Errors of Rank.
var (
	ErrNotRate      = errors.New("measure: ranking: unknown indicator or not a rate")
	ErrBadRankLevel = errors.New("measure: ranking: unknown level or province")
)

// RateIndicators returns the registry's rates, the indicators that can be
// ranked.
func RateIndicators() []Indicator {
	var out []Indicator
	for _, ind := range registry {
		if ind.Kind == KindRate {
			out = append(out, ind)
		}
	}
	return out
}

// IndicatorByID returns the registry entry with that id.
func IndicatorByID(id string) (Indicator, bool) {
	for _, ind := range registry {
		if ind.ID == id {
			return ind, true
		}
	}
	return Indicator{}, false
}

// Rank ranks the units of q. A single month of provinces or ministries
// that was frozen is read from its snapshot.
func (s *Store) Rank(ctx context.Context, q RankQuery) (*Ranking, error) {
	ind, ok := IndicatorByID(q.Indicator)
	if !ok || ind.Kind != KindRate {
		return nil, fmt.Errorf("%w: %q", ErrNotRate, q.Indicator)
	}
	if len(q.Period.Label) == 7 && q.Level != RankCommunes {
		if r, err := s.snapshot(ctx, q, ind); err != nil || r != nil {
			return r, err
		}
	}
	return s.rankLive(ctx, q, ind)
}

// rankLive computes a ranking from the compact tables, with the
// aggregates of each unit folded in: a unit's figure is its Report.
func (s *Store) rankLive(ctx context.Context, q RankQuery, ind Indicator) (*Ranking, error) {
	list, err := s.rankUnits(q)
	if err != nil {
		return nil, err
	}
	figs, err := s.rankFigures(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("measure: ranking %s %s: %w", q.Indicator, q.Level, err)
	}
	min := MinVolumePerMonth[q.Level] * int64(q.Period.Months())
	rows := make([]RankRow, len(list))
	for i, u := range list {
		rows[i] = RankRow{Unit: u, Value: figs.of(u.Code).Value(ind)}
	}
	orderRanking(rows, min)
	return &Ranking{Query: q, Indicator: ind, MinVolume: min, Rows: rows,
		RegistryVersion: RegistryVersion, MethodVersion: RankMethodVersion}, nil
}

// rankFigures returns the figures of the level's units by code. Each unit
// is its own slice, as in its Report: the aggregates of the level's units
// count, those for the nation (or, for communes, the province) do not.
func (s *Store) rankFigures(ctx context.Context, q RankQuery) (figuresBy, error) {
	from, to, err := monthRange(q.Period)
	if err != nil {
		return nil, err
	}
	var where string
	var args []any
	var keyOf func(unit, province string) string
	switch q.Level {
	case RankProvinces:
		where, keyOf = " AND province <> ''", func(_, province string) string { return province }
	case RankMinistries:
		where, keyOf = " AND province = ''", func(unit, _ string) string { return unit }
	case RankCommunes:
		where, args = " AND province = ? AND unit <> ?", []any{q.Province, q.Province}
		keyOf = func(unit, _ string) string { return unit }
	default:
		return nil, fmt.Errorf("%w: %q", ErrBadRankLevel, q.Level)
	}
	all, err := s.loadAggregates(ctx, q.Period, where+" AND unit <> ?", append(slices.Clone(args), National))
	if err != nil {
		return nil, err
	}
	aggs := keepUncovered(all)
	out := figuresBy{}
	col := "unit"
	if q.Level == RankProvinces {
		col = "province"
	}
	sums, err := s.foldedSums(ctx, foldSpec{table: unitMonths, key: col, where: where, args: args, from: from, to: to}, aggs)
	if err != nil {
		return nil, err
	}
	for k, sm := range sums {
		out.of(k).addEvents(q.Period.From, sm)
	}
	for i := range aggs {
		out.of(keyOf(aggs[i].unit, aggs[i].province)).addAggregate(&aggs[i])
	}
	return out, nil
}

// orderRanking applies the method: eligibility, order, tie-breaks,
// positions.
func orderRanking(rows []RankRow, min int64) {
	eligible := func(r *RankRow) bool { return r.Value.Known && r.Value.Denominator >= min }
	slices.SortStableFunc(rows, func(a, b RankRow) int {
		ea, eb := eligible(&a), eligible(&b)
		if ea != eb {
			if ea {
				return -1
			}
			return 1
		}
		if !ea {
			return cmp.Compare(a.Unit.Code, b.Unit.Code)
		}
		return cmp.Or(
			-cmp.Compare(Round2(a.Value.Value), Round2(b.Value.Value)),
			-cmp.Compare(a.Value.Denominator, b.Value.Denominator),
			cmp.Compare(a.Unit.Code, b.Unit.Code),
		)
	})
	for i := range rows {
		if eligible(&rows[i]) {
			rows[i].Position = i + 1
		}
	}
}

// rankUnits lists every unit of the level from the directory, so a unit
// with no data at all still appears ("chưa đủ dữ liệu").
func (s *Store) rankUnits(q RankQuery) ([]UnitInfo, error) {
	dir := s.dir.Load()
	var out []UnitInfo
	switch q.Level {
	case RankProvinces:
		out = dir.Units(units.AgencyProvince)
	case RankMinistries:
		out = dir.Units(units.AgencyMinistry)
	case RankCommunes:
		if u, ok := dir.Unit(q.Province); !ok || u.Kind != units.AgencyProvince {
			return nil, fmt.Errorf("%w: %q", ErrBadRankLevel, q.Province)
		}
		for _, c := range dir.Units(units.AgencyCommune) {
			if c.Province == q.Province {
				out = append(out, c)
			}
		}
	default:
		return nil, fmt.Errorf("%w: %q", ErrBadRankLevel, q.Level)
	}
	slices.SortFunc(out, func(a, b UnitInfo) int { return cmp.Compare(a.Code, b.Code) })
	return out, nil
}

// sumsBy runs a query whose first column is a key and the rest the
// counters, and returns the sums by key.
func (s *Store) sumsBy(ctx context.Context, query string, args ...any) (map[string]Sums, error) {
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Sums{}
	for rows.Next() {
		var k string
		sm, err := scanSums(rows.Scan, &k)
		if err != nil {
			return nil, err
		}
		out[k] = sm
	}
	return out, rows.Err()
}

// snapshot reads the frozen ranking of q, or nil when there is none.
func (s *Store) snapshot(ctx context.Context, q RankQuery, ind Indicator) (*Ranking, error) {
	r := &Ranking{Query: q, Indicator: ind, Frozen: true}
	var id int64
	err := s.db.QueryRow(ctx, `SELECT id, registry_version, method_version, min_volume, frozen_at FROM measure_rank_snapshots
		WHERE period = ? AND indicator = ? AND level = ?`, q.Period.Label, q.Indicator, string(q.Level)).
		Scan(&id, &r.RegistryVersion, &r.MethodVersion, &r.MinVolume, &r.FrozenAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("measure: ranking snapshot: %w", err)
	}
	r.FrozenAt = r.FrozenAt.UTC()
	rows, err := s.db.Query(ctx, `SELECT unit, position, numerator, denominator, value FROM measure_rank_rows
		WHERE snapshot_id = ? ORDER BY CASE WHEN position = 0 THEN 1 ELSE 0 END, position, unit`, id)
	if err != nil {
		return nil, fmt.Errorf("measure: ranking snapshot rows: %w", err)
	}
	defer rows.Close()
	dir := s.dir.Load()
	for rows.Next() {
		var row RankRow
		var code string
		row.Value.Indicator = ind
		if err := rows.Scan(&code, &row.Position, &row.Value.Numerator, &row.Value.Denominator, &row.Value.Value); err != nil {
			return nil, fmt.Errorf("measure: ranking snapshot rows: %w", err)
		}
		row.Value.Known = row.Value.Denominator > 0
		row.Unit, _ = dir.Unit(code)
		row.Unit.Code = code
		r.Rows = append(r.Rows, row)
	}
	return r, rows.Err()
}

// FreezeMonth freezes the month's rankings of provinces and ministries by
// every rate indicator, those not frozen yet; it returns how many it
// froze. A frozen ranking is never recomputed: a second call, or a call
// after late data arrived, changes nothing.
func (s *Store) FreezeMonth(ctx context.Context, month string) (int, error) {
	p, err := ParsePeriod(month)
	if err != nil || len(p.Label) != 7 {
		return 0, fmt.Errorf("measure: freeze: month %q is not YYYY-MM", month)
	}
	frozen := 0
	for _, ind := range RateIndicators() {
		for _, lv := range []RankLevel{RankProvinces, RankMinistries} {
			q := RankQuery{Indicator: ind.ID, Period: p, Level: lv}
			r, err := s.rankLive(ctx, q, ind)
			if err != nil {
				return frozen, err
			}
			done, err := s.storeSnapshot(ctx, r)
			if err != nil {
				return frozen, fmt.Errorf("measure: freeze %s %s %s: %w", month, ind.ID, lv, err)
			}
			if done {
				frozen++
			}
		}
	}
	return frozen, nil
}

func (s *Store) storeSnapshot(ctx context.Context, r *Ranking) (bool, error) {
	stored := false
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO measure_rank_snapshots (period, indicator, level, registry_version, method_version, min_volume, frozen_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (period, indicator, level) DO NOTHING RETURNING id`,
			r.Query.Period.Label, r.Query.Indicator, string(r.Query.Level), r.RegistryVersion, r.MethodVersion, r.MinVolume,
			s.clock().UTC().Truncate(time.Microsecond)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // frozen before: never recomputed
		}
		if err != nil {
			return err
		}
		for _, row := range r.Rows {
			v := row.Value.Value
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0
			}
			if _, err := tx.Exec(ctx, `INSERT INTO measure_rank_rows (snapshot_id, unit, position, numerator, denominator, value)
				VALUES (?, ?, ?, ?, ?, ?)`, id, row.Unit.Code, row.Position, row.Value.Numerator, row.Value.Denominator, v); err != nil {
				return err
			}
		}
		stored = true
		return s.bumpVersion(ctx, tx)
	})
	return stored, err
}

// FreezeDue freezes every month up to the one before now's month once
// FreezeAfterDays of the next month have passed, so late data have time
// to arrive; months already frozen are skipped by FreezeMonth itself.
func (s *Store) FreezeDue(ctx context.Context) (int, error) {
	months, err := s.DataMonths(ctx)
	if err != nil {
		return 0, err
	}
	now := s.clock().In(vietnam)
	total := 0
	for _, m := range months {
		t, _ := time.Parse("2006-01", m)
		due := t.AddDate(0, 1, FreezeAfterDays)
		if now.Before(time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, vietnam)) {
			continue
		}
		n, err := s.FreezeMonth(ctx, m)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// FreezeAfterDays is how long after a month ends its ranking is frozen.
const FreezeAfterDays = 5
