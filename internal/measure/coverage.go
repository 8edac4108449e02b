package measure

import (
	"context"
	"fmt"
	"slices"
)

// Covered reports whether every month of a month-aligned period has
// national figures: event rollups in that month, or a national total for
// all procedures whose period holds the month and lies within p. A year
// whose data start in November is not a year's figure; programme targets
// take only covered years as observations, so a rate drawn from two
// months is never published as the year's.
func (s *Store) Covered(ctx context.Context, p Period) (bool, error) {
	from, to, err := monthRange(p)
	if err != nil {
		return false, err
	}
	months, err := s.strings(ctx, "SELECT DISTINCT month FROM measure_unit_months WHERE month >= ? AND month <= ?", from, to)
	if err != nil {
		return false, fmt.Errorf("measure: covered %s: %w", p.Label, err)
	}
	have := map[string]bool{}
	for _, m := range months {
		have[m] = true
	}
	aggs, err := s.loadAggregates(ctx, p, " AND unit = ? AND procedure_code = ?", []any{National, AllProcedures})
	if err != nil {
		return false, err
	}
	for _, m := range p.monthKeys() {
		first, last := monthBounds(m)
		if !have[m] && !slices.ContainsFunc(aggs, func(a aggRow) bool { return a.from <= first && a.to >= last }) {
			return false, nil
		}
	}
	return true, nil
}
