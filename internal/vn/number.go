package vn

import "strconv"

// GroupThousands writes n as Vietnamese readers do, with dots between
// thousands: 47624021 → "47.624.021", -1234 → "-1.234".
func GroupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if s[0] == '-' {
		return "-" + GroupDigits(s[1:])
	}
	return GroupDigits(s)
}

// GroupDigits puts a dot between every three digits of a run of decimal
// digits, counted from the right: "1234567" → "1.234.567". It is for
// whole parts already formatted, such as a float's before its comma.
func GroupDigits(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	out := make([]byte, 0, len(digits)+len(digits)/3)
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, digits[i])
	}
	return string(out)
}
