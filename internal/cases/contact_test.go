package cases

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"0912345678":   "091****678",
		"+84912345678": "+84******678",
		"":             "",
		"12345":        "*****",
		"1234567":      "*******",
		"12345678":     "123**678",
	} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskEmail(t *testing.T) {
	for in, want := range map[string]string{
		"nguyenvana@gmail.com": "ng***@gmail.com",
		"an@example.vn":        "a***@example.vn",
		"a@b.vn":               "a***@b.vn",
		"":                     "",
		"not-an-address":       "***",
		"@example.vn":          "***",
	} {
		if got := MaskEmail(in); got != want {
			t.Errorf("MaskEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn Văn An":      "Nguyễn V. A.",
		"Đặng Thị Ánh Tuyết": "Đặng T. Á. T.",
		"Lan":                "L.",
		"":                   "",
		"  ":                 "",
	} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A contact printed or logged by mistake must not show the real details.
func TestContactNeverPrintsInFull(t *testing.T) {
	c := Contact{Name: "Nguyễn Văn An", Phone: "0912345678", Email: "nguyenvana@gmail.com"}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "contact", c, "case", Case{Contact: c, Description: "gọi 0912345678"})
	for name, out := range map[string]string{
		"%v":   fmt.Sprintf("%v", c),
		"%+v":  fmt.Sprintf("%+v", c),
		"%s":   fmt.Sprintf("%s", c),
		"case": fmt.Sprintf("%v %+v", Case{Contact: c, Description: "gọi 0912345678"}, &Case{Contact: c}),
		"slog": logged.String(),
	} {
		for _, secret := range []string{"0912345678", "nguyenvana@", "Văn An"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output %q contains %q", name, out, secret)
			}
		}
	}
	if !strings.Contains(logged.String(), "091****678") {
		t.Errorf("slog output %q lacks the masked phone", logged.String())
	}
	if (Contact{}).IsZero() != true || c.IsZero() {
		t.Error("IsZero wrong")
	}
}
