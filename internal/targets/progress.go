package targets

import (
	"math"
	"time"
)

// The progress method is Open SDG's, as implemented in sdg-build
// (github.com/open-sdg/sdg-build, sdg/ProgressMeasure.py) and documented in
// open-sdg/open-sdg docs/progress-methodology.md. It was developed by
// Statistics Canada from Eurostat's method, in the family of the UN
// Statistics Division's SDG Progress Chart: growth is compared as compound
// annual growth rates (CAGR),
//
//	CAGR(y0→y1) = (y1 / y0)^(1 / (t1 − t0)) − 1
//
// With a target value yT for year tT the measure is the ratio of the
// observed growth to the growth required to reach the target on time,
//
//	R = s · d · CAGR(y0→yi) / |CAGR(y0→yT)|
//
// where d is +1 when higher is better and −1 when lower is better, and s
// is −1 when the baseline is negative (so that growth in magnitude reads
// the right way). Taking |required| rather than required keeps the sign of
// R meaning "moving the desired way" even when the baseline already beats
// the target. A target met by the latest value is on track whatever R is.
// Without a target value the measure is s · d · CAGR itself, compared with
// fixed growth thresholds.
//
// Kept from sdg-build: a baseline or target of exactly zero is replaced by
// ZeroReplacement (the model is exponential); a baseline and latest value
// of opposite signs, or fewer than one year between them, cannot be
// assessed. Added here, where sdg-build would raise an exception: a target
// of the opposite sign to the baseline cannot be assessed either, and a
// target equal to the baseline (required growth zero) that is not met is
// deterioration, the limit of R as the required growth goes to zero.

// Thresholds for targets with a value: the ratio R of observed to required
// growth. sdg-build's defaults ('high': 0.95, 'med': 0.6, 'low': 0). 0.95
// rather than 1 leaves room for rounding and year-to-year noise: growing at
// 95% of the required pace misses the target by a small margin only.
const (
	// RatioOnTrack: growing at least 95% as fast as required.
	RatioOnTrack = 0.95
	// RatioNeedsAcceleration: moving the right way at 60% to 95% of the
	// required pace.
	RatioNeedsAcceleration = 0.60
	// RatioLimited: moving the right way, but under 60% of the pace;
	// below zero the indicator moves away from the target.
	RatioLimited = 0.0
)

// Thresholds for targets without a value: the observed CAGR in the
// desired direction. sdg-build's defaults ('high': 0.015, 'med': 0.005,
// 'low': 0): 1.5% a year compounds to about a quarter over 15 years, the
// span of the SDGs, which sdg-build counts as substantial.
const (
	// GrowthOnTrack: at least 1.5% a year the desired way.
	GrowthOnTrack = 0.015
	// GrowthNeedsAcceleration: 0.5% to 1.5% a year the desired way.
	GrowthNeedsAcceleration = 0.005
	// GrowthLimited: under 0.5% a year; below zero, the wrong way.
	GrowthLimited = 0.0
)

// ZeroReplacement stands in for a baseline or target of exactly zero, as
// in sdg-build: growth rates are ratios, and a ratio to zero has none.
const ZeroReplacement = 0.001

const (
	// limitScalingExponent is sdg-build's a in the scaling factor C,
	// chosen there so that "on track" stays reachable within 15 years
	// without passing the limit.
	limitScalingExponent = 4.44
	// minYears is the least time between baseline and latest value:
	// sdg-build needs "at least two years of data".
	minYears = 1.0
)

// Status is a progress category.
type Status string

// The statuses, from best to worst, then the one without an assessment.
const (
	OnTrack           Status = "on_track"
	NeedsAcceleration Status = "needs_acceleration"
	LimitedProgress   Status = "limited_progress"
	Deterioration     Status = "deterioration"
	InsufficientData  Status = "insufficient_data"
)

// Statuses returns every status, best first.
func Statuses() []Status {
	return []Status{OnTrack, NeedsAcceleration, LimitedProgress, Deterioration, InsufficientData}
}

// Label is the status in Vietnamese.
func (s Status) Label() string {
	switch s {
	case OnTrack:
		return "Đúng tiến độ"
	case NeedsAcceleration:
		return "Cần đẩy nhanh"
	case LimitedProgress:
		return "Tiến triển hạn chế"
	case Deterioration:
		return "Đi lùi"
	}
	return "Chưa đủ dữ liệu"
}

// Rank orders the assessed statuses, 3 for on track down to 0 for
// deterioration; InsufficientData is −1.
func (s Status) Rank() int {
	switch s {
	case OnTrack:
		return 3
	case NeedsAcceleration:
		return 2
	case LimitedProgress:
		return 1
	case Deterioration:
		return 0
	}
	return -1
}

// Method says how a status was reached.
type Method string

// The methods.
const (
	// MethodTarget compares observed with required growth (a target value).
	MethodTarget Method = "target"
	// MethodDirection compares observed growth with fixed thresholds (no
	// target value, only a desired direction).
	MethodDirection Method = "direction"
)

// Assessment is a status with the numbers behind it.
type Assessment struct {
	Status Status `json:"status"`
	// Label is Status in Vietnamese.
	Label  string `json:"label"`
	Method Method `json:"method,omitempty"`
	// TargetYear and TargetValue are the milestone judged against (zero
	// for MethodDirection).
	TargetYear  int     `json:"target_year,omitempty"`
	TargetValue float64 `json:"target_value,omitempty"`
	// Achieved is true when the latest value already meets the target.
	Achieved bool `json:"achieved"`
	// ObservedGrowth is the observed CAGR, RequiredGrowth the CAGR that
	// would reach the target on time, Ratio R; nil when not computed.
	ObservedGrowth *float64 `json:"observed_growth"`
	RequiredGrowth *float64 `json:"required_growth"`
	Ratio          *float64 `json:"ratio"`
	// Reason explains, in Vietnamese, why there is no assessment.
	Reason string `json:"reason,omitempty"`
}

