package targets

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Direction says which way an indicator should move.
type Direction string

// The directions. Their values are stored in target_versions.direction.
const (
	// HigherIsBetter: a rate of online dossiers, people trained.
	HigherIsBetter Direction = "higher"
	// LowerIsBetter: a rank, where 50th is better than 70th.
	LowerIsBetter Direction = "lower"
)

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool { return d == HigherIsBetter || d == LowerIsBetter }

// sign is +1 for higher-is-better and -1 for lower-is-better: Open SDG's d.
func (d Direction) sign() float64 {
	if d == LowerIsBetter {
		return -1
	}
	return 1
}

// Label is the direction in Vietnamese.
func (d Direction) Label() string {
	if d == LowerIsBetter {
		return "Càng thấp càng tốt"
	}
	return "Càng cao càng tốt"
}

// Unit is the unit of measure of a target.
type Unit string

// The units. Their values are stored in target_versions.unit.
const (
	UnitPercent Unit = "%"     // a rate, 0 to 100
	UnitPeople  Unit = "người" // a count of people
	UnitRank    Unit = "hạng"  // a rank, 1 is first
)

// Units returns every unit, in the order forms show them.
func Units() []Unit { return []Unit{UnitPercent, UnitPeople, UnitRank} }

// Valid reports whether u is a known unit.
func (u Unit) Valid() bool { return u == UnitPercent || u == UnitPeople || u == UnitRank }

// check returns a Vietnamese message when v cannot be a value in unit u.
func (u Unit) check(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "phải là một số"
	case u == UnitPercent && (v < 0 || v > 100):
		return "tỷ lệ phải từ 0 đến 100"
	case u == UnitPeople && (v < 0 || v != math.Trunc(v)):
		return "số người phải là số nguyên không âm"
	case u == UnitRank && (v < 1 || v != math.Trunc(v)):
		return "thứ hạng phải là số nguyên từ 1 trở lên"
	}
	return ""
}

// limit is the natural limit in the desired direction that Open SDG's
// scaling factor uses for targets without a value: a rate cannot pass 100%
// and a rank cannot pass first. ok is false when there is none.
func (u Unit) limit(d Direction) (lim float64, ok bool) {
	switch {
	case u == UnitPercent && d == HigherIsBetter:
		return 100, true
	case u == UnitPercent && d == LowerIsBetter:
		return 0, true
	case u == UnitRank && d == LowerIsBetter:
		return 1, true
	}
	return 0, false
}

// The milestone years of the programme.
const (
	Year2025 = 2025
	Year2030 = 2030
)

// Target is one version of a programme target.
type Target struct {
	// Key is the stable identifier ("ho_so_truc_tuyen").
	Key       string    `json:"key"`
	Name      string    `json:"name"`
	Unit      Unit      `json:"unit"`
	Direction Direction `json:"direction"`
	// Baseline and BaselineYear are nil when the baseline is not known yet.
	Baseline     *float64 `json:"baseline"`
	BaselineYear *int     `json:"baseline_year"`
	// Target2025 and Target2030 are nil when the programme sets no value
	// for that year (or it is not known yet).
	Target2025 *float64 `json:"target_2025"`
	Target2030 *float64 `json:"target_2030"`
	// Source says where the figures come from.
	Source string `json:"source"`
	// Indicator binds the target to a rate indicator Loa measures itself
	// ("online_rate"), from which the sweep computes observations
	// (compute.go); "" when the target is observed by hand only.
	Indicator string `json:"indicator,omitempty"`
	// Confirmed is false while a figure still needs checking against the
	// official text ("cần xác nhận").
	Confirmed bool  `json:"confirmed"`
	Position  int   `json:"-"`
	Version   int64 `json:"version"`
	// ChangeNote, CreatedBy and CreatedAt describe this version's edit.
	ChangeNote  string    `json:"-"`
	CreatedByID int64     `json:"-"`
	CreatedBy   string    `json:"-"`
	CreatedAt   time.Time `json:"updated_at"`
}

// Milestone is a target value for a year.
type Milestone struct {
	Year  int
	Value float64
}

// Milestones returns the target values that are set, earliest first.
func (t *Target) Milestones() []Milestone {
	var out []Milestone
	if t.Target2025 != nil {
		out = append(out, Milestone{Year2025, *t.Target2025})
	}
	if t.Target2030 != nil {
		out = append(out, Milestone{Year2030, *t.Target2030})
	}
	return out
}

// Input is what an edit sets: every field of a target but its key and the
// bookkeeping.
type Input struct {
	Name         string
	Unit         Unit
	Direction    Direction
	Baseline     *float64
	BaselineYear *int
	Target2025   *float64
	Target2030   *float64
	Source       string
	// Indicator is the measured rate the target's observations are
	// computed from, or "" for none.
	Indicator string
	Confirmed bool
	// ChangeNote says why; required for an edit, optional when creating.
	ChangeNote string
}

