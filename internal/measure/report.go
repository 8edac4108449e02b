package measure

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Slice is what a report is about: a period, a unit ("VN" for the whole
// country, a ministry, a province with its communes, or a commune) and a
// procedure (code or slug; "" or "*" for all).
type Slice struct {
	Period    Period
	Unit      string
	Procedure string
}

// Value is one indicator's figure for a slice.
type Value struct {
	Indicator Indicator
	// Numerator and Denominator are the sums the figure comes from (for
	// hours and value, Numerator is the online dossiers counted).
	Numerator, Denominator int64
	// Known is false when there is nothing to compute from (a zero or
	// unknown denominator): shown as "n/a", never as 0.
	Known bool
	// Value is a percentage for rates, hours or đồng otherwise.
	Value float64
}

// Report is the indicators of a slice.
type Report struct {
	Slice Slice
	// Counts are the sums of each counter over the rows where it is known;
	// Known false when no row knows it.
	Counts          map[string]Count
	Values          []Value
	RegistryVersion int
}

// Value returns the figure of indicator id.
func (r *Report) Value(id string) (Value, bool) {
	for _, v := range r.Values {
		if v.Indicator.ID == id {
			return v, true
		}
	}
	return Value{}, false
}

// ErrUnknownUnit is returned for a report on a unit nobody knows.
var ErrUnknownUnit = errors.New("measure: report: unknown unit")

// tally is one row's counters in a report: from an aggregate (some
// unknown) or from event rollups (all known).
type tally struct {
	// start is the first day of the row, for the parameter version.
	start string
	v     [nCounters]int64
	known [nCounters]bool
	// events marks sums of event rollups (every counter known).
	events bool
}

// reportRow is a row that may cover others (see covers).
type reportRow struct {
	from, to                  string
	unit, province, procedure string
}

// covers reports whether a is a total that includes b: its period
// contains b's, its unit is the nation, b's unit or b's province, and its
// procedure is all procedures or b's. A total for a wider slice
// supersedes the parts it covers, so the national total for 2023 is not
// added to the ministries' figures that it already contains.
func (a *reportRow) covers(b *reportRow) bool {
	if a.from > b.from || b.to > a.to {
		return false
	}
	unitOK := a.unit == National || a.unit == b.unit || (a.unit == a.province && a.province != "" && a.province == b.province)
	return unitOK && (a.procedure == AllProcedures || a.procedure == b.procedure)
}

// Report computes the indicators of a slice: aggregates within the period
// that no wider aggregate covers, plus event rollups that no selected
// aggregate covers, with quarantined sources left out.
func (s *Store) Report(ctx context.Context, sl Slice) (*Report, error) {
	unitWhere, unitArgs, err := s.unitWhere(sl.Unit)
	if err != nil {
		return nil, err
	}
	procWhere, procArgs := s.procedureFilter(sl.Procedure)
	aggs, err := s.aggregateRows(ctx, sl.Period, unitWhere+procWhere, append(unitArgs, procArgs...))
	if err != nil {
		return nil, err
	}
	events, err := s.eventRows(ctx, sl.Period, unitWhere+procWhere, append(unitArgs, procArgs...), aggs)
	if err != nil {
		return nil, err
	}
	params, err := s.ParamVersions(ctx)
	if err != nil {
		return nil, err
	}
	tallies := make([]tally, 0, len(aggs)+len(events))
	for _, a := range aggs {
		tallies = append(tallies, a.tally)
	}
	tallies = append(tallies, events...)
	return compute(sl, tallies, paramSet(params)), nil
}

// procedureFilter matches a procedure by every name it may be stored
// under: its code, and its slug in case it was counted before the
// catalogue knew its code.
func (s *Store) procedureFilter(proc string) (string, []any) {
	if proc == "" || proc == AllProcedures {
		return "", nil
	}
	names := []any{proc}
	if p, ok := s.procs(proc); ok {
		for _, n := range []string{p.Key(), p.Code, p.Slug} {
			if n != "" && n != proc {
				names = append(names, n)
			}
		}
	}
	return " AND procedure_code IN (?" + strings.Repeat(", ?", len(names)-1) + ")", names
}

// aggRow is an aggregate selected for a report.
type aggRow struct {
	reportRow
	tally
}

// aggregateRows returns the aggregates within the period that no other
// of them covers: the lines a report on that slice adds up.
func (s *Store) aggregateRows(ctx context.Context, p Period, where string, args []any) ([]aggRow, error) {
	all, err := s.loadAggregates(ctx, p, where, args)
	if err != nil {
		return nil, err
	}
	return keepUncovered(all), nil
}

// loadAggregates returns every aggregate within the period, quarantined
// ones left out.
func (s *Store) loadAggregates(ctx context.Context, p Period, where string, args []any) ([]aggRow, error) {
	rows, err := s.db.Query(ctx, `SELECT period_start, period_end, unit, province, procedure_code,
		received_total, received_online, received_fully_online, resolved_total, resolved_on_time, paid_online
		FROM measure_aggregates WHERE period_start >= ? AND period_end <= ? AND NOT quarantined`+where,
		append([]any{p.From, p.To}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("measure: aggregates %s: %w", p.Label, err)
	}
	defer rows.Close()
	var all []aggRow
	for rows.Next() {
		var a aggRow
		var rt, ro, rf, res, ot, paid nullInt
		if err := rows.Scan(&a.from, &a.to, &a.unit, &a.province, &a.procedure, &rt, &ro, &rf, &res, &ot, &paid); err != nil {
			return nil, fmt.Errorf("measure: aggregates %s: %w", p.Label, err)
		}
		a.start = a.from
		a.set(cReceived, rt)
		a.set(cReceivedOnline, ro)
		a.set(cReceivedFullyOnline, rf)
		a.set(cResolved, res)
		a.set(cResolvedOnTime, ot)
		if ot.Valid {
			a.set(cResolvedDueKnown, res)
		}
		a.set(cPaidOnline, paid)
		all = append(all, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measure: aggregates %s: %w", p.Label, err)
	}
	return all, nil
}

// keepUncovered keeps the aggregates no other of them covers. Candidates
// that could cover a row share its procedure or are for all, and its unit,
// its province or the nation: index by those to stay near-linear.
func keepUncovered(all []aggRow) []aggRow {
	byKey := map[[2]string][]int{}
	for i := range all {
		byKey[[2]string{all[i].unit, all[i].procedure}] = append(byKey[[2]string{all[i].unit, all[i].procedure}], i)
	}
	var kept []aggRow
	for i := range all {
		b := &all[i]
		covered := false
		for _, u := range []string{National, b.province, b.unit} {
			for _, pr := range []string{AllProcedures, b.procedure} {
				for _, j := range byKey[[2]string{u, pr}] {
					if j != i && all[j].covers(&b.reportRow) {
						covered = true
					}
				}
			}
		}
		if !covered {
			kept = append(kept, *b)
		}
	}
	return kept
}

func (t *tally) set(c counter, n nullInt) {
	if n.Valid {
		t.v[c], t.known[c] = n.Int64, true
	}
}

// eventRows sums the event rollups of the period, from the monthly table
// when the period is whole months. Rows covered by a selected aggregate
// are left out (see covers).
func (s *Store) eventRows(ctx context.Context, p Period, where string, args []any, aggs []aggRow) ([]tally, error) {
	table, col, from, to := "measure_daily", "day", p.From, p.To
	if p.monthAligned() {
		table, col, from, to = "measure_monthly", "month", p.From[:7], p.To[:7]
	}
	group := col
	if len(aggs) > 0 {
		group = col + ", unit, province, procedure_code"
	}
	q := "SELECT " + group + ", " + compactSums + " FROM " + table + " WHERE " + col + " >= ? AND " + col + " <= ?" +
		notQuarantinedSQL + where +
		" GROUP BY " + group
	rows, err := s.db.Query(ctx, q, append([]any{from, to}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("measure: report: rollups: %w", err)
	}
	defer rows.Close()
	var out []tally
	for rows.Next() {
		t := eventTally("", Sums{})
		var r reportRow
		dest := []any{&t.start}
		if len(aggs) > 0 {
			dest = append(dest, &r.unit, &r.province, &r.procedure)
		}
		for c := range nCounters {
			dest = append(dest, &t.v[c])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("measure: report: rollups: %w", err)
		}
		r.from, r.to = t.start, t.start
		if col == "month" {
			r.from, r.to = monthBounds(t.start)
			t.start = r.from
		}
		if coveredBy(aggs, &r) {
			continue
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measure: report: rollups: %w", err)
	}
	return out, nil
}

func coveredBy(aggs []aggRow, r *reportRow) bool {
	for i := range aggs {
		if aggs[i].covers(r) {
			return true
		}
	}
	return false
}

// compute turns the rows of a slice into counts and indicator values.
func compute(sl Slice, rows []tally, params paramSet) *Report {
	rep := &Report{Slice: sl, Counts: map[string]Count{}, RegistryVersion: RegistryVersion}
	var total [nCounters]Count
	for _, t := range rows {
		for c := range nCounters {
			if t.known[c] {
				total[c].N += t.v[c]
				total[c].Known = true
			}
		}
	}
	for c := range nCounters {
		rep.Counts[counterNames[c]] = total[c]
	}
	for _, ind := range registry {
		num, _ := counterByName(ind.Numerator)
		v := Value{Indicator: ind}
		switch ind.Kind {
		case KindRate:
			v = rate(ind, rows)
		case KindHours, KindValue:
			// Integer arithmetic in minutes and đồng·minutes/hour, divided
			// once at the end, so rounding never depends on row order.
			var minutes, vndMinutes int64
			for _, t := range rows {
				p, ok := params.at(t.start)
				if !t.known[num] || !ok {
					continue
				}
				v.Known = true
				v.Numerator += t.v[num]
				minutes += t.v[num] * p.MinutesPerDossier
				vndMinutes += t.v[num] * p.MinutesPerDossier * p.VNDPerHour
			}
			if ind.Kind == KindHours {
				v.Value = float64(minutes) / 60
			} else {
				v.Value = math.Round(float64(vndMinutes) / 60)
			}
		}
		rep.Values = append(rep.Values, v)
	}
	return rep
}

// rate computes a rate indicator over rows: numerator and denominator
// summed over the rows that know both, so a line that knows only the
// total never dilutes the rate. Known is false on a zero base.
func rate(ind Indicator, rows []tally) Value {
	v := Value{Indicator: ind}
	num, _ := counterByName(ind.Numerator)
	den, _ := counterByName(ind.Denominator)
	for _, t := range rows {
		if t.known[num] && t.known[den] {
			v.Numerator += t.v[num]
			v.Denominator += t.v[den]
		}
	}
	if v.Denominator > 0 {
		v.Known, v.Value = true, 100*float64(v.Numerator)/float64(v.Denominator)
	}
	return v
}
