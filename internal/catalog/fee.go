package catalog

import (
	"github.com/loa-vn/loa/internal/vn"

	"regexp"
	"strconv"
	"strings"
)

// The national database writes fees as "Phí : 0 Đồng", "Lệ phí : 50.000
// Đồng (ghi chú)", one line per fee, with "File đính kèm: ..." lines between.
var (
	feeLabel    = regexp.MustCompile(`^(?i:lệ phí|phí)\s*:?\s*`)
	feeCurrency = regexp.MustCompile(`\s*(?i:đồng|vnđ|vnd|đ)$`)
	// moneyInNote finds amounts in đồng in a fee's note, to tell a single
	// fee from one that varies by case.
	moneyInNote = regexp.MustCompile(`(\d[\d.,]*)\s*(?i:đồng|vnđ|vnd|đ)(?:[^\p{L}]|$)`)
	amountDots  = regexp.MustCompile(`^\d{1,3}(?:\.\d{3})+$`)
	amountComma = regexp.MustCompile(`^\d{1,3}(?:,\d{3})+$`)
	amountPlain = regexp.MustCompile(`^\d{1,15}$`)
)

// parseFeeVND returns the fee in đồng when text states a single amount in
// đồng, and nil when it is empty, unknown, in another currency, or varies
// (several different amounts, a percentage, a note naming another amount).
// "Không" and "Miễn phí" are 0. Several lines that all state the same amount
// ("Phí : 0 Đồng" and "Lệ phí : 0 Đồng") give that amount.
func parseFeeVND(text string) *int64 {
	var found *int64
	for _, line := range strings.Split(cleanText(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(vn.Fold(line), "file dinh kem") {
			continue
		}
		v, ok := parseFeeLine(line)
		if !ok {
			return nil
		}
		if found != nil && *found != v {
			return nil
		}
		found = &v
	}
	return found
}

// parseFeeLine reads one "Phí : 50.000 Đồng (note)" line.
func parseFeeLine(line string) (int64, bool) {
	rest := feeLabel.ReplaceAllString(line, "")
	note := ""
	if i := strings.IndexByte(rest, '('); i >= 0 {
		rest, note = rest[:i], rest[i:]
	}
	rest = strings.TrimSpace(rest)
	switch f := strings.TrimRight(vn.Fold(rest), ". "); f {
	case "mien phi", "khong thu phi", "khong dong", "khong", "mien":
		return 0, noOtherAmount(note, 0)
	}
	amount := strings.TrimSpace(feeCurrency.ReplaceAllString(rest, ""))
	if amount == rest && !amountPlain.MatchString(amount) && !amountDots.MatchString(amount) {
		// No currency and not a bare number: "1.5 USD", "Mức thu bằng 50% ...".
		return 0, false
	}
	if f := vn.Fold(amount); f == "khong" || f == "mien" {
		return 0, noOtherAmount(note, 0)
	}
	v, ok := parseAmount(amount)
	if !ok {
		return 0, false
	}
	return v, noOtherAmount(note, v)
}

// noOtherAmount reports whether the note names no amount in đồng other than v.
func noOtherAmount(note string, v int64) bool {
	if strings.Contains(note, "%") {
		return false
	}
	for _, m := range moneyInNote.FindAllStringSubmatch(note, -1) {
		if w, ok := parseAmount(strings.TrimRight(m[1], ".,")); !ok || w != v {
			return false
		}
	}
	return true
}

// parseAmount reads a whole number of đồng written "50000", "50.000" or
// "50,000" (Vietnamese uses the dot to group thousands).
func parseAmount(s string) (int64, bool) {
	switch {
	case amountPlain.MatchString(s):
	case amountDots.MatchString(s):
		s = strings.ReplaceAll(s, ".", "")
	case amountComma.MatchString(s):
		s = strings.ReplaceAll(s, ",", "")
	default:
		return 0, false
	}
	if len(s) > 15 {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}
