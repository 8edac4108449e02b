package targets

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// Span is a run of calendar days in Vietnam, both ends included: a whole
// year, or a year to date.
type Span struct {
	// From and To are dates (midnight UTC, only the date counts).
	From, To time.Time
}

// Measured is a rate indicator's national value over a span, as Loa
// measured it.
type Measured struct {
	// Known is false when nothing was measured for the span: no
	// observation, never a zero.
	Known bool
	// Value is the rate in per cent.
	Value float64
	// Numerator and Denominator are the counts the rate comes from, and
	// Counted names what they count ("hồ sơ"), for the observation's note.
	Numerator, Denominator int64
	Counted                string
}

// MeasureFunc returns the national value of the rate indicator id over
// span. It is how this package reads package measure without importing
// it: the app adapts measure's reports to it.
type MeasureFunc func(ctx context.Context, indicator string, span Span) (Measured, error)

// FirstComputedYear is the first year the sweep asks the measurements
// about. The National Public Service Portal opened on 9 December 2019; no
// national figure of online dossiers predates it.
const FirstComputedYear = 2019

// ComputeSummary says what a sweep changed.
type ComputeSummary struct {
	Added, Updated, Removed, Unchanged int
	// Skipped lists the figures that were measured but are not valid
	// values of their target (a rate over 100%), in Vietnamese.
	Skipped []string
}

// wanted is an observation the sweep should hold.
type wanted struct {
	period       Period
	value        float64
	source, note string
}

// ComputeObservations brings the computed observations up to date: for
// each target bound to an indicator, one for every whole year from
// FirstComputedYear to last year that has data, and one for this year to
// the end of the last complete month (a value at that date), each the
// national value of the indicator rounded to two decimals as published.
//
// A period a person observed keeps the person's value: nothing is computed
// for it, and a computed observation there is removed. A computed
// observation whose figure changed is replaced, one whose data are gone
// (or whose target is no longer bound) is removed, and an unchanged one is
// left alone, so running the sweep again changes nothing. Every change is
// audited as Loa's own ("target.compute").
func (s *Store) ComputeObservations(ctx context.Context, measure MeasureFunc) (ComputeSummary, error) {
	var sum ComputeSummary
	list, err := s.List(ctx)
	if err != nil {
		return sum, err
	}
	all, err := observations(ctx, s.db, ``)
	if err != nil {
		return sum, err
	}
	computedBy := map[string]bool{}
	for _, o := range all {
		if o.Automatic() {
			computedBy[o.TargetKey] = true
		}
	}
	now := s.now().In(vietnam)
	for _, t := range list {
		want := map[string]wanted{}
		if t.Indicator != "" {
			if want, err = s.wantedObservations(ctx, t, now, measure, &sum); err != nil {
				return sum, err
			}
		}
		if len(want) == 0 && !computedBy[t.Key] {
			continue
		}
		if err := s.applyComputed(ctx, t.Key, want, &sum); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// computedPeriods returns the periods the sweep computes at now: every
// whole year from FirstComputedYear to last year, and this year to the
// last day of the last complete month (none in January).
func computedPeriods(now time.Time) []Period {
	var out []Period
	for y := FirstComputedYear; y < now.Year(); y++ {
		out = append(out, YearPeriod(y))
	}
	if now.Month() > time.January {
		end := date(now.Year(), now.Month(), 0) // day 0: the last day of the month before
		out = append(out, Period{Year: end.Year(), Date: end})
	}
	return out
}

// span is what the sweep measures for a computed period: from 1 January
// of its year to its end, a whole year or a year to date.
func span(p Period) Span {
	to := p.Date
	if to.IsZero() {
		to = date(p.Year, 12, 31)
	}
	return Span{From: date(p.Year, 1, 1), To: to}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// wantedObservations computes t's figures, by period.
func (s *Store) wantedObservations(ctx context.Context, t Target, now time.Time, measure MeasureFunc, sum *ComputeSummary) (map[string]wanted, error) {
	want := map[string]wanted{}
	name := s.IndicatorName(t.Indicator)
	for _, p := range computedPeriods(now) {
		m, err := measure(ctx, t.Indicator, span(p))
		if err != nil {
			return nil, fmt.Errorf("targets: compute %s, %s %s: %w", t.Key, t.Indicator, p, err)
		}
		if !m.Known {
			continue
		}
		v := round2(m.Value)
		if msg := t.Unit.check(v); msg != "" {
			sum.Skipped = append(sum.Skipped, fmt.Sprintf("%s, %s: %s (%s)", t.Name, p.Label(), msg, strconv.FormatFloat(v, 'f', -1, 64)))
			continue
		}
		w := wanted{period: p, value: v}
		w.source = fmt.Sprintf("Số liệu đo lường của Loa, chỉ số “%s” (%s), toàn quốc, %s.", name, t.Indicator, spanLabel(p))
		w.note = fmt.Sprintf("Tính từ số liệu đo lường của Loa: %s/%s", vn.GroupThousands(m.Numerator), vn.GroupThousands(m.Denominator))
		if m.Counted != "" {
			w.note += " " + m.Counted
		}
		want[p.String()] = w
	}
	return want, nil
}

// spanLabel says what a computed figure covers, in Vietnamese.
func spanLabel(p Period) string {
	if p.Date.IsZero() {
		return "năm " + strconv.Itoa(p.Year)
	}
	sp := span(p)
	return "từ " + sp.From.Format("02/01/2006") + " đến " + sp.To.Format("02/01/2006")
}

// applyComputed makes key's computed observations exactly want, less the
// periods a person observed, in one transaction.
func (s *Store) applyComputed(ctx context.Context, key string, want map[string]wanted, sum *ComputeSummary) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		// Taking the target's row (a no-op update) serialises sweeps of
		// the same target on PostgreSQL; SQLite has one writer anyway.
		if _, err := tx.Exec(ctx, `UPDATE targets SET version = version WHERE target_key = ?`, key); err != nil {
			return fmt.Errorf("targets: compute %s: %w", key, err)
		}
		rows, err := observations(ctx, tx, `WHERE target_key = ?`, key)
		if err != nil {
			return err
		}
		person := map[string]bool{}
		mine := map[string][]Observation{}
		for _, o := range rows {
			if period := o.Period.String(); o.Automatic() {
				mine[period] = append(mine[period], o)
			} else {
				person[period] = true
			}
		}
		now := s.clock()
		for period, w := range want {
			if person[period] {
				continue // a person's value wins; any computed one goes below
			}
			have := mine[period]
			delete(mine, period)
			if len(have) == 0 {
				if err := s.insertComputed(ctx, tx, key, w, now); err != nil {
					return err
				}
				sum.Added++
				continue
			}
			for _, extra := range have[1:] { // never expected: the unique index forbids it
				if err := s.removeComputed(ctx, tx, key, extra, now); err != nil {
					return err
				}
				sum.Removed++
			}
			if o := have[0]; o.Value == w.value && o.Source == w.source && o.Note == w.note {
				sum.Unchanged++
				continue
			}
			if err := s.updateComputed(ctx, tx, key, have[0], w, now); err != nil {
				return err
			}
			sum.Updated++
		}
		for _, stale := range mine {
			for _, o := range stale {
				if err := s.removeComputed(ctx, tx, key, o, now); err != nil {
					return err
				}
				sum.Removed++
			}
		}
		return nil
	})
}

