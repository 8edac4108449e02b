package workdays

import (
	"testing"
	"time"
)

// Published dates of Mùng 1 Tết 2020–2035 in the Vietnamese calendar
// (UTC+7). They equal the Chinese New Year except in 2030, when Tết falls a
// day earlier (2 February, China 3 February), as Vietnamese almanacs and
// Hoàng Xuân Hãn's account of the two calendars note; the test guards that
// difference too.
var tetDates = map[int]string{
	2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
	2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
	2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-02", 2031: "2031-01-23",
	2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19", 2035: "2035-02-08",
}

// Giỗ Tổ Hùng Vương (10/3 lunar) as announced for the public holiday.
var hungKingsDates = map[int]string{
	2020: "2020-04-02", 2021: "2021-04-21", 2022: "2022-04-10", 2023: "2023-04-29",
	2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26",
}

func TestTetDates(t *testing.T) {
	for y, want := range tetDates {
		if got := TetDate(y).String(); got != want {
			t.Errorf("Tết %d = %s, want %s", y, got, want)
		}
	}
}

func TestHungKingsDates(t *testing.T) {
	for y, want := range hungKingsDates {
		if got := HungKingsDate(y).String(); got != want {
			t.Errorf("Giỗ Tổ %d = %s, want %s", y, got, want)
		}
	}
}

// Tết 2007 is the known case where the Vietnamese calendar (UTC+7) and the
// Chinese one (UTC+8, 18 February) differ; getting it right shows the time
// zone is applied.
func TestTetFollowsVietnamTimeZone(t *testing.T) {
	if got := TetDate(2007); got != (Date{2007, time.February, 17}) {
		t.Errorf("Tết 2007 = %s, want 2007-02-17", got)
	}
}

func TestJDNRoundTrip(t *testing.T) {
	for _, d := range []Date{{1900, 1, 1}, {1970, 1, 1}, {2024, 2, 29}, {2100, 12, 31}} {
		if got := fromJDN(jdn(d.Year, d.Month, d.Day)); got != d {
			t.Errorf("round trip %s = %s", d, got)
		}
	}
	if jdn(2000, time.January, 1) != 2451545 {
		t.Errorf("JDN of 2000-01-01 = %d, want 2451545", jdn(2000, time.January, 1))
	}
}
