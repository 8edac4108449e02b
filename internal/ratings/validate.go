package ratings

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
)

// MaxComment is the longest comment, in characters, as the listening
// issue sets it.
const MaxComment = 1000

// maxServiceKey bounds a slug or code before it is looked up.
const maxServiceKey = 160

// Submission is a rating as a citizen gives it.
type Submission struct {
	// Service is the service's slug or national code.
	Service string
	// Agency is the agency that handled the dossier, when known; when
	// empty it is the service's only responsible agency, if it has one.
	Agency   string
	Level    Level
	WentWell []Driver
	DidNot   []Driver
	// Comment is optional free text, at most MaxComment characters.
	Comment string
	// Source is where the rating was given; empty means SourceAPI.
	Source Source
}

// clean is a validated submission in the form it is stored.
type clean struct {
	service          string // national code
	agency           string
	level            Level
	wentWell, didNot DriverSet
	comment          string
	source           Source
}

// shape checks what can be checked without looking anything up and cleans
// the text: the comment in NFC without control characters, its personal
// data redacted. The service key is only trimmed.
func shape(in Submission) (clean, string, []FieldError) {
	var errs []FieldError
	bad := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	c := clean{level: in.Level, source: in.Source}

	key := strings.TrimSpace(in.Service)
	if key == "" || len(key) > maxServiceKey || !utf8.ValidString(key) {
		bad("service", "Vui lòng chọn dịch vụ công cần đánh giá.")
	}
	c.agency = strings.TrimSpace(in.Agency)
	if c.agency != "" && !units.ValidAgencyCode(c.agency) {
		bad("agency", "Mã cơ quan không hợp lệ.")
	}
	if !in.Level.Valid() {
		bad("level", "Vui lòng chọn một mức độ hài lòng.")
	}
	var err error
	if c.wentWell, err = NewDriverSet(in.WentWell...); err != nil {
		bad("went_well", "Vui lòng chọn điều tốt trong danh sách.")
	}
	if c.didNot, err = NewDriverSet(in.DidNot...); err != nil {
		bad("did_not", "Vui lòng chọn điều chưa tốt trong danh sách.")
	} else if c.wentWell&c.didNot != 0 {
		bad("did_not", "Một yếu tố không thể vừa tốt vừa chưa tốt.")
	}
	comment := vn.Normalize(stripControl(in.Comment))
	if n := utf8.RuneCountInString(comment); n > MaxComment {
		bad("comment", fmt.Sprintf("Góp ý dài %d ký tự; tối đa %d ký tự.", n, MaxComment))
	}
	// Redacted after the length check: the citizen is told about what
	// they typed, not about placeholders.
	c.comment = vn.RedactPII(comment)
	if c.source == "" {
		c.source = SourceAPI
	}
	if !c.source.Valid() {
		bad("source", "Nguồn đánh giá không hợp lệ.")
	}
	return c, key, errs
}

// validate checks in against the rules and the catalogue and returns it
// in the form it is stored. Problems a person must correct come back
// together as one *InvalidError; a failed lookup comes back wrapped.
func (s *Store) validate(ctx context.Context, in Submission) (clean, error) {
	c, key, errs := shape(in)
	// Only an agency the client named is looked up: one derived from the
	// catalogue is known, and the lookup is a query per rating.
	named := c.agency != ""
	if !hasField(errs, "service") {
		svc, ok, err := s.findService(ctx, key)
		if err != nil {
			return c, err
		}
		if !ok {
			errs = append(errs, FieldError{Field: "service", Message: "Dịch vụ công này không có trong danh mục."})
		} else {
			c.service = svc.Code
			if c.agency == "" && len(svc.Agencies) == 1 {
				c.agency = svc.Agencies[0]
			}
		}
	}
	if named && !hasField(errs, "agency") && s.lookup.Agency != nil {
		ok, err := s.lookup.Agency(ctx, c.agency)
		if err != nil {
			return c, fmt.Errorf("ratings: validate: agency: %w", err)
		}
		if !ok {
			errs = append(errs, FieldError{Field: "agency", Message: "Không có cơ quan với mã này."})
		}
	}
	if len(errs) > 0 {
		return c, &InvalidError{Fields: sortFields(errs)}
	}
	return c, nil
}

// findService looks key up; without a lookup nothing is found.
func (s *Store) findService(ctx context.Context, key string) (Service, bool, error) {
	if s.lookup.Service == nil {
		return Service{}, false, nil
	}
	svc, ok, err := s.lookup.Service(ctx, key)
	if err != nil {
		return Service{}, false, fmt.Errorf("ratings: validate: service: %w", err)
	}
	return svc, ok && svc.Code != "", nil
}

// fieldOrder is the order of the fields on the forms.
var fieldOrder = []string{"service", "agency", "level", "went_well", "did_not", "comment", "source"}

func sortFields(errs []FieldError) []FieldError {
	out := make([]FieldError, 0, len(errs))
	for _, f := range fieldOrder {
		for _, e := range errs {
			if e.Field == f {
				out = append(out, e)
			}
		}
	}
	return out
}

func hasField(errs []FieldError, field string) bool {
	for _, e := range errs {
		if e.Field == field {
			return true
		}
	}
	return false
}

// stripControl makes s valid UTF-8 and drops control characters other
// than white space, which Normalize then folds into single spaces.
func stripControl(s string) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
