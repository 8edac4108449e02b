package measure

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Dashboards read the compact tables, which hold events only. Imported
// aggregates are folded in here by the rule Report applies, so that a
// dashboard figure is the figure `loa measure report` gives for the same
// slice: the aggregates that no wider aggregate of the slice covers, plus
// the events that none of them covers.
//
// The events are summed by the database, never read row by row: the sums
// of the slice, minus the sums of the rows the aggregates cover. A line
// that covers whole rows of the table read (a total for all procedures
// over the unit table, a national line over the procedure table) is one
// condition on that table; a line that covers part of its rows (one
// procedure inside a unit's month) is subtracted from the rows of its
// months in measure_area_proc_months (month × province or ministry ×
// procedure), or, for a commune's line or a commune's dashboard, in
// measure_monthly, through its (procedure_code, month) or unit and
// province indexes. The conditions of the lines before it are excluded,
// so a row two lines cover is subtracted once. The usual case — no
// aggregate in the period — is the one query it always was.

// notQuarantinedSQL leaves out the rows of quarantined sources.
const notQuarantinedSQL = " AND source NOT IN (SELECT source FROM measure_sources WHERE quarantined)"

// Tables of event sums a slice may be read from.
const (
	unitMonths = "measure_unit_months" // month × unit, every procedure
	procMonths = "measure_proc_months" // month × procedure, every unit
	monthly    = "measure_monthly"     // month × unit × procedure × channel × level × source
	// areaProcMonths is month × area (a province with its communes, or a
	// ministry) × procedure.
	areaProcMonths = "measure_area_proc_months"
)

// foldSpec is where a slice's event sums come from: a table, the key they
// are grouped by and a scope filter (starting with " AND "), both on
// columns of every table the fold reads, and a range of months
// ("YYYY-MM").
type foldSpec struct {
	table    string
	key      string
	where    string
	args     []any
	from, to string
}

// sumsOf is the SELECT list of a table's counters.
func sumsOf(table string) string {
	if table == monthly {
		return compactSums
	}
	return sumCols
}

// foldedSums returns the event sums of the slice by key, less the events
// aggs cover; aggs are the uncovered aggregates of the same scope. A key
// whose every event an aggregate covers is left out, as in Report: its
// zeros would make counts the aggregates leave unknown look known.
func (s *Store) foldedSums(ctx context.Context, f foldSpec, aggs []aggRow) (map[string]Sums, error) {
	base, err := s.sumRows(ctx, f, f.table, "", nil)
	if err != nil || len(aggs) == 0 {
		return base, err
	}
	var whole, partial []*aggRow
	for i := range aggs {
		a := &aggs[i]
		if _, _, ok := wholeMonths(a.from, a.to); !ok {
			continue // covers no whole month: covers no monthly row
		}
		switch {
		case f.table == unitMonths && a.procedure != AllProcedures,
			f.table == procMonths && a.unit != National:
			partial = append(partial, a)
		default:
			whole = append(whole, a)
		}
	}
	changed := map[string]bool{}
	subtract := func(by map[string]Sums) {
		for k, sm := range by {
			b := base[k]
			b.sub(sm)
			base[k], changed[k] = b, true
		}
	}
	if len(whole) > 0 {
		wholeCond, wholeArgs := anyOf(whole, false)
		covered, err := s.sumRows(ctx, f, f.table, " AND "+wholeCond, wholeArgs)
		if err != nil {
			return nil, err
		}
		subtract(covered)
	}
	for i, a := range partial {
		// Read only the months the line covers: the planner then walks
		// the index over those months, not over the whole period.
		first, last, _ := wholeMonths(a.from, a.to)
		narrow := f
		narrow.from, narrow.to = max(f.from, first), min(f.to, last)
		// The area table serves unless a line in the condition is a
		// commune's, or the slice is a commune's.
		lines := append(append([]*aggRow{a}, partial[:i]...), whole...)
		table := monthly
		area, onArea := onAreas(narrow)
		onArea = onArea && !slices.ContainsFunc(lines, (*aggRow).communeLine)
		if onArea {
			table, narrow = areaProcMonths, area
		}
		cond, args := partialCond(a, whole, partial[:i], onArea)
		covered, err := s.sumRows(ctx, narrow, table, " AND "+cond, args)
		if err != nil {
			return nil, err
		}
		subtract(covered)
	}
	for k := range changed {
		if base[k] == (Sums{}) {
			delete(base, k)
		}
	}
	return base, nil
}

