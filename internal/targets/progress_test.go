package targets

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func f(v float64) *float64 { return &v }
func y(v int) *int         { return &v }

// obs is an observation of a year's figure.
func obs(year int, v float64) *Observation {
	return &Observation{Period: YearPeriod(year), Value: v}
}

var mid2025 = time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)

// TestProgressTable checks the classification against values worked out by
// hand from the formulas in progress.go (the comments give the arithmetic).
func TestProgressTable(t *testing.T) {
	rate := func(target2025 *float64) Target {
		return Target{Unit: UnitPercent, Direction: HigherIsBetter, Baseline: f(38.3), BaselineYear: y(2023), Target2025: target2025}
	}
	rank := func(base float64) Target {
		return Target{Unit: UnitRank, Direction: LowerIsBetter, Baseline: f(base), BaselineYear: y(2022), Target2025: f(50)}
	}
	tests := []struct {
		name     string
		target   Target
		latest   *Observation
		want     Status
		achieved bool
		ratio    float64 // checked when not NaN
	}{
		// Required: (50/38.3)^(1/2) − 1 = 0.14257 a year.
		{"rate well ahead", rate(f(50)), obs(2024, 45), OnTrack, false, 0.17493 / 0.14257},
		{"rate at 86% of pace", rate(f(50)), obs(2024, 43), NeedsAcceleration, false, 0.12272 / 0.14257},
		{"rate at 49% of pace", rate(f(50)), obs(2024, 41), LimitedProgress, false, 0.07050 / 0.14257},
		{"rate falling", rate(f(50)), obs(2024, 37), Deterioration, false, -0.03394 / 0.14257},
		{"rate target met", rate(f(50)), obs(2024, 50), OnTrack, true, math.NaN()},
		{"rate target passed", rate(f(50)), obs(2024, 61), OnTrack, true, math.NaN()},
		// Rank 70 (2022) to 50 (2025): required (50/70)^(1/3) − 1 = −0.106101.
		{"rank at 70% of pace", rank(70), obs(2024, 60), NeedsAcceleration, false, 0.074180 / 0.106101},
		{"rank ahead", rank(70), obs(2024, 55), OnTrack, false, 0.113595 / 0.106101},
		{"rank slipping", rank(70), obs(2024, 75), Deterioration, false, math.NaN()},
		{"rank met", rank(70), obs(2024, 48), OnTrack, true, math.NaN()},
		{"rank unchanged", rank(70), obs(2024, 70), LimitedProgress, false, 0},
		// Baseline already better than the target (rank 40, target 50).
		{"baseline beats target, still met", rank(40), obs(2024, 45), OnTrack, true, math.NaN()},
		{"baseline beats target, now missed", rank(40), obs(2024, 55), Deterioration, false, -0.172604 / 0.077217},
		// Required growth zero: target equals baseline, missed.
		{"target equals baseline, missed", Target{Direction: HigherIsBetter, Baseline: f(50), BaselineYear: y(2023), Target2025: f(50)},
			obs(2024, 49), Deterioration, false, math.NaN()},
		{"target equals baseline, held", Target{Direction: HigherIsBetter, Baseline: f(50), BaselineYear: y(2023), Target2025: f(50)},
			obs(2024, 50), OnTrack, true, math.NaN()},
		// A zero baseline becomes 0.001: from 0.001 to 500 in a year is
		// far ahead of the (1000/0.001)^(1/2) − 1 = 999 needed.
		{"zero baseline", Target{Unit: UnitPeople, Direction: HigherIsBetter, Baseline: f(0), BaselineYear: y(2023), Target2025: f(1000)},
			obs(2024, 500), OnTrack, false, 499999.0 / 999.0},
		// The method's known edge: staying at zero reads as a fall from
		// 0.001 to 0 (sdg-build does the same; interpret with care).
		{"zero baseline, still zero", Target{Unit: UnitPeople, Direction: HigherIsBetter, Baseline: f(0), BaselineYear: y(2023), Target2025: f(1000)},
			obs(2024, 0), Deterioration, false, -1.0 / 999.0},
		// A zero target becomes 0.001 (lower is better).
		{"zero target, falling", Target{Unit: UnitPeople, Direction: LowerIsBetter, Baseline: f(100), BaselineYear: y(2022), Target2025: f(0)},
			obs(2024, 10), NeedsAcceleration, false, math.NaN()},
		// Negative values: −10 to −8 is up, the desired way.
		{"negative baseline, no target, rising", Target{Direction: HigherIsBetter, Baseline: f(-10), BaselineYear: y(2022)},
			obs(2024, -8), OnTrack, false, math.NaN()},
		{"negative baseline, no target, falling", Target{Direction: HigherIsBetter, Baseline: f(-10), BaselineYear: y(2022)},
			obs(2024, -12), Deterioration, false, math.NaN()},
		{"baseline and latest of opposite signs", Target{Direction: HigherIsBetter, Baseline: f(-10), BaselineYear: y(2022), Target2025: f(5)},
			obs(2024, 2), InsufficientData, false, math.NaN()},
		{"baseline and target of opposite signs", Target{Direction: HigherIsBetter, Baseline: f(-10), BaselineYear: y(2022), Target2025: f(5)},
			obs(2024, -5), InsufficientData, false, math.NaN()},
		// Direction only: 38.3% (2023) with C = 1 − 0.383^4.44 = 0.98589,
		// thresholds 1.479% and 0.493% a year.
		{"no target, 2.2% a year", rate(nil), obs(2025, 40), OnTrack, false, math.NaN()},
		{"no target, 0.65% a year", rate(nil), obs(2025, 38.8), NeedsAcceleration, false, math.NaN()},
		{"no target, 0.39% a year", rate(nil), obs(2025, 38.6), LimitedProgress, false, math.NaN()},
		{"no target, falling", rate(nil), obs(2025, 38), Deterioration, false, math.NaN()},
		{"no target, held at the 100% limit", Target{Unit: UnitPercent, Direction: HigherIsBetter, Baseline: f(100), BaselineYear: y(2023)},
			obs(2024, 100), OnTrack, false, math.NaN()},
		// Missing data.
		{"no baseline", Target{Unit: UnitRank, Direction: LowerIsBetter, Target2025: f(70)}, obs(2024, 60), InsufficientData, false, math.NaN()},
		{"no observation", rate(f(50)), nil, InsufficientData, false, math.NaN()},
		{"observation in the baseline year", rate(f(50)), obs(2023, 45), InsufficientData, false, math.NaN()},
		{"observation half a year after the baseline", rate(f(50)),
			&Observation{Period: Period{Year: 2024, Date: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}, Value: 45}, InsufficientData, false, math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Progress(tc.target, tc.latest, mid2025)
			if a.Status != tc.want || a.Achieved != tc.achieved {
				t.Fatalf("status %s achieved %v, want %s %v (%+v)", a.Status, a.Achieved, tc.want, tc.achieved, a)
			}
			if a.Label != tc.want.Label() || a.Label == "" {
				t.Errorf("label %q, want %q", a.Label, tc.want.Label())
			}
			if tc.want == InsufficientData && a.Reason == "" {
				t.Error("no reason given for insufficient data")
			}
			if !math.IsNaN(tc.ratio) {
				if a.Ratio == nil {
					t.Fatalf("no ratio, want %.4f", tc.ratio)
				}
				if math.Abs(*a.Ratio-tc.ratio) > 1e-3*math.Max(1, math.Abs(tc.ratio)) {
					t.Errorf("ratio %.5f, want %.5f", *a.Ratio, tc.ratio)
				}
			}
		})
	}
}

