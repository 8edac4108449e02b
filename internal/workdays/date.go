package workdays

import (
	"fmt"
	"time"
)

// Zone is Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving
// since 1975, so a fixed zone is exact and needs no tzdata.
var Zone = time.FixedZone("ICT", 7*60*60)

// Date is a civil date in Vietnam, without a time of day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of the instant t in Vietnam.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Zone).Date()
	return Date{y, m, d}
}

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, Zone)
	if err != nil {
		return Date{}, fmt.Errorf("workdays: date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// Start returns the instant the date begins in Vietnam.
func (d Date) Start() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Zone) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, Zone))
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.Start().Weekday() }

// String writes "2006-01-02", the form stored in the database.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Display writes the date the Vietnamese way, "02/01/2006".
func (d Date) Display() string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.String() < e.String() }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }
