package measure

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// Problem is one thing wrong (or worth a warning) with an item: the field,
// a stable code for programs and a Vietnamese message for people.
type Problem struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s", p.Field, p.Message) }

// Warning codes: the item is stored, but someone should look.
const (
	// WarnUnknownProcedure: the procedure is not in the catalogue; counted
	// under the code as sent.
	WarnUnknownProcedure = "unknown_procedure"
	// WarnLevelIgnored: an online level was given for a dossier not filed
	// online; it was dropped.
	WarnLevelIgnored = "level_ignored"
)

// Limits on what an event may carry.
const (
	maxIDLen        = 128
	maxSourceLen    = 64
	maxProcedureLen = 64
	// maxFuture tolerates clocks of agencies' systems running ahead.
	maxFuture = 24 * time.Hour
)

// earliest is the first day an event may be dated: nothing older is a
// measurement of this programme.
var earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, vietnam)

// validator checks events against the units and procedures known.
type validator struct {
	dir   *Directory
	procs Procedures
	now   time.Time
}

// validate checks one event. It returns the event ready to store, or the
// problems that reject it; warnings do not reject.
func (v *validator) validate(in *EventInput) (ev Event, warnings, problems []Problem) {
	bad := func(field, code, msg string) { problems = append(problems, Problem{field, code, msg}) }

	ev.ID = strings.TrimSpace(in.ID)
	switch {
	case ev.ID == "":
		bad("id", "required", "Thiếu mã sự kiện (id).")
	case len(ev.ID) > maxIDLen || !printable(ev.ID):
		bad("id", "invalid", fmt.Sprintf("Mã sự kiện phải có từ 1 đến %d ký tự in được, không có ký tự điều khiển.", maxIDLen))
	}
	src := strings.TrimSpace(in.Source)
	switch {
	case src == "":
		bad("source", "required", "Thiếu tên hệ thống gửi (source).")
	case len(src) > maxSourceLen || !isToken(src):
		bad("source", "invalid", fmt.Sprintf("Tên hệ thống gửi chỉ gồm chữ Latinh không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới; tối đa %d ký tự.", maxSourceLen))
	}
	ev.Source = src

	ev.Kind = Kind(strings.TrimSpace(in.Type))
	switch ev.Kind {
	case KindReceived, KindResolved, KindReturned, KindPaidOnline, KindRated:
	case "":
		bad("type", "required", "Thiếu loại sự kiện (type).")
	default:
		bad("type", "invalid", "Loại sự kiện phải là received, resolved, returned, paid_online hoặc rated.")
	}

	if t, ok := v.parseTime(in.OccurredAt, "occurred_at", true, &problems); ok {
		ev.OccurredAt = t
		ev.Day = DayOf(t)
	}
	if t, ok := v.parseTime(in.DueAt, "due_at", false, &problems); ok {
		ev.DueAt = t
	}
	if t, ok := v.parseTime(in.ResolvedAt, "resolved_at", false, &problems); ok {
		ev.ResolvedAt = t
	}

	proc := strings.TrimSpace(in.Procedure)
	switch {
	case proc == "":
		bad("procedure", "required", "Thiếu mã thủ tục (procedure).")
	case len(proc) > maxProcedureLen || !isToken(proc) || proc == "*":
		bad("procedure", "invalid", "Mã thủ tục chỉ gồm chữ Latinh không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.")
	default:
		procs := v.procs
		if procs == nil {
			procs = NoProcedures
		}
		if p, ok := procs(proc); ok {
			ev.Procedure, ev.KnownProcedure = p.Key(), true
		} else {
			ev.Procedure = proc
			warnings = append(warnings, Problem{"procedure", WarnUnknownProcedure,
				"Thủ tục chưa có trong danh mục của Loa; vẫn được tính theo mã đã gửi."})
		}
	}

	unit := strings.TrimSpace(in.Unit)
	if unit == "" {
		bad("unit", "required", "Thiếu mã đơn vị (unit): mã bộ, mã tỉnh 2 chữ số hoặc mã xã 5 chữ số.")
	} else if u, ok := v.dir.Unit(unit); !ok {
		bad("unit", "unknown", "Mã đơn vị không có trong danh mục hiện hành (mã bộ, mã tỉnh 2 chữ số hoặc mã xã 5 chữ số).")
	} else {
		ev.Unit, ev.Province, ev.Agency = u.Code, u.Province, u.Agency
	}

	ch, chOK := parseChannel(in.Channel)
	switch {
	case !chOK:
		bad("channel", "invalid", "Kênh nộp phải là online (trực tuyến), in_person (trực tiếp) hoặc post (bưu chính).")
	case ch == "" && ev.Kind == KindReceived:
		bad("channel", "required", "Sự kiện tiếp nhận (received) phải có kênh nộp (channel).")
	}
	ev.Channel = ch
	lv, lvOK := parseLevel(in.Level)
	switch {
	case !lvOK:
		bad("level", "invalid", "Mức trực tuyến phải là full (toàn trình) hoặc partial (một phần).")
	case lv != "" && chOK && ch != ChannelOnline:
		warnings = append(warnings, Problem{"level", WarnLevelIgnored,
			"Mức trực tuyến chỉ áp dụng cho hồ sơ nộp trực tuyến; đã bỏ qua."})
	default:
		ev.Level = lv
	}

	switch {
	case ev.Kind == KindRated && (in.Score < 1 || in.Score > 5):
		bad("score", "invalid", "Sự kiện đánh giá (rated) phải có điểm (score) từ 1 đến 5.")
	case ev.Kind != KindRated && in.Score != 0:
		bad("score", "invalid", "Chỉ sự kiện đánh giá (rated) mới có điểm (score).")
	default:
		ev.Score = in.Score
	}
	if len(problems) > 0 {
		return Event{}, warnings, problems
	}
	return ev, warnings, nil
}