// TestProgressNumbers checks the growth rates behind one assessment.
func TestProgressNumbers(t *testing.T) {
	tg := Target{Unit: UnitPercent, Direction: HigherIsBetter, Baseline: f(38.3), BaselineYear: y(2023), Target2025: f(50)}
	a := Progress(tg, obs(2024, 45), mid2025)
	if a.Method != MethodTarget || a.TargetYear != 2025 || a.TargetValue != 50 {
		t.Fatalf("judged against %s %d %v", a.Method, a.TargetYear, a.TargetValue)
	}
	if a.ObservedGrowth == nil || math.Abs(*a.ObservedGrowth-(45/38.3-1)) > 1e-12 {
		t.Errorf("observed growth %v", a.ObservedGrowth)
	}
	if a.RequiredGrowth == nil || math.Abs(*a.RequiredGrowth-(math.Sqrt(50/38.3)-1)) > 1e-12 {
		t.Errorf("required growth %v", a.RequiredGrowth)
	}
	d := Progress(Target{Unit: UnitPercent, Direction: HigherIsBetter, Baseline: f(38.3), BaselineYear: y(2023)}, obs(2025, 40), mid2025)
	if d.Method != MethodDirection || d.RequiredGrowth != nil || d.Ratio != nil || d.TargetYear != 0 {
		t.Errorf("direction-only assessment %+v", d)
	}
}

// TestProgressMilestone checks which target year is judged against.
func TestProgressMilestone(t *testing.T) {
	tg := Target{Unit: UnitPercent, Direction: HigherIsBetter, Baseline: f(38.3), BaselineYear: y(2023), Target2025: f(50), Target2030: f(70)}
	latest := obs(2024, 45)
	for _, tc := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 2025},
		{mid2025, 2025},
		// 31 Dec 2025 18:00 UTC is already 2026 in Vietnam.
		{time.Date(2025, 12, 31, 18, 0, 0, 0, time.UTC), 2030},
		{time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), 2030},
	} {
		if a := Progress(tg, latest, tc.now); a.TargetYear != tc.want {
			t.Errorf("at %s judged against %d, want %d", tc.now, a.TargetYear, tc.want)
		}
	}
	// Only a 2030 value: judged against it, even in 2025.
	tg.Target2025 = nil
	if a := Progress(tg, latest, mid2025); a.TargetYear != 2030 {
		t.Errorf("judged against %d, want 2030", a.TargetYear)
	}
	// The same value is ahead of the 2030 pace but behind the 2025 one.
	tg.Target2025 = f(60)
	a25, a30 := Assess(tg, latest, &Milestone{2025, 60}), Assess(tg, latest, &Milestone{2030, 70})
	if a25.Status.Rank() >= a30.Status.Rank() {
		t.Errorf("2025: %s, 2030: %s; want 2025 worse", a25.Status, a30.Status)
	}
}