// FieldError is one problem with one field, the message in Vietnamese.
type FieldError struct {
	Field   string
	Message string
}

// InvalidError is returned when an input is refused; nothing is stored.
type InvalidError struct {
	Op     string
	Fields []FieldError
}

func (e *InvalidError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = fmt.Sprintf("field %q: %s", f.Field, f.Message)
	}
	return "targets: " + e.Op + ": " + strings.Join(parts, "; ")
}

// Message is the problems in Vietnamese, one sentence each, for a form.
func (e *InvalidError) Message() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = fieldNames[f.Field] + ": " + f.Message + "."
	}
	return strings.Join(parts, " ")
}

// fieldNames names the fields in Vietnamese for InvalidError.Message.
var fieldNames = map[string]string{
	"key": "Mã mục tiêu", "name": "Tên", "unit": "Đơn vị", "direction": "Chiều",
	"baseline": "Giá trị gốc", "baseline_year": "Năm gốc", "target_2025": "Mục tiêu 2025",
	"target_2030": "Mục tiêu 2030", "source": "Nguồn", "change_note": "Lý do thay đổi",
	"indicator": "Chỉ số tự động tính", "period": "Kỳ số liệu", "value": "Giá trị", "source_kind": "Loại nguồn", "note": "Ghi chú",
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// Text limits, in characters.
const (
	maxName   = 300
	maxSource = 2000
	maxNote   = 1000
)

// normalize puts the text fields in NFC and trims them, as at every
// boundary, so that the same words typed twice compare equal.
func (in *Input) normalize() {
	in.Name = cleanText(in.Name)
	in.Source = cleanText(in.Source)
	in.ChangeNote = cleanText(in.ChangeNote)
	in.Indicator = strings.TrimSpace(in.Indicator)
}

// cleanText is s in NFC, trimmed, with a browser's CRLF line ends as LF.
func cleanText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(norm.NFC.String(s), "\r\n", "\n"))
}

// validate checks the input; requireNote is set for edits, which must say
// why. A bound indicator must be one of bindable, unless bindable is nil
// (a store not told them accepts any well-formed id).
func (in *Input) validate(op string, requireNote bool, bindable []IndicatorRef) error {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{field, msg}) }
	checkText(add, "name", in.Name, maxName, true)
	checkText(add, "source", in.Source, maxSource, true)
	checkText(add, "change_note", in.ChangeNote, maxNote, requireNote)
	if !in.Unit.Valid() {
		add("unit", "không hợp lệ")
	}
	if !in.Direction.Valid() {
		add("direction", "không hợp lệ")
	}
	if in.Indicator != "" {
		switch {
		case !keyPattern.MatchString(in.Indicator):
			add("indicator", "không hợp lệ")
		case in.Unit.Valid() && in.Unit != UnitPercent:
			// The bindable indicators are rates: their values are per cent.
			add("indicator", "chỉ gắn được với mục tiêu tính bằng %")
		}
		if bindable != nil && !slices.ContainsFunc(bindable, func(r IndicatorRef) bool { return r.ID == in.Indicator }) {
			add("indicator", "không phải chỉ số tỷ lệ mà Loa đo")
		}
	}
	if (in.Baseline == nil) != (in.BaselineYear == nil) {
		add("baseline", "cần nhập cả giá trị gốc và năm gốc, hoặc để trống cả hai")
	}
	if in.BaselineYear != nil && (*in.BaselineYear < 2000 || *in.BaselineYear > 2100) {
		add("baseline_year", "phải từ 2000 đến 2100")
	}
	values := []struct {
		field string
		v     *float64
		year  int
	}{{"baseline", in.Baseline, 0}, {"target_2025", in.Target2025, Year2025}, {"target_2030", in.Target2030, Year2030}}
	for _, f := range values {
		if f.v == nil {
			continue
		}
		if in.Unit.Valid() {
			if msg := in.Unit.check(*f.v); msg != "" {
				add(f.field, msg)
			}
		}
		if f.year != 0 && in.BaselineYear != nil && *in.BaselineYear >= f.year {
			add(f.field, fmt.Sprintf("năm gốc phải trước năm %d", f.year))
		}
	}
	if len(errs) > 0 {
		return &InvalidError{Op: op, Fields: errs}
	}
	return nil
}

// checkText reports an empty required text, one too long, or one with
// control characters.
func checkText(add func(field, msg string), field, s string, max int, required bool) {
	switch {
	case required && s == "":
		add(field, "không được để trống")
	case utf8.RuneCountInString(s) > max:
		add(field, fmt.Sprintf("dài quá %d ký tự", max))
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }):
		add(field, "có ký tự điều khiển")
	}
}
