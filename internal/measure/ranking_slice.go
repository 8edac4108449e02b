package measure

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/loa-vn/loa/internal/units"
)

// Slices of the compact tables for dashboards: a unit's report over a
// period, its months, and its procedures, with imported aggregates folded
// in (fold.go) so that each figure is the one Report gives for the same
// slice.

// unitWhere filters the compact unit table, measure_monthly and
// measure_aggregates to a unit: the nation (all rows), a province with its
// communes, or one ministry or commune.
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

// SliceReport is Report for a unit over a month-aligned period, read from
// the compact tables: the dashboards' headline.
func (s *Store) SliceReport(ctx context.Context, p Period, unit string) (*Report, error) {
	f, err := s.sliceFigures(ctx, p, unit)
	if err != nil {
		return nil, fmt.Errorf("measure: slice %s %s: %w", p.Label, unit, err)
	}
	params, err := s.ParamVersions(ctx)
	if err != nil {
		return nil, err
	}
	if unit == "" {
		unit = National
	}
	return compute(Slice{Period: p, Unit: unit}, f.parts, paramSet(params)), nil
}

// sliceFigures are a unit's figures over a period, month by month so that
// each month meets its parameter version.
func (s *Store) sliceFigures(ctx context.Context, p Period, unit string) (Figures, error) {
	var f Figures
	from, to, err := monthRange(p)
	if err != nil {
		return f, err
	}
	where, args, err := s.unitWhere(unit)
	if err != nil {
		return f, err
	}
	aggs, err := s.aggregateRows(ctx, p, where, args)
	if err != nil {
		return f, err
	}
	by, err := s.foldedSums(ctx, foldSpec{table: unitMonths, key: "month", where: where, args: args, from: from, to: to}, aggs)
	if err != nil {
		return f, err
	}
	for m, sm := range by {
		f.addEvents(m+"-01", sm)
	}
	for i := range aggs {
		f.addAggregate(&aggs[i])
	}
	return f, nil
}

// MonthFigures are one month's figures.
type MonthFigures struct {
	Month   string
	Figures Figures
}

// MonthlyFigures returns the unit's figures month by month over a period,
// every month present (empty when nothing was counted). A month holds the
// aggregates for that month or a day in it; a year's line belongs to no
// month and shows in the year's report only.
func (s *Store) MonthlyFigures(ctx context.Context, p Period, unit string) ([]MonthFigures, error) {
	from, to, err := monthRange(p)
	if err != nil {
		return nil, err
	}
	where, args, err := s.unitWhere(unit)
	if err != nil {
		return nil, err
	}
	months := p.monthKeys()
	by := figuresBy{}
	all, err := s.loadAggregates(ctx, p, where, args)
	if err != nil {
		return nil, err
	}
	spec := foldSpec{table: unitMonths, key: "month", where: where, args: args, from: from, to: to}
	sums, err := s.foldedSums(ctx, spec, nil)
	if err != nil {
		return nil, fmt.Errorf("measure: monthly figures %s %s: %w", p.Label, unit, err)
	}
	// A month with aggregates of its own is folded on its own: a year's
	// line belongs to no month.
	for _, m := range months {
		first, last := monthBounds(m)
		aggs := keepUncovered(within(all, Period{From: first, To: last}))
		if len(aggs) == 0 {
			continue
		}
		spec.from, spec.to = m, m
		folded, err := s.foldedSums(ctx, spec, aggs)
		if err != nil {
			return nil, fmt.Errorf("measure: monthly figures %s %s: %w", p.Label, unit, err)
		}
		delete(sums, m)
		if sm, ok := folded[m]; ok {
			sums[m] = sm
		}
		for i := range aggs {
			by.of(m).addAggregate(&aggs[i])
		}
	}
	for m, sm := range sums {
		by.of(m).addEvents(m+"-01", sm)
	}
	out := make([]MonthFigures, len(months))
	for i, m := range months {
		out[i] = MonthFigures{Month: m, Figures: *by.of(m)}
	}
	return out, nil
}

// ProcFigures are one procedure's figures.
type ProcFigures struct {
	Procedure Procedure
	Figures   Figures
}

// ProcedureFigures returns the unit's procedures over a period, the most
// received first (ties by code), at most limit of them (0: all). The
// nation reads the compact procedure table; a unit reads its own rows of
// measure_monthly, quarantined sources left out. A procedure's figures
// hold the aggregates for that procedure, not those for all procedures,
// as Report does for a slice on one procedure.
func (s *Store) ProcedureFigures(ctx context.Context, p Period, unit string, limit int) ([]ProcFigures, error) {
	from, to, err := monthRange(p)
	if err != nil {
		return nil, err
	}
	where, args, err := s.unitWhere(unit)
	if err != nil {
		return nil, err
	}
	all, err := s.loadAggregates(ctx, p, where, args)
	if err != nil {
		return nil, err
	}
	var single []aggRow
	for _, a := range all {
		if a.procedure != AllProcedures {
			single = append(single, a)
		}
	}
	aggs := keepUncovered(single)
	national := unit == "" || unit == National
	by := figuresBy{}
	spec := foldSpec{table: monthly, key: "procedure_code", where: where, args: args, from: from, to: to}
	if national {
		spec.table = procMonths
	}
	sums, err := s.foldedSums(ctx, spec, aggs)
	if err != nil {
		return nil, fmt.Errorf("measure: procedure figures %s %s: %w", p.Label, unit, err)
	}
	for code, sm := range sums {
		by.of(code).addEvents(p.From, sm)
	}
	for i := range aggs {
		by.of(aggs[i].procedure).addAggregate(&aggs[i])
	}
	out := make([]ProcFigures, 0, len(by))
	for code, f := range by {
		pr, ok := s.procs(code)
		if !ok {
			pr = Procedure{Code: code}
		}
		out = append(out, ProcFigures{Procedure: pr, Figures: *f})
	}
	received := func(x ProcFigures) int64 { return x.Figures.Count("received_total").N }
	slices.SortFunc(out, func(a, b ProcFigures) int {
		return cmp.Or(-cmp.Compare(received(a), received(b)), cmp.Compare(a.Procedure.Key(), b.Procedure.Key()))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