// randomCase draws a target and two latest values, lo worse than hi.
func randomCase(r *rand.Rand) (tg Target, lo, hi *Observation) {
	dir := HigherIsBetter
	if r.IntN(2) == 0 {
		dir = LowerIsBetter
	}
	base := 1 + r.Float64()*999
	baseYear := 2015 + r.IntN(9)
	tg = Target{Unit: UnitPeople, Direction: dir, Baseline: f(base), BaselineYear: y(baseYear)}
	switch r.IntN(3) {
	case 0: // a target value, either way from the baseline
		tg.Target2025 = f(base * (0.2 + r.Float64()*3))
	case 1:
		tg.Target2030 = f(base * (0.2 + r.Float64()*3))
	}
	year := baseYear + 1 + r.IntN(2024-baseYear)
	a, b := base*(0.1+r.Float64()*4), base*(0.1+r.Float64()*4)
	if (dir == HigherIsBetter) == (a > b) {
		a, b = b, a
	}
	return tg, obs(year, a), obs(year, b)
}

// TestProgressMonotonic: a better latest value never gives a worse status.
func TestProgressMonotonic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		tg, lo, hi := randomCase(r)
		a, b := Progress(tg, lo, mid2025), Progress(tg, hi, mid2025)
		if a.Status == InsufficientData || b.Status == InsufficientData {
			t.Fatalf("case %d: no assessment for valid data: %+v %+v", i, a, b)
		}
		if b.Status.Rank() < a.Status.Rank() {
			t.Fatalf("case %d: %+v %v: %v gives %s but better %v gives %s",
				i, tg, tg.Direction, lo.Value, a.Status, hi.Value, b.Status)
		}
	}
}

// TestProgressScaleFree: the method uses only ratios, so multiplying the
// baseline, target and latest value by one factor changes nothing (for a
// unit without a natural limit).
func TestProgressScaleFree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		tg, lo, _ := randomCase(r)
		k := 0.01 + r.Float64()*100
		scaled := tg
		scaled.Baseline = f(*tg.Baseline * k)
		if tg.Target2025 != nil {
			scaled.Target2025 = f(*tg.Target2025 * k)
		}
		if tg.Target2030 != nil {
			scaled.Target2030 = f(*tg.Target2030 * k)
		}
		a, b := Progress(tg, lo, mid2025), Progress(scaled, obs(lo.Period.Year, lo.Value*k), mid2025)
		if a.Status != b.Status || a.Achieved != b.Achieved {
			// Values exactly on a threshold may round either way.
			if a.Ratio != nil && math.Abs(*a.Ratio-RatioOnTrack) < 1e-9 {
				continue
			}
			t.Fatalf("case %d: ×%v changes %s to %s", i, k, a.Status, b.Status)
		}
	}
}

// TestProgressSignMeansDirection: when the target is not met, the ratio is
// negative exactly when the value moved the wrong way; a met target is
// always on track.
func TestProgressSignMeansDirection(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 5000; i++ {
		tg, lo, _ := randomCase(r)
		a := Progress(tg, lo, mid2025)
		if a.Achieved && a.Status != OnTrack {
			t.Fatalf("case %d: met but %s", i, a.Status)
		}
		if a.Achieved || a.Ratio == nil {
			continue
		}
		moved := (lo.Value - *tg.Baseline) * tg.Direction.sign()
		if (moved < 0) != (*a.Ratio < 0) {
			t.Fatalf("case %d: moved %v the desired way, ratio %v", i, moved, *a.Ratio)
		}
		if (*a.Ratio < 0) != (a.Status == Deterioration) {
			t.Fatalf("case %d: ratio %v, status %s", i, *a.Ratio, a.Status)
		}
	}
}

func TestStatusLabels(t *testing.T) {
	want := map[Status]string{OnTrack: "Đúng tiến độ", NeedsAcceleration: "Cần đẩy nhanh",
		LimitedProgress: "Tiến triển hạn chế", Deterioration: "Đi lùi", InsufficientData: "Chưa đủ dữ liệu"}
	seen := map[int]bool{}
	for _, s := range Statuses() {
		if s.Label() != want[s] {
			t.Errorf("%s: %q, want %q", s, s.Label(), want[s])
		}
		if seen[s.Rank()] {
			t.Errorf("%s: rank %d used twice", s, s.Rank())
		}
		seen[s.Rank()] = true
	}
}
