package surveys

import (
	"fmt"
	"math"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/fielderr"
	"github.com/loa-vn/loa/internal/vn"
)

// Answers maps a question id to its answer's values: one value for most
// types, the ticked options of a multiple question, the province and then
// the commune code of a place question, the upload token of a file.
type Answers map[string][]string

// IdentityField is the key of the respondent's identity among the raw
// answers of an identified survey. Question ids cannot start with "_".
const IdentityField = "_identity"

// Lookup checks answers against the rest of Loa: units and uploads. The
// web layer plugs in the units store and the survey's unclaimed files;
// tests and fuzzing use maps.
type Lookup interface {
	// Province reports whether a province with this code is in force.
	Province(code string) bool
	// Commune reports whether a commune with this code is in force in the
	// province.
	Commune(province, commune string) bool
	// File reports whether token names a file uploaded for the question
	// and not yet part of a response.
	File(question, token string) bool
}

// FieldError is a problem with one answer: Field is the question id (or
// IdentityField), Message is Vietnamese and never repeats the value.
type FieldError = fielderr.Field

// Step is where a respondent is after the pages submitted so far.
type Step struct {
	// Path lists the pages completed, in the order seen.
	Path []int
	// Page is the page to show now (with Errors when they are about it);
	// -1 when Done.
	Page int
	// Answers are the clean answers of the completed pages: hidden
	// questions and unknown keys dropped, values normalised.
	Answers Answers
	// Identity is the normalised identity of an identified survey.
	Identity string
	// Errors are the problems on Page, in question order.
	Errors []FieldError
	// Done means every page on the path is valid and the survey may be
	// submitted.
	Done bool
}

// maxNumber bounds number answers and limits: beyond ±10^15 a float64
// loses whole units.
const maxNumber = 1e15

// Walk validates raw answers page by page along the path a respondent
// takes, from the first page. It stops at the first page with problems
// (Errors, Page set to it), after the page with id upTo (Page set to the
// page that follows, or Done when that is the end) or, when upTo is "" or
// not on the path, at the end of the survey (Done when every page is
// valid). Walk never fails: bad input only gives FieldErrors.
func (d *Definition) Walk(raw Answers, upTo string, lk Lookup) Step {
	st := Step{Answers: Answers{}, Page: -1}
	i := 0
	for steps := 0; i >= 0 && steps <= len(d.Pages); steps++ {
		if slices.Contains(st.Path, i) {
			break // cannot happen with a checked definition; never loop
		}
		if i == 0 && d.Identity != IdentityNone {
			id, msg := identityValue(d.Identity, raw[IdentityField])
			if msg != "" {
				st.Errors = append(st.Errors, FieldError{Field: IdentityField, Message: msg})
			}
			st.Identity = id
		}
		page := &d.Pages[i]
		for k := range page.Questions {
			q := &page.Questions[k]
			if !d.holds(q.ShowIf, st.Answers) {
				continue
			}
			vals, msg := q.clean(raw[q.ID], lk)
			if msg != "" {
				st.Errors = append(st.Errors, FieldError{Field: q.ID, Message: msg})
				continue
			}
			if len(vals) > 0 {
				st.Answers[q.ID] = vals
			}
		}
		if len(st.Errors) > 0 {
			st.Page = i
			return st
		}
		st.Path = append(st.Path, i)
		next := d.next(i, st.Answers)
		if page.ID == upTo {
			st.Page, st.Done = next, next < 0
			return st
		}
		i = next
	}
	st.Done = i < 0
	return st
}

// identityValue checks and normalises the identity of an identified
// survey.
func identityValue(kind string, vals []string) (string, string) {
	v := ""
	if len(vals) > 0 {
		v = strings.TrimSpace(vals[0])
	}
	if len(vals) > 1 {
		return "", "Chỉ nhập một giá trị."
	}
	switch kind {
	case IdentityPhone:
		if v == "" {
			return "", "Vui lòng nhập số điện thoại di động của bạn."
		}
		if !vn.IsMobile(v) {
			return "", "Số điện thoại di động không đúng (ví dụ 0912 345 678)."
		}
		return canonicalMobile(v), ""
	default:
		if v == "" {
			return "", "Vui lòng nhập địa chỉ thư điện tử của bạn."
		}
		e, ok := cleanEmail(v)
		if !ok {
			return "", "Địa chỉ thư điện tử không đúng (ví dụ ten@example.vn)."
		}
		return strings.ToLower(e), ""
	}
}

// holds reports whether every condition holds for the clean answers.
func (d *Definition) holds(cs []Condition, clean Answers) bool {
	for _, c := range cs {
		q := d.Question(c.Question)
		if q == nil || !c.holds(q, clean[c.Question]) {
			return false
		}
	}
	return true
}

