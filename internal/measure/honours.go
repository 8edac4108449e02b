package measure

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
)

// Yearly honours (vinh danh):
//
//   - the online services most used: the procedures with the most dossiers
//     filed online in the year, among those with at least HonourMinOnline;
//   - the online services most satisfying: by satisfaction, among those
//     with at least HonourMinOnline online dossiers and HonourMinRatings
//     ratings (ties: more ratings, then code);
//   - the units that improved most: provinces and ministries by the rise of
//     their online rate from the first quarter of data in the year to the
//     last (three months each; the year needs six months of data), both
//     quarters reaching the ranking's minimum volume (ties: larger
//     denominator, then code).

// Honour thresholds.
const (
	HonourMinOnline  = 1000
	HonourMinRatings = 100
	HonourTop        = 10
)

// ServiceHonour is one procedure honoured.
type ServiceHonour struct {
	Procedure    Procedure
	Online       int64
	Satisfaction Value
}

// UnitHonour is one unit honoured for its progress.
type UnitHonour struct {
	Unit          UnitInfo
	Before, After Value
	// Points is the rise in percentage points.
	Points float64
}

// Honours are a year's honours.
type Honours struct {
	Year                      int
	MostUsed, MostSatisfying  []ServiceHonour
	Improved                  []UnitHonour
	FirstQuarter, LastQuarter [2]string // months "YYYY-MM", inclusive
}

// Honours computes the honours of a year from the compact tables, with
// the aggregates for single procedures and units folded in.
func (s *Store) Honours(ctx context.Context, year int) (*Honours, error) {
	h := &Honours{Year: year}
	y := strconv.Itoa(year)
	yp, err := ParsePeriod(y)
	if err != nil {
		return nil, err
	}
	procs, err := s.ProcedureFigures(ctx, yp, National, 0)
	if err != nil {
		return nil, fmt.Errorf("measure: honours %d: %w", year, err)
	}
	sat, _ := IndicatorByID("satisfaction")
	var all []ServiceHonour
	for _, pf := range procs {
		online := pf.Figures.Count("received_online")
		if !online.Known || online.N < HonourMinOnline {
			continue
		}
		all = append(all, ServiceHonour{Procedure: pf.Procedure, Online: online.N, Satisfaction: pf.Figures.Value(sat)})
	}
	h.MostUsed = slices.Clone(all)
	slices.SortFunc(h.MostUsed, func(a, b ServiceHonour) int {
		return cmp.Or(-cmp.Compare(a.Online, b.Online), cmp.Compare(a.Procedure.Key(), b.Procedure.Key()))
	})
	for _, sh := range all {
		if sh.Satisfaction.Known && sh.Satisfaction.Denominator >= HonourMinRatings {
			h.MostSatisfying = append(h.MostSatisfying, sh)
		}
	}
	slices.SortFunc(h.MostSatisfying, func(a, b ServiceHonour) int {
		return cmp.Or(-cmp.Compare(Round2(a.Satisfaction.Value), Round2(b.Satisfaction.Value)),
			-cmp.Compare(a.Satisfaction.Denominator, b.Satisfaction.Denominator), cmp.Compare(a.Procedure.Key(), b.Procedure.Key()))
	})
	h.MostUsed, h.MostSatisfying = h.MostUsed[:min(HonourTop, len(h.MostUsed))], h.MostSatisfying[:min(HonourTop, len(h.MostSatisfying))]

	months, err := s.strings(ctx, "SELECT DISTINCT month FROM measure_unit_months WHERE month >= ? AND month <= ? ORDER BY month", y+"-01", y+"-12")
	if err != nil {
		return nil, fmt.Errorf("measure: honours %d: %w", year, err)
	}
	if len(months) < 6 {
		return h, nil
	}
	h.FirstQuarter = [2]string{months[0], months[2]}
	h.LastQuarter = [2]string{months[len(months)-3], months[len(months)-1]}
	online, _ := IndicatorByID("online_rate")
	for _, lv := range []RankLevel{RankProvinces, RankMinistries} {
		first, err := s.quarterRates(ctx, lv, h.FirstQuarter, online)
		if err != nil {
			return nil, err
		}
		last, err := s.quarterRates(ctx, lv, h.LastQuarter, online)
		if err != nil {
			return nil, err
		}
		min := MinVolumePerMonth[lv] * 3
		for code, a := range last {
			b, ok := first[code]
			if !ok || !a.Value.Known || !b.Value.Known || a.Value.Denominator < min || b.Value.Denominator < min {
				continue
			}
			h.Improved = append(h.Improved, UnitHonour{Unit: a.Unit, Before: b.Value, After: a.Value, Points: a.Value.Value - b.Value.Value})
		}
	}
	slices.SortFunc(h.Improved, func(a, b UnitHonour) int {
		return cmp.Or(-cmp.Compare(Round2(a.Points), Round2(b.Points)), -cmp.Compare(a.After.Denominator, b.After.Denominator),
			cmp.Compare(a.Unit.Code, b.Unit.Code))
	})
	h.Improved = h.Improved[:min(HonourTop, len(h.Improved))]
	return h, nil
}

// quarterRates ranks a level over three months and returns the rows by
// unit code.
func (s *Store) quarterRates(ctx context.Context, lv RankLevel, q [2]string, ind Indicator) (map[string]RankRow, error) {
	p, err := ParsePeriod(q[0] + "-01.." + day(q[1]+"-01").AddDate(0, 1, -1).Format("2006-01-02"))
	if err != nil {
		return nil, err
	}
	r, err := s.rankLive(ctx, RankQuery{Indicator: ind.ID, Period: p, Level: lv}, ind)
	if err != nil {
		return nil, err
	}
	out := map[string]RankRow{}
	for _, row := range r.Rows {
		out[row.Unit.Code] = row
	}
	return out, nil
}
