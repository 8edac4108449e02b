package web

import (
	"math"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/targets"
	"github.com/loa-vn/loa/internal/vn"
)

// targetNumber formats v as Vietnamese readers write numbers: a comma before
// the decimals, dots between thousands, at most two decimals, trailing
// zeros dropped ("38,3", "1.234", "22,37").
func targetNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if v < 0 && (whole != "0" || frac != "") {
		b.WriteString("−")
	}
	b.WriteString(vn.GroupDigits(whole))
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}

// targetValue formats a value with its unit: "38,3%", "1.200 người",
// "hạng 70".
func targetValue(v float64, u targets.Unit) string {
	switch u {
	case targets.UnitPercent:
		return targetNumber(v) + "%"
	case targets.UnitRank:
		return "hạng " + targetNumber(v)
	case targets.UnitPeople:
		return targetNumber(v) + " người"
	}
	return targetNumber(v)
}

// targetOptValue formats an optional value, "" when unknown.
func targetOptValue(v *float64, u targets.Unit) string {
	if v == nil {
		return ""
	}
	return targetValue(*v, u)
}

// targetGrowth formats a yearly growth rate: "+17,49%/năm".
func targetGrowth(g *float64) string {
	if g == nil {
		return ""
	}
	sign := "+"
	if *g < 0 {
		sign = ""
	}
	return sign + targetNumber(*g*100) + "%/năm"
}

// targetParseNumber reads a number typed in a form, with a decimal comma
// ("38,3") or point ("38.3"); with both, the Vietnamese form "1.234,5".
// An empty field is nil.
func targetParseNumber(s string) (*float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return nil, true
	}
	s = strings.ReplaceAll(s, "−", "-")
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, false
	}
	return &v, true
}

// targetFormNumber is a value as a form shows it for editing: "38,3".
func targetFormNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strings.ReplaceAll(strings.TrimRight(strings.TrimRight(strconv.FormatFloat(*v, 'f', 4, 64), "0"), "."), ".", ",")
}