// holds evaluates one condition on a question's clean values.
func (c Condition) holds(q *Question, vals []string) bool {
	switch c.Op {
	case OpAnswered:
		return len(vals) > 0
	case OpNotAnswered:
		return len(vals) == 0
	case OpEquals:
		return slices.Contains(vals, c.Value)
	case OpNotEquals:
		return !slices.Contains(vals, c.Value)
	case OpAnyOf:
		return slices.ContainsFunc(vals, func(v string) bool { return slices.Contains(c.Values, v) })
	case OpAtLeast, OpAtMost:
		if len(vals) == 0 {
			return false
		}
		a, ok1 := parseNumber(vals[0])
		b, ok2 := parseNumber(c.Value)
		if !ok1 || !ok2 {
			return false
		}
		if c.Op == OpAtLeast {
			return a >= b
		}
		return a <= b
	}
	return false
}

// clean validates the raw values of one shown question and returns them
// normalised (nil when unanswered), or a Vietnamese message.
func (q *Question) clean(raw []string, lk Lookup) ([]string, string) {
	if len(raw) > MaxOptions+1 {
		return nil, "Câu trả lời không hợp lệ."
	}
	vals := make([]string, 0, len(raw))
	for _, v := range raw {
		if q.Type == TypeLongText {
			v = cleanText(v)
		} else {
			v = vn.Normalize(v)
		}
		if v != "" {
			vals = append(vals, v)
		}
	}
	if q.Type == TypePlace && len(raw) == 2 && len(vals) == 1 && strings.TrimSpace(raw[0]) != "" {
		// A province chosen but no commune: say which part is missing.
		if q.Level == LevelCommune {
			if q.Required {
				return nil, "Vui lòng chọn xã, phường."
			}
			vals = vals[:0]
		}
	}
	if len(vals) == 0 {
		if q.Required {
			return nil, requiredMessage(q.Type)
		}
		return nil, ""
	}
	if q.Type != TypeMultiple && q.Type != TypePlace && len(vals) > 1 {
		return nil, "Câu hỏi này chỉ nhận một câu trả lời."
	}
	v := vals[0]
	switch q.Type {
	case TypeShortText, TypeLongText:
		if q.Type == TypeShortText {
			v = strings.ReplaceAll(v, "\n", " ")
		}
		n := utf8.RuneCountInString(v)
		if n > q.TextLimit() {
			return nil, fmt.Sprintf("Câu trả lời dài %d ký tự, vượt giới hạn %d ký tự.", n, q.TextLimit())
		}
		if q.MinLength != nil && n < *q.MinLength {
			return nil, fmt.Sprintf("Câu trả lời cần ít nhất %d ký tự.", *q.MinLength)
		}
		return []string{v}, ""
	case TypeSingle:
		if !q.hasOption(v) {
			return nil, "Vui lòng chọn một phương án trong danh sách."
		}
		return []string{v}, ""
	case TypeMultiple:
		var out []string
		for _, o := range q.Options { // option order, each once
			if slices.Contains(vals, o.Value) {
				out = append(out, o.Value)
			}
		}
		for _, v := range vals {
			if !q.hasOption(v) {
				return nil, "Vui lòng chỉ chọn các phương án trong danh sách."
			}
		}
		if q.MinChoices != nil && len(out) < *q.MinChoices {
			return nil, fmt.Sprintf("Vui lòng chọn ít nhất %d phương án.", *q.MinChoices)
		}
		if q.MaxChoices != nil && len(out) > *q.MaxChoices {
			return nil, fmt.Sprintf("Vui lòng chọn nhiều nhất %d phương án.", *q.MaxChoices)
		}
		return out, ""
	case TypeRating, TypeScale:
		lo, hi := scaleRange(q.Type)
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return nil, fmt.Sprintf("Vui lòng chọn một mức từ %d đến %d.", lo, hi)
		}
		return []string{strconv.Itoa(n)}, ""
	case TypeYesNo:
		if v != "yes" && v != "no" {
			return nil, "Vui lòng chọn Có hoặc Không."
		}
		return []string{v}, ""
	case TypeDate:
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return nil, "Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm có trong lịch."
		}
		v = t.Format(time.DateOnly)
		if q.MinDate != "" && v < q.MinDate {
			return nil, "Ngày phải từ " + viDate(q.MinDate) + " trở đi."
		}
		if q.MaxDate != "" && v > q.MaxDate {
			return nil, "Ngày phải không muộn hơn " + viDate(q.MaxDate) + "."
		}
		return []string{v}, ""
	case TypeNumber:
		f, ok := parseNumber(v)
		if !ok {
			return nil, "Vui lòng nhập một số (ví dụ 12 hoặc 12,5)."
		}
		if q.Integer && f != math.Trunc(f) {
			return nil, "Vui lòng nhập một số nguyên."
		}
		if q.Min != nil && f < *q.Min {
			return nil, "Số phải từ " + formatNumber(*q.Min) + " trở lên."
		}
		if q.Max != nil && f > *q.Max {
			return nil, "Số phải không lớn hơn " + formatNumber(*q.Max) + "."
		}
		return []string{strconv.FormatFloat(f, 'f', -1, 64)}, ""
	case TypeEmail:
		e, ok := cleanEmail(v)
		if !ok {
			return nil, "Địa chỉ thư điện tử không đúng (ví dụ ten@example.vn)."
		}
		return []string{e}, ""
	case TypePhone:
		if !vn.IsMobile(v) {
			return nil, "Số điện thoại di động không đúng (10 chữ số, ví dụ 0912 345 678)."
		}
		return []string{canonicalMobile(v)}, ""
	case TypeCCCD:
		if !vn.IsCCCD(v) {
			return nil, "Số CCCD gồm 12 chữ số, bắt đầu bằng mã tỉnh nơi đăng ký khai sinh (001–096)."
		}
		return []string{digits(v)}, ""
	case TypePlace:
		return q.cleanPlace(vals, lk)
	case TypeFile:
		if lk == nil || !lk.File(q.ID, v) {
			return nil, "Tệp đính kèm không còn trên máy chủ; vui lòng chọn lại tệp."
		}
		return []string{v}, ""
	}
	return nil, "Câu trả lời không hợp lệ."
}

