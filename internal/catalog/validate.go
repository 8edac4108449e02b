package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/units"
)

// Limits on the shape of a service record. They keep garbage out of the
// catalogue and out of addresses, not real records: the longest national
// procedure name is about 400 characters.
const (
	maxCodeLen = 40
	maxSlugLen = 160
	maxNameLen = 1000
)

var (
	codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
)

// ValidSlug reports whether s has the form of a service's slug: lower-case
// letters without marks, digits and single hyphens, at most 160 bytes.
func ValidSlug(s string) bool { return len(s) <= maxSlugLen && slugPattern.MatchString(s) }

// Validate checks that svc can be stored and shown: code, slug and name
// present and well formed, known online level, at least one known level,
// known channels and life events, every text valid UTF-8 in NFC without
// control characters. The error joins one *LineError per problem, with the
// JSON field name of Service and no line.
func (svc *Service) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &LineError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case svc.Code == "":
		bad("code", "trống")
	case len(svc.Code) > maxCodeLen || !codePattern.MatchString(svc.Code):
		bad("code", "mã %q không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới, tối đa %d ký tự", svc.Code, maxCodeLen)
	}
	switch {
	case svc.Slug == "":
		bad("slug", "trống")
	case !ValidSlug(svc.Slug):
		bad("slug", "đường dẫn %q không hợp lệ: chỉ gồm chữ thường không dấu, số và dấu gạch ngang, tối đa %d ký tự", svc.Slug, maxSlugLen)
	}
	switch {
	case strings.TrimSpace(svc.Name) == "":
		bad("name", "trống")
	case utf8.RuneCountInString(svc.Name) > maxNameLen:
		bad("name", "dài quá %d ký tự", maxNameLen)
	}
	if !svc.OnlineLevel.Valid() {
		bad("online_level", "mức độ trực tuyến %q không hợp lệ", svc.OnlineLevel)
	}
	if len(svc.Levels) == 0 {
		bad("levels", "cần ít nhất một cấp thực hiện")
	}
	seenLevel := map[Level]bool{}
	for _, l := range svc.Levels {
		if !l.Valid() {
			bad("levels", "cấp thực hiện %q không hợp lệ", l)
		} else if seenLevel[l] {
			bad("levels", "cấp thực hiện %q lặp lại", l)
		}
		seenLevel[l] = true
	}
	for _, a := range svc.Agencies {
		if !units.ValidAgencyCode(a) {
			bad("agencies", "mã cơ quan %q không hợp lệ", a)
		}
	}
	for _, e := range svc.LifeEvents {
		if _, ok := LifeEventBySlug(e); !ok {
			bad("life_events", "sự kiện cuộc sống %q không có trong danh sách", e)
		}
	}
	for i, ch := range svc.Channels {
		if !ch.Kind.Valid() {
			bad("channels", "kênh thứ %d: loại %q không hợp lệ", i+1, ch.Kind)
		}
		if ch.FeeVND != nil && *ch.FeeVND < 0 {
			bad("channels", "kênh thứ %d: phí âm", i+1)
		}
	}
	for i, d := range svc.Documents {
		if strings.TrimSpace(d.Name) == "" {
			bad("documents", "giấy tờ thứ %d: thiếu tên", i+1)
		}
		if d.Originals < 0 || d.Copies < 0 {
			bad("documents", "giấy tờ thứ %d: số bản âm", i+1)
		}
	}
	if svc.PortalURL != "" {
		if err := checkWebURL(svc.PortalURL); err != nil {
			bad("portal_url", "%v", err)
		}
	}
	if svc.Raw != nil && !json.Valid(svc.Raw) {
		bad("raw", "bản ghi gốc không phải JSON hợp lệ")
	}
	svc.eachText(func(field, s string) {
		switch {
		case strings.TrimSpace(s) == "":
			bad(field, "có mục trống trong danh sách")
		case !utf8.ValidString(s):
			bad(field, "không phải UTF-8 hợp lệ")
		case !norm.NFC.IsNormalString(s):
			bad(field, "chưa chuẩn hoá Unicode NFC")
		case strings.ContainsFunc(s, isForbiddenControl):
			bad(field, "chứa ký tự điều khiển")
		}
	})
	return errors.Join(errs...)
}

// checkWebURL accepts absolute http and https addresses only: the link is
// shown to citizens, and any other scheme (javascript:, file:) has no place
// there.
func checkWebURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		return fmt.Errorf("địa chỉ %q không phải một địa chỉ web http(s) đầy đủ", s)
	}
	return nil
}

// isForbiddenControl reports control characters other than line breaks and
// tabs; NUL in particular cannot be stored in PostgreSQL TEXT.
func isForbiddenControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f
}

// eachText calls fn with every text of the procedure record (not the guide
// and FAQs, which have their own editors).
func (svc *Service) eachText(fn func(field, s string)) {
	one := func(field, s string) {
		if s != "" {
			fn(field, s)
		}
	}
	many := func(field string, list []string) {
		for _, s := range list {
			fn(field, s) // empty items too: a list never holds blanks
		}
	}
	one("code", svc.Code)
	one("slug", svc.Slug)
	one("name", svc.Name)
	one("field", svc.Field)
	one("agency_text", svc.AgencyText)
	one("conditions", svc.Conditions)
	one("result", svc.Result)
	one("portal_url", svc.PortalURL)
	one("source", svc.Source)
	many("agencies", svc.Agencies)
	many("audience", svc.Audience)
	many("life_events", svc.LifeEvents)
	many("steps", svc.Steps)
	many("legal_basis", svc.LegalBasis)
	many("keywords", svc.Keywords)
	for _, ch := range svc.Channels {
		one("channels", ch.ProcessingTime)
		one("channels", ch.Fee)
		one("channels", ch.Note)
	}
	for _, d := range svc.Documents {
		one("documents", d.Name)
		one("documents", d.Template)
		one("documents", d.Note)
	}
}