func (s *Store) insertComputed(ctx context.Context, tx *db.Tx, key string, w wanted, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO target_observations (target_key, period, value, source_kind, source, note,
		created_by_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, w.period.String(), w.value, string(SourceComputed), w.source, w.note, audit.System.ID, audit.System.Name, now)
	if err != nil {
		return fmt.Errorf("targets: compute %s %s: %w", key, w.period, err)
	}
	return s.auditComputed(ctx, tx, key, nil, &w, now)
}

func (s *Store) updateComputed(ctx context.Context, tx *db.Tx, key string, o Observation, w wanted, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE target_observations SET value = ?, source = ?, note = ?, created_at = ? WHERE id = ?`,
		w.value, w.source, w.note, now, o.ID)
	if err != nil {
		return fmt.Errorf("targets: compute %s %s: %w", key, o.Period, err)
	}
	return s.auditComputed(ctx, tx, key, &o, &w, now)
}

func (s *Store) removeComputed(ctx context.Context, tx *db.Tx, key string, o Observation, now time.Time) error {
	if _, err := tx.Exec(ctx, `DELETE FROM target_observations WHERE id = ?`, o.ID); err != nil {
		return fmt.Errorf("targets: compute %s %s: %w", key, o.Period, err)
	}
	return s.auditComputed(ctx, tx, key, &o, nil, now)
}

// auditComputed records a change of a computed observation: before is the
// row replaced or removed, after the figure added or put in its place.
func (s *Store) auditComputed(ctx context.Context, tx *db.Tx, key string, before *Observation, after *wanted, now time.Time) error {
	e := audit.Entry{At: now, Actor: audit.System, Action: "target.compute", ObjectType: "target", ObjectID: key, Agency: auditAgency}
	var err error
	if before != nil {
		if e.Before, err = audit.Snapshot(map[string]any{"period": before.Period.String(), "value": before.Value,
			"source_kind": before.SourceKind, "source": before.Source, "note": before.Note}); err != nil {
			return err
		}
		e.Note = "Bỏ số liệu tự động tính kỳ " + before.Period.String()
	}
	if after != nil {
		if e.After, err = audit.Snapshot(map[string]any{"period": after.period.String(), "value": after.value,
			"source_kind": SourceComputed, "source": after.source, "note": after.note}); err != nil {
			return err
		}
		e.Note = after.note
	}
	return audit.Record(ctx, tx, e)
}

// round2 rounds to two decimals, the precision rates are published at.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
