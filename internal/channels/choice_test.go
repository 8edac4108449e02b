package channels

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/catalog"
)

func TestChoicePayloadRoundTrip(t *testing.T) {
	for _, slug := range []string{"a", "dang-ky-khai-sinh", "cap-doi-giay-phep-lai-xe-2-000-123", strings.Repeat("a", 160)} {
		p := ChoicePayload(slug)
		if got, ok := ChoiceSlug(p); !ok || got != slug {
			t.Errorf("ChoiceSlug(%q) = %q, %v", p, got, ok)
		}
		if len(p) > maxChoicePayload {
			t.Errorf("payload of %d bytes", len(p))
		}
	}
	for _, bad := range []string{
		"", "GET_STARTED", "2", "dang-ky-khai-sinh", // not ours
		"LOA_OPTION:", "LOA_OPTION:Dang-Ky", "LOA_OPTION:a--b", "LOA_OPTION:-a", "LOA_OPTION:a-",
		"LOA_OPTION:'; DROP TABLE channel_messages;--", "LOA_OPTION:a b", "LOA_OPTION:đăng-ký",
		"LOA_OPTION:../../admin", "LOA_OPTION:" + strings.Repeat("a", 161), "loa_option:abc",
	} {
		if slug, ok := ChoiceSlug(bad); ok {
			t.Errorf("ChoiceSlug(%q) accepted %q", bad, slug)
		}
	}
}

func FuzzChoiceSlug(f *testing.F) {
	f.Add("LOA_OPTION:dang-ky-khai-sinh")
	f.Add("LOA_OPTION:a-1-b")
	f.Fuzz(func(t *testing.T, payload string) {
		slug, ok := ChoiceSlug(payload)
		if !ok {
			return
		}
		if !catalog.ValidSlug(slug) {
			t.Fatalf("accepted slug %q from %q", slug, payload)
		}
		if again, ok := ChoiceSlug(ChoicePayload(slug)); !ok || again != slug {
			t.Fatalf("round trip of %q: %q", slug, again)
		}
	})
}

func TestChoiceTitle(t *testing.T) {
	for _, tt := range []struct {
		i           int
		title, want string
	}{
		{0, "Đăng ký khai sinh", "1. Đăng ký khai sinh"},
		{1, "Cấp hộ chiếu phổ thông ở trong nước", "2. Cấp hộ chiếu phổ…"},
		{2, "Đăng ký thường trú", "3. Đăng ký thường…"},
		{2, "Đăng ký tạm trú", "3. Đăng ký tạm trú"},
		{0, "Đăng ký  khai   sinh", "1. Đăng ký khai sinh"},
		// One long word is cut where it must be.
		{0, "Cấpđổigiấyphépláixe", "1. Cấpđổigiấyphéplá…"},
		// Punctuation is not left before the ellipsis.
		{0, "Thủ tục A, B và C cùng lúc", "1. Thủ tục A, B và…"},
		{0, "Lý lịch tư pháp, số 1", "1. Lý lịch tư pháp…"},
	} {
		got := ChoiceTitle(tt.i, tt.title)
		if got != tt.want {
			t.Errorf("ChoiceTitle(%d, %q) = %q, want %q", tt.i, tt.title, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > MaxChoiceTitle {
			t.Errorf("%q: %d characters", got, n)
		}
	}
}

func TestChoicesFitMessengerAndStayApart(t *testing.T) {
	var opts []assistant.Option
	for i := range 15 {
		opts = append(opts, assistant.Option{Slug: fmt.Sprintf("cap-giay-phep-xay-dung-%d", i),
			Title: "Cấp giấy phép xây dựng nhà ở riêng lẻ loại " + fmt.Sprint(i)})
	}
	cs := Choices(opts)
	if len(cs) != MaxChoices {
		t.Fatalf("%d choices, want %d", len(cs), MaxChoices)
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if n := utf8.RuneCountInString(c.Title); n == 0 || n > MaxChoiceTitle || !norm.NFC.IsNormalString(c.Title) {
			t.Errorf("title %q", c.Title)
		}
		if seen[c.Title] {
			t.Errorf("two buttons read %q", c.Title)
		}
		seen[c.Title] = true
		if slug, ok := ChoiceSlug(c.Payload); !ok || slug != opts[i].Slug {
			t.Errorf("choice %d: payload %q", i, c.Payload)
		}
	}
}

func TestOptionNumber(t *testing.T) {
	for in, want := range map[string]int{"1": 1, " 2 ": 2, "3.": 3, "2)": 2, "12": 12, "0": 0} {
		if n, ok := optionNumber(in); !ok || n != want {
			t.Errorf("optionNumber(%q) = %d, %v", in, n, ok)
		}
	}
	for _, in := range []string{"", "số 2", "2 ạ", "-1", "+1", "100", "1.5", "một", "1800 1096", "١"} {
		if n, ok := optionNumber(in); ok {
			t.Errorf("optionNumber(%q) = %d", in, n)
		}
	}
}

func TestNoticesAreNFC(t *testing.T) {
	for _, s := range []string{MediaNotice, staleChoice, numberOutOfRange(3)} {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("not NFC: %q", s)
		}
	}
}
