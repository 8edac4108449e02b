package measure

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Dashboards read the compact tables, which hold events only. Imported
// aggregates are folded in here by the rule Report applies, so that a
// dashboard figure is the figure `loa measure report` gives for the same
// slice: the aggregates that no wider aggregate of the slice covers, plus
// the events that none of them covers. Aggregates are few — a line per
// unit, period and procedure — so the usual case, no aggregate in the
// period, costs one indexed lookup; otherwise the work is done in Go on
// the compact rows and on the few event rows an aggregate covers in part.

// notQuarantinedSQL leaves out the rows of quarantined sources.
const notQuarantinedSQL = " AND source NOT IN (SELECT source FROM measure_sources WHERE quarantined)"

// cellKind says what a cell of event sums spans.
type cellKind int

const (
	// unitCells are one unit's month, all procedures (measure_unit_months).
	unitCells cellKind = iota
	// procCells are one procedure's month, all units (measure_proc_months).
	procCells
	// fineCells are one unit's month of one procedure (measure_monthly).
	fineCells
)

// cell is a month of event sums. Its reportRow spans the month, with
// unit and province empty for procCells and procedure empty for
// unitCells: covers then says whether an aggregate covers the whole cell.
type cell struct {
	reportRow
	month string
	sums  Sums
}

// newCell makes the cell of a month ("YYYY-MM").
func newCell(month, unit, province, procedure string, sm Sums) cell {
	from, to := monthBounds(month)
	return cell{reportRow: reportRow{from: from, to: to, unit: unit, province: province, procedure: procedure}, month: month, sums: sm}
}

// monthBounds are the first and last day of a month ("YYYY-MM").
func monthBounds(month string) (from, to string) {
	m, _ := time.Parse("2006-01", month)
	return m.Format(time.DateOnly), m.AddDate(0, 1, -1).Format(time.DateOnly)
}

// key identifies the cell that holds an event row of kind k.
func (k cellKind) key(month, unit, procedure string) string {
	switch k {
	case unitCells:
		return month + "\x00" + unit
	case procCells:
		return month + "\x00" + procedure
	}
	return month + "\x00" + unit + "\x00" + procedure
}

// partial reports whether aggregate a may cover some but not all event
// rows of a cell of kind k, so that those rows must be read one by one:
// a line for one procedure inside a unit's month, or a line for one unit
// inside a procedure's month. Fine cells are decided whole by covers.
func (k cellKind) partial(a *aggRow) bool {
	switch k {
	case unitCells:
		return a.procedure != AllProcedures
	case procCells:
		return a.unit != National
	}
	return false
}

// foldAggregates applies aggs — the uncovered aggregates of the same
// scope as the cells — to cells of kind k: a cell an aggregate covers
// whole is dropped, and from the others the event rows an aggregate
// covers in part are subtracted, each row once.
func (s *Store) foldAggregates(ctx context.Context, k cellKind, cells []cell, aggs []aggRow) ([]cell, error) {
	if len(aggs) == 0 {
		return cells, nil
	}
	kept := make([]cell, 0, len(cells))
	at := map[string]int{}
	for _, c := range cells {
		if coveredBy(aggs, &c.reportRow) {
			continue
		}
		at[k.key(c.month, c.unit, c.procedure)] = len(kept)
		kept = append(kept, c)
	}
	done := map[string]bool{}
	emptied := map[int]bool{}
	for i := range aggs {
		a := &aggs[i]
		if !k.partial(a) {
			continue
		}
		rows, err := s.coveredRows(ctx, a)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			fine := fineCells.key(r.month, r.unit, r.procedure)
			j, ok := at[k.key(r.month, r.unit, r.procedure)]
			if done[fine] || !ok {
				continue // counted once; or its cell is gone, covered whole
			}
			done[fine] = true
			kept[j].sums.sub(r.sums)
			emptied[j] = kept[j].sums == Sums{}
		}
	}
	// A cell whose every event an aggregate covers is gone, as in Report:
	// its zeros would make counts the aggregate leaves unknown look known.
	out := kept[:0]
	for j, c := range kept {
		if !emptied[j] {
			out = append(out, c)
		}
	}
	return out, nil
}

// sub subtracts o, never below zero: the compact tables are rebuilt every
// few minutes, so rows read from measure_monthly may hold events a
// compact row does not have yet.
func (a *Sums) sub(o Sums) {
	for i := range a {
		a[i] = max(a[i]-o[i], 0)
	}
}

// coveredRows reads the event rows, by month, unit and procedure, that
// aggregate a covers: the months wholly inside its period, its unit (a
// province with its communes, the whole nation) and its procedure.
func (s *Store) coveredRows(ctx context.Context, a *aggRow) ([]cell, error) {
	first, last, ok := wholeMonths(a.from, a.to)
	if !ok {
		return nil, nil
	}
	where, args := "", []any{first, last}
	if a.procedure != AllProcedures {
		where, args = " AND procedure_code = ?", append(args, a.procedure)
	}
	switch {
	case a.unit == National:
	case a.unit == a.province && a.province != "":
		where, args = where+" AND province = ?", append(args, a.province)
	default:
		where, args = where+" AND unit = ?", append(args, a.unit)
	}
	out, err := s.readFine(ctx, where, args)
	if err != nil {
		return nil, fmt.Errorf("measure: rows covered by the aggregate %s %s %s: %w", a.unit, a.procedure, a.from, err)
	}
	return out, nil
}

// readFine reads measure_monthly by month, unit and procedure between the
// months in args[0] and args[1], with the extra filter where.
func (s *Store) readFine(ctx context.Context, where string, args []any) ([]cell, error) {
	return s.readCells(ctx, "SELECT month, unit, MAX(province), procedure_code, "+compactSums+
		" FROM measure_monthly WHERE month >= ? AND month <= ?"+where+notQuarantinedSQL+
		" GROUP BY month, unit, procedure_code", args)
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

// unitCellsOf reads measure_unit_months between two months ("YYYY-MM")
// with the extra filter where.
func (s *Store) unitCellsOf(ctx context.Context, from, to, where string, args []any) ([]cell, error) {
	return s.readCells(ctx, "SELECT month, unit, province, '', "+strings.Join(compactCols, ", ")+
		" FROM measure_unit_months WHERE month >= ? AND month <= ?"+where, append([]any{from, to}, args...))
}

// procCellsOf reads measure_proc_months between two months.
func (s *Store) procCellsOf(ctx context.Context, from, to string) ([]cell, error) {
	return s.readCells(ctx, "SELECT month, '', '', procedure_code, "+strings.Join(compactCols, ", ")+
		" FROM measure_proc_months WHERE month >= ? AND month <= ?", []any{from, to})
}

// readCells runs a query giving month, unit, province, procedure and the
// counters.
func (s *Store) readCells(ctx context.Context, q string, args []any) ([]cell, error) {
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cell
	for rows.Next() {
		var month, unit, province, proc string
		sm, err := scanSums(rows.Scan, &month, &unit, &province, &proc)
		if err != nil {
			return nil, err
		}
		out = append(out, newCell(month, unit, province, proc, sm))
	}
	return out, rows.Err()
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
