package ratings

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/vn"
)

// FuzzShape feeds the submission validator arbitrary input. Whatever comes
// in, it must not panic, and what it accepts must be storable as is: a
// level on the scale, known and disjoint drivers, a comment in NFC, valid
// UTF-8, without control characters, with nothing left to redact.
func FuzzShape(f *testing.F) {
	f.Add("dang-ky-khai-sinh", "BTP", 4, "speed,ease", "cost", "Nhanh, gọi 0912 345 678", "page")
	f.Add("", "", 0, "", "", "", "")
	f.Add("x", "bộ", 9, "staff", "staff", "ho\u0300a\x00\r\n", "link")
	f.Add("1.001193", "UBND-00004", 1, "price", "", strings.Repeat("ạ", 1001), "api")
	f.Add("a", "A", 5, "", "technical", "a@b.vn 012345678901 4111-1111-1111-1111", "assistant")
	f.Fuzz(func(t *testing.T, service, agency string, level int, well, not, comment, source string) {
		split := func(s string) []Driver {
			var out []Driver
			for _, p := range strings.Split(s, ",") {
				if p != "" {
					out = append(out, Driver(p))
				}
			}
			return out
		}
		c, _, errs := shape(Submission{Service: service, Agency: agency, Level: Level(level),
			WentWell: split(well), DidNot: split(not), Comment: comment, Source: Source(source)})
		for _, e := range errs {
			if e.Message == "" || !strings.Contains(strings.Join(fieldOrder, " "), e.Field) {
				t.Fatalf("field error %+v", e)
			}
		}
		if len(errs) > 0 {
			return
		}
		if !c.level.Valid() || !c.source.Valid() || !c.wentWell.valid() || !c.didNot.valid() || c.wentWell&c.didNot != 0 {
			t.Fatalf("accepted %+v", c)
		}
		if !utf8.ValidString(c.comment) || !norm.NFC.IsNormalString(c.comment) {
			t.Fatalf("comment %q is not valid NFC", c.comment)
		}
		if strings.IndexFunc(c.comment, unicode.IsControl) >= 0 {
			t.Fatalf("comment %q keeps a control character", c.comment)
		}
		if vn.RedactPII(c.comment) != c.comment {
			t.Fatalf("comment %q still holds personal data", c.comment)
		}
	})
}