// sumRows sums a table's counters over the slice by key, with an extra
// condition.
func (s *Store) sumRows(ctx context.Context, f foldSpec, table, cond string, condArgs []any) (map[string]Sums, error) {
	q := "SELECT " + f.key + ", " + sumsOf(table) + " FROM " + table + " WHERE month >= ? AND month <= ?" + f.where + cond
	if table == monthly {
		q += notQuarantinedSQL
	}
	q += " GROUP BY " + f.key
	args := append(append([]any{f.from, f.to}, f.args...), condArgs...)
	by, err := s.sumsBy(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("measure: sums of %s: %w", table, err)
	}
	return by, nil
}

// partialCond is the condition for the rows partial line a covers that
// neither a whole line nor an earlier partial one does, on
// measure_monthly or, when onArea, on measure_area_proc_months.
func partialCond(a *aggRow, whole, before []*aggRow, onArea bool) (string, []any) {
	cond, args := coverCond(a, onArea)
	for _, others := range [][]*aggRow{whole, before} {
		if len(others) > 0 {
			c, as := anyOf(others, onArea)
			cond, args = cond+" AND NOT "+c, append(args, as...)
		}
	}
	return cond, args
}

// communeLine reports whether a is a commune's line, which
// measure_area_proc_months cannot tell from its province's.
func (a *aggRow) communeLine() bool {
	return a.unit != National && a.province != "" && a.unit != a.province
}

// coverCond is the condition on the month, unit, province and procedure
// columns for the rows aggregate a covers: the months wholly inside its
// period, its unit (a province with its communes, the whole nation) and
// its procedure. On measure_area_proc_months (onArea), which has no unit
// column, a ministry is its area; a commune's line is not for that table.
func coverCond(a *aggRow, onArea bool) (string, []any) {
	first, last, _ := wholeMonths(a.from, a.to)
	cond, args := "month >= ? AND month <= ?", []any{first, last}
	switch {
	case a.unit == National:
	case a.unit == a.province && a.province != "":
		cond, args = cond+" AND province = ?", append(args, a.province)
	case onArea:
		cond, args = cond+" AND province = '' AND area = ?", append(args, a.unit)
	default:
		cond, args = cond+" AND unit = ?", append(args, a.unit)
	}
	if a.procedure != AllProcedures {
		cond, args = cond+" AND procedure_code = ?", append(args, a.procedure)
	}
	return cond, args
}

// anyOf is the condition for the rows any of aggs covers (see coverCond).
func anyOf(aggs []*aggRow, onArea bool) (string, []any) {
	parts := make([]string, len(aggs))
	var args []any
	for i, a := range aggs {
		c, as := coverCond(a, onArea)
		parts[i], args = "("+c+")", append(args, as...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// onAreas returns f as a read of measure_area_proc_months, which has the
// month, province and procedure columns but no unit: ok is false for a
// scope or key it cannot express (a commune, a unit's own rows). The
// ministries' key, the unit, is their area.
func onAreas(f foldSpec) (foldSpec, bool) {
	switch f.where {
	case "", " AND province <> ''", " AND province = ''", " AND province = ?":
	default:
		return f, false
	}
	switch f.key {
	case "month", "province", "procedure_code":
	case "unit":
		if f.where != " AND province = ''" {
			return f, false
		}
		f.key = "area"
	default:
		return f, false
	}
	return f, true
}

// sub subtracts o, never below zero: the compact tables are rebuilt every
// few minutes, so rows read from measure_monthly may hold events a
// compact row does not have yet.
func (a *Sums) sub(o Sums) {
	for i := range a {
		a[i] = max(a[i]-o[i], 0)
	}
}

// monthBounds are the first and last day of a month ("YYYY-MM").
func monthBounds(month string) (from, to string) {
	m, _ := time.Parse("2006-01", month)
	return m.Format(time.DateOnly), m.AddDate(0, 1, -1).Format(time.DateOnly)
}

// wholeMonths returns the first and last month lying wholly within the
// days from–to; ok is false when there is none.
func wholeMonths(from, to string) (first, last string, ok bool) {
	f, t := day(from), day(to)
	if f.Day() != 1 {
		f = time.Date(f.Year(), f.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.AddDate(0, 0, 1).Day() != 1 {
		t = time.Date(t.Year(), t.Month(), 0, 0, 0, 0, 0, time.UTC)
	}
	if t.Before(f) {
		return "", "", false
	}
	return f.Format("2006-01"), t.Format("2006-01"), true
}

// within keeps the aggregates whose period lies within p.
func within(aggs []aggRow, p Period) []aggRow {
	var out []aggRow
	for _, a := range aggs {
		if a.from >= p.From && a.to <= p.To {
			out = append(out, a)
		}
	}
	return out
}