var (
	provinceCode = regexp.MustCompile(`^[0-9]{2}$`)
	communeCode  = regexp.MustCompile(`^[0-9]{5}$`)
)

// cleanPlace checks a province (and commune) against the units.
func (q *Question) cleanPlace(vals []string, lk Lookup) ([]string, string) {
	want := 1
	if q.Level == LevelCommune {
		want = 2
	}
	if len(vals) != want {
		if want == 2 {
			return nil, "Vui lòng chọn tỉnh, thành phố và xã, phường."
		}
		return nil, "Vui lòng chọn một tỉnh, thành phố."
	}
	if !provinceCode.MatchString(vals[0]) || lk == nil || !lk.Province(vals[0]) {
		return nil, "Tỉnh, thành phố không có trong danh mục hiện hành."
	}
	if want == 2 && (!communeCode.MatchString(vals[1]) || !lk.Commune(vals[0], vals[1])) {
		return nil, "Xã, phường không thuộc tỉnh, thành phố đã chọn."
	}
	return vals, ""
}

func (q *Question) hasOption(v string) bool {
	return slices.ContainsFunc(q.Options, func(o Option) bool { return o.Value == v })
}

// requiredMessage asks for an answer in words that fit the type.
func requiredMessage(t QuestionType) string {
	switch t {
	case TypeSingle, TypeRating, TypeScale, TypeYesNo:
		return "Vui lòng chọn một câu trả lời."
	case TypeMultiple:
		return "Vui lòng chọn ít nhất một phương án."
	case TypePlace:
		return "Vui lòng chọn địa bàn."
	case TypeFile:
		return "Vui lòng đính kèm tệp."
	}
	return "Vui lòng trả lời câu hỏi này."
}

// numberPattern accepts a decimal number written with a dot or, the
// Vietnamese way, a comma: "12", "-3", "12,5", "12.5".
var numberPattern = regexp.MustCompile(`^[+-]?[0-9]{1,16}(?:[.,][0-9]{1,8})?$`)

// parseNumber reads a number answer or a limit.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !numberPattern.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.Abs(f) > maxNumber {
		return 0, false
	}
	return f, true
}

// formatNumber writes a number the Vietnamese way, with a decimal comma.
func formatNumber(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

// viDate writes YYYY-MM-DD as DD/MM/YYYY.
func viDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

// cleanEmail accepts a bare address net/mail can parse, with a dot in the
// domain (addresses at a bare host name are typing mistakes in practice).
func cleanEmail(s string) (string, bool) {
	if len(s) > 254 {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return "", false
	}
	return s, true
}

// canonicalMobile writes a number vn.IsMobile accepted as ten digits with
// a leading 0: "+84 912 345 678" → "0912345678".
func canonicalMobile(s string) string {
	d := digits(s)
	switch {
	case strings.HasPrefix(d, "0084") && len(d) == 13:
		return "0" + d[4:]
	case strings.HasPrefix(d, "84") && len(d) == 11:
		return "0" + d[2:]
	}
	return d
}

func digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
