package units

import "testing"

func TestValidAgencyCode(t *testing.T) {
	for s, want := range map[string]bool{
		"BCA": true, "UBND-01": true, "B_TC": true, "A": true, "ABCDEFGHIJKLMNOPQRST": true,
		"": false, "bca": false, "1BCA": false, "B CA": false, "ABCDEFGHIJKLMNOPQRSTU": false, "BỘ": false, "BCA\n": false,
	} {
		if got := ValidAgencyCode(s); got != want {
			t.Errorf("ValidAgencyCode(%q) = %v, want %v", s, got, want)
		}
	}
}
