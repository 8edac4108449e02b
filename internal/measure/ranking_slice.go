package measure

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/loa-vn/loa/internal/units"
)

// Slices of the compact tables for dashboards: a unit's sums over a
// period, its months, and its procedures.

// unitWhere filters the compact unit table to a unit: the nation (all
// rows), a province with its communes, or one ministry or commune.
func (s *Store) unitWhere(unit string) (string, []any, error) {
	if unit == "" || unit == National {
		return "", nil, nil
	}
	u, ok := s.dir.Load().Unit(unit)
	if !ok {
		return "", nil, fmt.Errorf("%w %q", ErrUnknownUnit, unit)
	}
	if u.Kind == units.AgencyProvince {
		return " AND province = ?", []any{u.Code}, nil
	}
	return " AND unit = ?", []any{u.Code}, nil
}

// SliceSums returns the unit's sums over a month-aligned period.
func (s *Store) SliceSums(ctx context.Context, p Period, unit string) (Sums, error) {
	from, to, err := monthRange(p)
	if err != nil {
		return Sums{}, err
	}
	where, args, err := s.unitWhere(unit)
	if err != nil {
		return Sums{}, err
	}
	row := s.db.QueryRow(ctx, "SELECT "+sumCols+" FROM measure_unit_months WHERE month >= ? AND month <= ?"+where,
		append([]any{from, to}, args...)...)
	sm, err := scanSums(row.Scan)
	if err != nil {
		return Sums{}, fmt.Errorf("measure: slice sums %s %s: %w", p.Label, unit, err)
	}
	return sm, nil
}

// MonthSums are one month's sums.
type MonthSums struct {
	Month string
	Sums  Sums
}

// MonthlySums returns the unit's sums month by month over a period, every
// month present (zero when nothing was counted).
func (s *Store) MonthlySums(ctx context.Context, p Period, unit string) ([]MonthSums, error) {
	from, to, err := monthRange(p)
	if err != nil {
		return nil, err
	}
	where, args, err := s.unitWhere(unit)
	if err != nil {
		return nil, err
	}
	by, err := s.sumsBy(ctx, "SELECT month, "+sumCols+" FROM measure_unit_months WHERE month >= ? AND month <= ?"+where+" GROUP BY month",
		append([]any{from, to}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("measure: monthly sums %s %s: %w", p.Label, unit, err)
	}
	var out []MonthSums
	for m := day(p.From); m.Format("2006-01") <= to; m = m.AddDate(0, 1, 0) {
		k := m.Format("2006-01")
		out = append(out, MonthSums{Month: k, Sums: by[k]})
	}
	return out, nil
}

// ProcSums are one procedure's sums.
type ProcSums struct {
	Procedure Procedure
	Sums      Sums
}

// ProcedureSums returns the unit's procedures over a period, the most
// received first (ties by code), at most limit of them (0: all). The
// nation reads the compact procedure table; a unit reads its own rows of
// measure_monthly, quarantined sources left out.
func (s *Store) ProcedureSums(ctx context.Context, p Period, unit string, limit int) ([]ProcSums, error) {
	from, to, err := monthRange(p)
	if err != nil {
		return nil, err
	}
	var by map[string]Sums
	if unit == "" || unit == National {
		by, err = s.sumsBy(ctx, "SELECT procedure_code, "+sumCols+" FROM measure_proc_months WHERE month >= ? AND month <= ? GROUP BY procedure_code", from, to)
	} else {
		where, args, werr := s.unitWhere(unit)
		if werr != nil {
			return nil, werr
		}
		by, err = s.sumsBy(ctx, "SELECT procedure_code, "+compactSums+" FROM measure_monthly WHERE month >= ? AND month <= ?"+where+
			" AND source NOT IN (SELECT source FROM measure_sources WHERE quarantined) GROUP BY procedure_code",
			append([]any{from, to}, args...)...)
	}
	if err != nil {
		return nil, fmt.Errorf("measure: procedure sums %s %s: %w", p.Label, unit, err)
	}
	out := make([]ProcSums, 0, len(by))
	for code, sm := range by {
		pr, ok := s.procs(code)
		if !ok {
			pr = Procedure{Code: code}
		}
		out = append(out, ProcSums{Procedure: pr, Sums: sm})
	}
	slices.SortFunc(out, func(a, b ProcSums) int {
		return cmp.Or(-cmp.Compare(a.Sums[cReceived], b.Sums[cReceived]), cmp.Compare(a.Procedure.Key(), b.Procedure.Key()))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
