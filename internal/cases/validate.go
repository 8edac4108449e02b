package cases

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
)

// Limits on a case's fields.
const (
	// MaxDescription is the longest description, in characters (runes),
	// as the listening issue sets it.
	MaxDescription = 4000
	// MaxContactName is the longest contact name, in characters.
	MaxContactName = 200
	// maxEmail is the longest address SMTP carries (RFC 5321 path limit).
	maxEmail = 254
)

var (
	provincePattern = regexp.MustCompile(`^[0-9]{2}$`)
	communePattern  = regexp.MustCompile(`^[0-9]{5}$`)
	convPattern     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	actorPattern    = regexp.MustCompile(`^(citizen|system|staff:[0-9]{1,19}|token:[0-9]{1,19})$`)
	// emailPattern accepts the ASCII addresses people use in practice — the
	// same shape vn.RedactPII recognises, so an address accepted here is
	// one the redactor can find.
	emailPattern = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$`)
)

// Validate checks in, fills the defaults and returns it cleaned, the form
// Open stores: text in NFC, the phone number as ten digits, codes trimmed.
// Problems a person must correct come back together as one *InvalidError;
// an error from a Checks function comes back as it is, wrapped.
//
// Rules: Source is required. Channel defaults by source and is a short
// lower-case slug. Category defaults to CategoryOther. ServiceSlug, when
// given, is a slug (and a known service with Checks.Service). ProvinceCode
// is 2 digits, CommuneCode 5 digits and needs ProvinceCode. Description
// holds 1 to MaxDescription characters after cleaning. Contact fields are
// optional: a name of at most MaxContactName characters, a Vietnamese
// mobile number (vn.IsMobile), an e-mail address. By defaults by source;
// hotline and backoffice cases must name the officer.
func (s *Store) Validate(ctx context.Context, in NewCase) (NewCase, error) {
	var errs []FieldError
	bad := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }

	if !in.Source.Valid() {
		bad("source", "Nguồn tiếp nhận không hợp lệ.")
	}
	in.Channel = strings.TrimSpace(in.Channel)
	if in.Channel == "" && in.Source.Valid() {
		in.Channel = in.Source.defaultChannel()
	}
	// With no source there is no default channel; one message is enough.
	if (in.Channel != "" || in.Source.Valid()) && !channelPattern.MatchString(in.Channel) {
		bad("channel", "Kênh tiếp nhận không hợp lệ.")
	}
	in.Category = Category(strings.TrimSpace(string(in.Category)))
	if in.Category == "" {
		in.Category = CategoryOther
	}
	if !in.Category.Valid() {
		bad("category", "Vui lòng chọn một lĩnh vực trong danh sách.")
	}

	in.ServiceSlug = strings.TrimSpace(in.ServiceSlug)
	if in.ServiceSlug != "" {
		if !catalog.ValidSlug(in.ServiceSlug) {
			bad("service", "Dịch vụ công không hợp lệ.")
		} else if ok, err := check(ctx, s.checks.Service, in.ServiceSlug); err != nil {
			return in, fmt.Errorf("cases: validate: service: %w", err)
		} else if !ok {
			bad("service", "Dịch vụ công này không có trong danh mục.")
		}
	}

	in.ProvinceCode = strings.TrimSpace(in.ProvinceCode)
	in.CommuneCode = strings.TrimSpace(in.CommuneCode)
	provinceOK := false
	if in.ProvinceCode != "" {
		if !provincePattern.MatchString(in.ProvinceCode) {
			bad("province_code", "Mã tỉnh, thành phố phải gồm 2 chữ số.")
		} else if ok, err := check(ctx, s.checks.Province, in.ProvinceCode); err != nil {
			return in, fmt.Errorf("cases: validate: province: %w", err)
		} else if !ok {
			bad("province_code", "Không có tỉnh, thành phố với mã này.")
		} else {
			provinceOK = true
		}
	}
	if in.CommuneCode != "" {
		switch {
		case !communePattern.MatchString(in.CommuneCode):
			bad("commune_code", "Mã xã, phường phải gồm 5 chữ số.")
		case in.ProvinceCode == "":
			bad("commune_code", "Vui lòng chọn tỉnh, thành phố của xã, phường.")
		case provinceOK && s.checks.Commune != nil:
			ok, err := s.checks.Commune(ctx, in.ProvinceCode, in.CommuneCode)
			if err != nil {
				return in, fmt.Errorf("cases: validate: commune: %w", err)
			}
			if !ok {
				bad("commune_code", "Xã, phường này không thuộc tỉnh, thành phố đã chọn.")
			}
		}
	}

	in.Description = cleanText(in.Description)
	switch n := utf8.RuneCountInString(in.Description); {
	case n == 0:
		bad("description", "Vui lòng nhập nội dung phản ánh.")
	case n > MaxDescription:
		bad("description", fmt.Sprintf("Nội dung phản ánh không được dài quá 4.000 ký tự (hiện có %s ký tự).", vn.GroupThousands(int64(n))))
	}

	in.Contact.Name = vn.Normalize(stripControl(in.Contact.Name))
	if utf8.RuneCountInString(in.Contact.Name) > MaxContactName {
		bad("contact_name", "Họ tên không được dài quá 200 ký tự.")
	}
	in.Contact.Phone = strings.TrimSpace(in.Contact.Phone)
	if in.Contact.Phone != "" {
		if vn.IsMobile(in.Contact.Phone) {
			in.Contact.Phone = canonicalMobile(in.Contact.Phone)
		} else {
			bad("contact_phone", "Số điện thoại di động không hợp lệ: cần 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.")
		}
	}
	in.Contact.Email = strings.TrimSpace(in.Contact.Email)
	if in.Contact.Email != "" {
		if len(in.Contact.Email) > maxEmail || !emailPattern.MatchString(in.Contact.Email) ||
			strings.Contains(in.Contact.Email, "..") {
			bad("contact_email", "Địa chỉ email không hợp lệ.")
		} else {
			// The domain is case-insensitive; the mailbox, strictly, is not.
			at := strings.LastIndexByte(in.Contact.Email, '@')
			in.Contact.Email = in.Contact.Email[:at] + strings.ToLower(in.Contact.Email[at:])
		}
	}

	in.ConversationID = strings.TrimSpace(in.ConversationID)
	if in.ConversationID != "" && !convPattern.MatchString(in.ConversationID) {
		bad("conversation_id", "Mã cuộc trò chuyện không hợp lệ.")
	}
	in.Agency = strings.TrimSpace(in.Agency)
	if in.Agency != "" {
		if !units.ValidAgencyCode(in.Agency) {
			bad("agency", "Mã cơ quan không hợp lệ.")
		} else if ok, err := check(ctx, s.checks.Agency, in.Agency); err != nil {
			return in, fmt.Errorf("cases: validate: agency: %w", err)
		} else if !ok {
			bad("agency", "Không có cơ quan với mã này.")
		}
	}
	in.By = strings.TrimSpace(in.By)
	if in.By == "" {
		in.By = in.Source.defaultActor()
	}
	if in.Source.Valid() && !actorPattern.MatchString(in.By) {
		bad("by", "Thiếu hoặc sai người tiếp nhận.")
	}

	if len(errs) > 0 {
		return in, &InvalidError{Fields: errs}
	}
	return in, nil
}

// check runs an optional lookup; a nil one accepts everything.
func check(ctx context.Context, fn func(context.Context, string) (bool, error), v string) (bool, error) {
	if fn == nil {
		return true, nil
	}
	return fn(ctx, v)
}

// cleanText prepares free text for storage: valid UTF-8, control
// characters other than line breaks dropped, each line normalised with
// vn.Normalize (NFC, one tone placement, white space collapsed), at most one
// blank line in a row, no blank lines at either end. Line breaks are kept
// because citizens write lists and paragraphs.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = stripControl(s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true // no blank line at the start
	for _, l := range lines {
		l = vn.Normalize(l)
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// stripControl makes s valid UTF-8 and drops control characters except
// line feed and tab (which vn.Normalize turns into a space).
func stripControl(s string) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// canonicalMobile writes a number vn.IsMobile accepted as ten digits with
// a leading 0: "+84 912 345 678" → "0912345678".
func canonicalMobile(s string) string {
	var d strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d.WriteByte(s[i])
		}
	}
	digits := d.String()
	switch {
	case strings.HasPrefix(digits, "0084") && len(digits) == 13:
		return "0" + digits[4:]
	case strings.HasPrefix(digits, "84") && len(digits) == 11:
		return "0" + digits[2:]
	}
	return digits
}

// groupThousands writes n the Vietnamese way, with dots: 4123 → "4.123".
func groupThousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}
