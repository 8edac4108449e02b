package app

import (
	"context"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/targets"
)

// rateIndicators are the measured rates a programme target may be bound
// to: measure's rate indicators, whose values are percentages like the
// targets they feed.
func rateIndicators() []targets.IndicatorRef {
	var out []targets.IndicatorRef
	for _, ind := range measure.RateIndicators() {
		out = append(out, targets.IndicatorRef{ID: ind.ID, Name: ind.Name})
	}
	return out
}

// counted names what the denominators of the rate indicators count, for
// the note of a computed observation ("18.240.000/47.624.021 hồ sơ").
var counted = map[string]string{
	"received_total": "hồ sơ", "received_online": "hồ sơ", "resolved_due_known": "hồ sơ", "ratings": "lượt đánh giá",
}

// measuredRate adapts measure's reports to targets.MeasureFunc: the
// national value of a rate indicator over a span of days. The targets
// package cannot import measure (domain packages do not depend on each
// other), so the wiring is here.
func (a *App) measuredRate(ctx context.Context, id string, sp targets.Span) (targets.Measured, error) {
	label := sp.From.Format(time.DateOnly) + ".." + sp.To.Format(time.DateOnly)
	if y := sp.From.Year(); sp.From.YearDay() == 1 && sp.To.Year() == y && sp.To.Month() == time.December && sp.To.Day() == 31 {
		label = sp.From.Format("2006") // a whole year, as reports name it
	}
	p, err := measure.ParsePeriod(label)
	if err != nil {
		return targets.Measured{}, fmt.Errorf("app: measured rate %s: %w", id, err)
	}
	// A span the data do not cover month by month (a year whose data
	// start in November) is no observation of it.
	if covered, err := a.Measure.Covered(ctx, p); err != nil || !covered {
		return targets.Measured{}, err
	}
	rep, err := a.Measure.Report(ctx, measure.Slice{Period: p, Unit: measure.National})
	if err != nil {
		return targets.Measured{}, fmt.Errorf("app: measured rate %s %s: %w", id, label, err)
	}
	v, ok := rep.Value(id)
	if !ok || v.Indicator.Kind != measure.KindRate {
		return targets.Measured{}, fmt.Errorf("app: measured rate %s: not a rate indicator", id)
	}
	if !v.Known {
		return targets.Measured{}, nil
	}
	return targets.Measured{Known: true, Value: v.Value, Numerator: v.Numerator, Denominator: v.Denominator,
		Counted: counted[v.Indicator.Denominator]}, nil
}

// ComputeTargets runs the targets' compute sweep now, as the background
// job does every hour: after an import, say, or in tests.
func (a *App) ComputeTargets(ctx context.Context) (targets.ComputeSummary, error) {
	return a.Targets.ComputeObservations(ctx, a.measuredRate)
}