// parseTime reads an RFC 3339 time; one without an offset is taken as
// Vietnam's time, which is what agencies' systems mean.
func (v *validator) parseTime(s, field string, required bool, problems *[]Problem) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			*problems = append(*problems, Problem{field, "required", "Thiếu thời điểm (" + field + ")."})
		}
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02T15:04:05", s, vietnam)
	}
	if err != nil {
		*problems = append(*problems, Problem{field, "invalid",
			"Thời điểm phải theo RFC 3339, ví dụ 2025-03-14T09:30:00+07:00."})
		return time.Time{}, false
	}
	if t.Before(earliest) || (!v.now.IsZero() && t.After(v.now.Add(maxFuture))) {
		*problems = append(*problems, Problem{field, "out_of_range",
			"Thời điểm nằm ngoài khoảng cho phép (từ năm 2000 đến hiện tại)."})
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Microsecond), true
}

// parseChannel accepts the English codes and the Vietnamese words, with
// or without diacritics ("trực tuyến", "truc-tuyen").
func parseChannel(s string) (Channel, bool) {
	switch fold(s) {
	case "":
		return "", true
	case "online", "truc-tuyen":
		return ChannelOnline, true
	case "in-person", "in_person", "truc-tiep":
		return ChannelInPerson, true
	case "post", "buu-chinh":
		return ChannelPost, true
	}
	return "", false
}

// parseLevel accepts "full"/"toàn trình" and "partial"/"một phần".
func parseLevel(s string) (Level, bool) {
	switch fold(s) {
	case "":
		return "", true
	case "full", "toan-trinh":
		return LevelFull, true
	case "partial", "mot-phan":
		return LevelPartial, true
	}
	return "", false
}

// fold lower-cases, drops diacritics and joins words with '-', so
// "Toàn trình" and "toan_trinh" compare equal to "toan-trinh".
func fold(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	f := vn.Fold(s)
	return strings.Join(strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
}

// isToken reports whether s has only ASCII letters, digits, '.', '-', '_'.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// printable reports whether s is valid UTF-8 without control characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}
