package targets

import (
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
)

// Period is when an observed value applies: a whole year ("2024") or a
// date ("2024-06-30").
type Period struct {
	Year int
	// Date is set for a value at a date; zero for a year's figure.
	Date time.Time
}

// YearPeriod is the period of a year's figure.
func YearPeriod(y int) Period { return Period{Year: y} }

// ParsePeriod reads "YYYY" or "YYYY-MM-DD".
func ParsePeriod(s string) (Period, error) {
	switch len(s) {
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil || y < 2000 || y > 2100 {
			return Period{}, fmt.Errorf("targets: period %q: not a year from 2000 to 2100", s)
		}
		return Period{Year: y}, nil
	case 10:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil || d.Year() < 2000 || d.Year() > 2100 {
			return Period{}, fmt.Errorf("targets: period %q: not a date YYYY-MM-DD from 2000 to 2100", s)
		}
		return Period{Year: d.Year(), Date: d}, nil
	}
	return Period{}, fmt.Errorf("targets: period %q: want YYYY or YYYY-MM-DD", s)
}

// String is the stored form: "2024" or "2024-06-30".
func (p Period) String() string {
	if p.Date.IsZero() {
		return strconv.Itoa(p.Year)
	}
	return p.Date.Format(time.DateOnly)
}

// Label is the period as Vietnamese readers write it: "năm 2024" or
// "30/06/2024".
func (p Period) Label() string {
	if p.Date.IsZero() {
		return "năm " + strconv.Itoa(p.Year)
	}
	return p.Date.Format("02/01/2006")
}

// At places the period on a continuous scale of years, for growth rates.
// A year's figure is complete at the end of that year, so year Y sits at
// Y+1; a date sits at its fraction of the year, 31 December at Y+1 too.
// Between two years' figures the distance is then the difference of the
// years, exactly as Open SDG counts it, and a mid-year value falls half a
// year before the figure for its whole year.
func (p Period) At() float64 {
	if p.Date.IsZero() {
		return float64(p.Year + 1)
	}
	days := time.Date(p.Year, 12, 31, 0, 0, 0, 0, time.UTC).YearDay()
	return float64(p.Year) + float64(p.Date.YearDay())/float64(days)
}

// End is the moment the period's value is complete, for comparing with
// the present: the end of the year or of the day, in Vietnam's time.
func (p Period) End() time.Time {
	if p.Date.IsZero() {
		return time.Date(p.Year+1, 1, 1, 0, 0, 0, 0, vietnam)
	}
	return time.Date(p.Year, p.Date.Month(), p.Date.Day()+1, 0, 0, 0, 0, vietnam)
}

// vietnam is Asia/Ho_Chi_Minh: UTC+7 without daylight saving since 1975,
// so a fixed zone is exact and needs no tzdata.
var vietnam = time.FixedZone("ICT", 7*60*60)

// SourceKind says where an observed value came from.
type SourceKind string

// The kinds. Their values are stored in target_observations.source_kind.
const (
	// SourceManual: typed in the back office from a report.
	SourceManual SourceKind = "manual"
	// SourceComputed: computed by Loa from the indicator the target is
	// bound to (compute.go). Only the sweep writes it.
	SourceComputed SourceKind = "computed"
)

// Valid reports whether k is a known kind.
func (k SourceKind) Valid() bool { return k == SourceManual || k == SourceComputed }

// Label is the kind in Vietnamese.
func (k SourceKind) Label() string {
	if k == SourceComputed {
		return "Tự động tính"
	}
	return "Nhập tay"
}

// Observation is one observed value of a target's indicator.
type Observation struct {
	ID         int64
	TargetKey  string
	Period     Period
	Value      float64
	SourceKind SourceKind
	// Source says where the value comes from: a report, or the indicator
	// it was computed from.
	Source      string
	Note        string
	CreatedByID int64
	CreatedBy   string
	CreatedAt   time.Time
}

// Automatic reports whether Loa computed o itself from its measurements
// (compute.go), rather than a person entering it. Such an observation is
// replaced when the figure changes and removed when the data are gone; a
// person's observation for the same period always wins over it.
//
// Before the sweep existed the back-office form let a person pick the kind
// "computed"; such rows carry the person's id and count as theirs.
func (o Observation) Automatic() bool {
	return o.SourceKind == SourceComputed && o.CreatedByID == audit.System.ID
}

// ObservationInput is what adding an observation sets.
type ObservationInput struct {
	Period     string
	Value      float64
	SourceKind SourceKind
	Source     string
	Note       string
}

// Latest returns the observation with the latest period that is complete
// by now, or nil. A value for a period not yet over (this year's figure in
// June) is a forecast, not an observation, and is left out.
func Latest(obs []Observation, now time.Time) *Observation {
	var best *Observation
	for i := range obs {
		o := &obs[i]
		if o.Period.End().After(now) {
			continue
		}
		if best == nil || o.Period.At() > best.Period.At() ||
			(o.Period.At() == best.Period.At() && o.ID > best.ID) {
			best = o
		}
	}
	return best
}
