package workdays

import (
	"math/rand/v2"
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Zone)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDefaultHolidays2025(t *testing.T) {
	c := New(nil)
	// Tết Ất Tỵ: 29/1/2025; the last day of the old year is 28/1.
	off := []string{"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03",
		"2025-04-07", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02"}
	for _, s := range off {
		if c.IsWorkingDay(d(s)) {
			t.Errorf("%s should be a day off", s)
		}
	}
	// 1/2/2025 (mùng 4) is a Saturday: the compensation day is Monday 3/2.
	// Tuesday 4/2 is an ordinary working day again.
	for _, s := range []string{"2025-01-27", "2025-02-04", "2025-04-08", "2025-09-03", "2025-05-02"} {
		if !c.IsWorkingDay(d(s)) {
			t.Errorf("%s should be a working day", s)
		}
	}
	for _, s := range []string{"2025-03-01", "2025-03-02"} {
		if c.IsWorkingDay(d(s)) {
			t.Errorf("weekend %s should be a day off", s)
		}
	}
}

func TestNationalDayCompanion(t *testing.T) {
	// The Prime Minister's choices of recent years.
	for y, want := range map[int]string{2021: "2021-09-03", 2022: "2022-09-01", 2023: "2023-09-01", 2024: "2024-09-03", 2025: "2025-09-01"} {
		if got := nationalDayCompanion(Date{y, time.September, 2}).String(); got != want {
			t.Errorf("%d: companion of 2/9 = %s, want %s", y, got, want)
		}
	}
}

func TestCompensationSpillsIntoNextYear(t *testing.T) {
	// 1/1/2028 is a Saturday: the day off moves to Monday 3/1/2028,
	// computed from 2028's own holidays; and a holiday on Sunday 31/12
	// would spill into January, which holidayOf looks up in the year before.
	c := New(nil)
	if c.IsWorkingDay(d("2028-01-03")) {
		t.Error("3/1/2028 should be the compensation day for 1/1 on a Saturday")
	}
}

func TestOverrides(t *testing.T) {
	c := New([]Override{
		{Date: d("2025-02-08"), Kind: KindWorking, Note: "Làm bù"},     // a Saturday worked
		{Date: d("2025-02-04"), Kind: KindHoliday, Note: "Nghỉ thêm"},  // a decreed day off
		{Date: d("2025-04-30"), Kind: KindWorking, Note: "Thử nghiệm"}, // a holiday cancelled
	})
	if !c.IsWorkingDay(d("2025-02-08")) || c.IsWorkingDay(d("2025-02-04")) || !c.IsWorkingDay(d("2025-04-30")) {
		t.Error("overrides not applied")
	}
	var names []string
	for _, h := range c.Holidays(2025) {
		if h.Date == d("2025-04-30") {
			t.Error("a holiday overridden as working is still listed")
		}
		names = append(names, h.Date.String())
	}
	found := false
	for _, n := range names {
		found = found || n == "2025-02-04"
	}
	if !found {
		t.Errorf("override day off missing from Holidays: %v", names)
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := New(nil)
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2025-03-03 15:00", 1, "2025-03-04 15:00"}, // Monday → Tuesday
		{"2025-03-03 15:00", 5, "2025-03-10 15:00"}, // over a weekend
		{"2025-03-08 10:00", 1, "2025-03-11 00:00"}, // from a Saturday: all of Monday
		{"2025-04-29 09:00", 2, "2025-05-05 09:00"}, // 30/4 and 1/5 are off, 2/5 counts
		{"2025-01-24 12:00", 3, "2025-02-05 12:00"}, // across Tết 2025
		{"2025-03-03 15:00", 0, "2025-03-03 15:00"},
	}
	for _, tc := range cases {
		got := c.AddWorkingDays(at(tc.from), tc.n)
		if !got.Equal(at(tc.want)) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tc.from, tc.n, got.In(Zone).Format("2006-01-02 15:04"), tc.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := New(nil)
	if got := c.WorkingDaysBetween(at("2025-03-07 12:00"), at("2025-03-10 12:00")); got != 1 {
		t.Errorf("Friday noon to Monday noon = %v working days, want 1", got)
	}
	if got := c.WorkingDaysBetween(at("2025-03-10 12:00"), at("2025-03-07 12:00")); got != 0 {
		t.Errorf("backwards = %v, want 0", got)
	}
}

// TestAddAndBetweenAgree is a property test: for random instants and
// spans, AddWorkingDays and WorkingDaysBetween are inverses, the result
// never comes before the start, and more days never end earlier.
func TestAddAndBetweenAgree(t *testing.T) {
	c := New([]Override{{Date: d("2026-02-21"), Kind: KindWorking, Note: "x"}})
	r := rand.New(rand.NewPCG(1, 2))
	base := at("2020-01-01 00:00")
	for i := 0; i < 2000; i++ {
		start := base.Add(time.Duration(r.Int64N(int64(15 * 365 * 24 * time.Hour))))
		n := r.IntN(40)
		end := c.AddWorkingDays(start, n)
		if end.Before(start) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s is before the start", start, n, end)
		}
		if got := c.WorkingTime(start, end); got != time.Duration(n)*Day {
			t.Fatalf("WorkingTime(%s, AddWorkingDays(.., %d)) = %s", start, n, got)
		}
		if later := c.AddWorkingDays(start, n+1); !later.After(end) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s not after %s", start, n+1, later, end)
		}
		// Splitting the span anywhere adds up.
		mid := start.Add(time.Duration(r.Int64N(int64(end.Sub(start)) + 1)))
		if c.WorkingTime(start, mid)+c.WorkingTime(mid, end) != c.WorkingTime(start, end) {
			t.Fatalf("WorkingTime is not additive at %s", mid)
		}
	}
}

// TestEveryYearHasItsHolidays checks 2020–2035: eleven days of article 112
// each year, all of them days off, and compensation only after a weekend.
func TestEveryYearHasItsHolidays(t *testing.T) {
	c := New(nil)
	for y := 2020; y <= 2035; y++ {
		law := lawHolidays(y)
		if len(law) != 11 {
			t.Errorf("%d: %d law holidays, want 11", y, len(law))
		}
		onWeekend := 0
		for _, h := range law {
			if c.IsWorkingDay(h.Date) {
				t.Errorf("%d: %s (%s) is a working day", y, h.Date, h.Name)
			}
			if weekend(h.Date) {
				onWeekend++
			}
		}
		comp := 0
		for _, m := range []map[Date]Holiday{c.defaults(y)} {
			for _, h := range m {
				if h.Source == "compensation" {
					comp++
					if weekend(h.Date) {
						t.Errorf("%d: compensation on a weekend %s", y, h.Date)
					}
				}
			}
		}
		if comp != onWeekend {
			t.Errorf("%d: %d compensation days for %d holidays on weekends", y, comp, onWeekend)
		}
	}
}
