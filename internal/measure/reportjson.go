package measure

import "math"

// ReportJSON is the report as `loa measure report --format json` prints
// it: counts and figures, null when unknown (never 0 for unknown). Rates
// are percentages rounded to two decimals (38.3 means 38.3 %).
type ReportJSON struct {
	Period              string   `json:"period"`
	Unit                string   `json:"unit"`
	Procedure           string   `json:"procedure"`
	ReceivedTotal       *int64   `json:"received_total"`
	ReceivedOnline      *int64   `json:"received_online"`
	ReceivedFullyOnline *int64   `json:"received_fully_online"`
	OnlineRate          *float64 `json:"online_rate"`
	FullyOnlineRate     *float64 `json:"fully_online_rate"`
	HoursSaved          *float64 `json:"hours_saved"`
	ValueSavedVND       *int64   `json:"value_saved_vnd"`
}

// JSON returns the report's JSON form.
func (r *Report) JSON() ReportJSON {
	proc := r.Slice.Procedure
	if proc == "" {
		proc = AllProcedures
	}
	unit := r.Slice.Unit
	if unit == "" {
		unit = National
	}
	out := ReportJSON{Period: r.Slice.Period.Label, Unit: unit, Procedure: proc}
	count := func(name string) *int64 {
		if c := r.Counts[name]; c.Known {
			return &c.N
		}
		return nil
	}
	out.ReceivedTotal, out.ReceivedOnline, out.ReceivedFullyOnline = count("received_total"), count("received_online"), count("received_fully_online")
	rate := func(id string) *float64 {
		if v, ok := r.Value(id); ok && v.Known {
			x := Round2(v.Value)
			return &x
		}
		return nil
	}
	out.OnlineRate, out.FullyOnlineRate = rate("online_rate"), rate("fully_online_rate")
	if v, ok := r.Value("hours_saved"); ok && v.Known {
		h := Round2(v.Value)
		out.HoursSaved = &h
	}
	if v, ok := r.Value("value_saved_vnd"); ok && v.Known {
		n := int64(v.Value)
		out.ValueSavedVND = &n
	}
	return out
}

// Round2 rounds to two decimals, the precision figures are published at.
func Round2(x float64) float64 { return math.Round(x*100) / 100 }