// Progress assesses t from its baseline to latest (nil when nothing has
// been observed). It judges against the milestone in force at now: the
// first target year not yet past, or the last one once all have passed;
// without any target value, by direction only.
func Progress(t Target, latest *Observation, now time.Time) Assessment {
	ms := t.Milestones()
	if len(ms) == 0 {
		return assess(t, latest, nil)
	}
	m := ms[len(ms)-1]
	for _, c := range ms {
		if c.Year >= now.In(vietnam).Year() {
			m = c
			break
		}
	}
	return assess(t, latest, &m)
}

// Assess assesses t against one milestone, or by direction only when m is
// nil.
func Assess(t Target, latest *Observation, m *Milestone) Assessment {
	return assess(t, latest, m)
}

func assess(t Target, latest *Observation, m *Milestone) Assessment {
	a := Assessment{Method: MethodDirection}
	if m != nil {
		a.Method, a.TargetYear, a.TargetValue = MethodTarget, m.Year, m.Value
	}
	none := func(reason string) Assessment {
		a.Status, a.Label, a.Reason = InsufficientData, InsufficientData.Label(), reason
		return a
	}
	switch {
	case t.Baseline == nil || t.BaselineYear == nil:
		return none("Chưa có giá trị gốc.")
	case latest == nil:
		return none("Chưa có số liệu quan sát sau năm gốc.")
	}
	base, current, d := *t.Baseline, latest.Value, t.Direction.sign()
	t0, ti := YearPeriod(*t.BaselineYear).At(), latest.Period.At()
	if ti-t0 < minYears {
		return none("Chưa có số liệu quan sát sau năm gốc từ một năm trở lên.")
	}
	if base == 0 {
		base = ZeroReplacement
	}
	if (base > 0 && current < 0) || (base < 0 && current > 0) {
		return none("Giá trị gốc và giá trị mới nhất trái dấu, không tính được tăng trưởng.")
	}
	s := 1.0
	if base < 0 {
		s = -1
	}
	observed := cagr(current, base, ti-t0)
	a.ObservedGrowth = &observed

	if m == nil {
		v := s * d * observed
		on, acc, lim := GrowthOnTrack, GrowthNeedsAcceleration, GrowthLimited
		if c, ok := scaling(t, base); ok {
			on, acc, lim = on*c, acc*c, lim*c
		}
		return classify(a, v, on, acc, lim)
	}

	target := m.Value
	if target == 0 {
		target = ZeroReplacement
	}
	// Met is judged against the replaced target too, as sdg-build does.
	if (d > 0 && current >= target) || (d < 0 && current <= target) {
		a.Achieved = true
		a.Status, a.Label = OnTrack, OnTrack.Label()
	}
	if target/base < 0 {
		if a.Achieved {
			return a
		}
		return none("Giá trị gốc và mục tiêu trái dấu, không tính được tăng trưởng cần có.")
	}
	tT := YearPeriod(m.Year).At()
	if tT <= t0 {
		if a.Achieved {
			return a
		}
		return none("Năm mục tiêu không sau năm gốc.")
	}
	required := cagr(target, base, tT-t0)
	a.RequiredGrowth = &required
	if a.Achieved {
		if required != 0 {
			r := s * d * observed / math.Abs(required)
			a.Ratio = &r
		}
		return a
	}
	if required == 0 {
		// The target is the baseline and is not met: the value has moved
		// the wrong way, and R is −∞.
		a.Status, a.Label = Deterioration, Deterioration.Label()
		return a
	}
	r := s * d * observed / math.Abs(required)
	a.Ratio = &r
	return classify(a, r, RatioOnTrack, RatioNeedsAcceleration, RatioLimited)
}

// classify places v against the thresholds, as sdg-build's
// get_progress_status: at or above on is on track, and so on down.
func classify(a Assessment, v, on, acc, lim float64) Assessment {
	switch {
	case v >= on:
		a.Status = OnTrack
	case v >= acc:
		a.Status = NeedsAcceleration
	case v >= lim:
		a.Status = LimitedProgress
	default:
		a.Status = Deterioration
	}
	a.Label = a.Status.Label()
	return a
}

// cagr is the compound annual growth rate from v0 to v1 over years.
func cagr(v1, v0, years float64) float64 {
	return math.Pow(v1/v0, 1/years) - 1
}

// scaling is Open SDG's factor C, between 0 and 1, that lowers the growth
// thresholds of a target without a value when the baseline is near a
// natural limit (a rate near 100%), where the usual growth is impossible.
// sdg-build: C = 1 − (y0/lim)^a below the limit, 1 − ((2·lim − y0)/lim)^a
// above it, and 1 from twice the limit.
func scaling(t Target, base float64) (float64, bool) {
	lim, ok := t.Unit.limit(t.Direction)
	if !ok {
		return 1, false
	}
	b, l := math.Abs(base), math.Abs(lim)
	switch {
	case b >= 2*l:
		return 1, true
	case b <= l:
		return 1 - math.Pow(b/l, limitScalingExponent), true
	default:
		return 1 - math.Pow((2*l-b)/l, limitScalingExponent), true
	}
}
