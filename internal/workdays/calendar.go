package workdays

import (
	"sort"
	"sync"
	"time"
)

// Kind says what a day is.
type Kind string

// The kinds of an override.
const (
	// KindHoliday makes a day a day off: a decreed swap, an extra holiday.
	KindHoliday Kind = "holiday"
	// KindWorking makes a day a working day: a Saturday worked to make up
	// for a swapped day, or a default holiday the government moved.
	KindWorking Kind = "working"
)

// Valid reports whether k is KindHoliday or KindWorking.
func (k Kind) Valid() bool { return k == KindHoliday || k == KindWorking }

// Override changes one day of the default calendar.
type Override struct {
	Date Date
	Kind Kind
	// Note says why ("Nghỉ bù Tết theo Thông báo 6150/TB-BNV").
	Note string
}

// Holiday is a day off other than a weekend, with its name.
type Holiday struct {
	Date Date
	Name string
	// Source is "law" (article 112), "compensation" (nghỉ bù for a holiday
	// on a weekend) or "override" (stored for the year).
	Source string
}

// Calendar answers which days are working days. It is safe for concurrent
// use; build a new one (Store.Calendar) to see new overrides.
type Calendar struct {
	overrides map[Date]Override
	mu        sync.Mutex
	years     map[int]map[Date]Holiday // default holidays by year, computed on demand
}

// New returns a calendar with the default rules and the overrides.
func New(overrides []Override) *Calendar {
	c := &Calendar{overrides: map[Date]Override{}, years: map[int]map[Date]Holiday{}}
	for _, o := range overrides {
		c.overrides[o.Date] = o
	}
	return c
}

// weekend reports whether d is a Saturday or Sunday.
func weekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// lawHolidays returns the public holidays of article 112 for the solar
// year y, without compensation days.
func lawHolidays(y int) []Holiday {
	law := func(d Date, name string) Holiday { return Holiday{d, name, "law"} }
	var out []Holiday
	out = append(out, law(Date{y, time.January, 1}, "Tết Dương lịch"))
	tet := TetDate(y)
	out = append(out, law(tet.AddDays(-1), "Tết Nguyên Đán (ngày cuối năm âm lịch)"))
	for i, n := range []string{"Mùng 1 Tết", "Mùng 2 Tết", "Mùng 3 Tết", "Mùng 4 Tết"} {
		out = append(out, law(tet.AddDays(i), "Tết Nguyên Đán ("+n+")"))
	}
	out = append(out, law(HungKingsDate(y), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"))
	out = append(out, law(Date{y, time.April, 30}, "Ngày Chiến thắng (30/4)"))
	out = append(out, law(Date{y, time.May, 1}, "Ngày Quốc tế Lao động (1/5)"))
	natl := Date{y, time.September, 2}
	out = append(out, law(natl, "Quốc khánh (2/9)"))
	out = append(out, law(nationalDayCompanion(natl), "Quốc khánh (ngày liền kề)"))
	return out
}

// nationalDayCompanion picks the second day of Quốc khánh. Article 112
// gives 2/9 "and one day before or after", chosen by the Prime Minister
// each year; the choice has always made a long weekend where one is
// possible (2021: 3/9, 2022 and 2023: 1/9, 2024: 3/9, 2025: 1/9), which is
// this rule: the day after when 2/9 is a Thursday, Sunday or Monday, the
// day before otherwise. A different decision is an override.
func nationalDayCompanion(natl Date) Date {
	switch natl.Weekday() {
	case time.Thursday, time.Sunday, time.Monday:
		return natl.AddDays(1)
	}
	return natl.AddDays(-1)
}

// defaults returns the default holidays of year y, compensation days
// included: each holiday on a weekend gives the next weekday that is not
// itself a holiday (article 112(3)). A compensation day may fall in the
// next January, so the year after's 1/1 is considered; days outside y are
// kept too, under their own date.
func (c *Calendar) defaults(y int) map[Date]Holiday {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.years[y]; ok {
		return m
	}
	m := map[Date]Holiday{}
	law := lawHolidays(y)
	sort.Slice(law, func(i, j int) bool { return law[i].Date.Before(law[j].Date) })
	for _, h := range law {
		m[h.Date] = h
	}
	for _, h := range law {
		if !weekend(h.Date) {
			continue
		}
		d := h.Date.AddDays(1)
		for weekend(d) || m[d].Name != "" {
			d = d.AddDays(1)
		}
		m[d] = Holiday{d, "Nghỉ bù " + h.Name, "compensation"}
	}
	c.years[y] = m
	return m
}

// holidayOf returns the default holiday on d, if any. Compensation days
// spill into the next year, so the previous year's defaults are consulted
// too.
func (c *Calendar) holidayOf(d Date) (Holiday, bool) {
	if h, ok := c.defaults(d.Year)[d]; ok {
		return h, true
	}
	if d.Month == time.January {
		if h, ok := c.defaults(d.Year - 1)[d]; ok {
			return h, true
		}
	}
	return Holiday{}, false
}

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if o, ok := c.overrides[d]; ok {
		return o.Kind == KindWorking
	}
	if weekend(d) {
		return false
	}
	_, holiday := c.holidayOf(d)
	return !holiday
}

// Holidays returns the days off of year y other than plain weekends, in
// date order: the defaults not overridden, and the override days off.
func (c *Calendar) Holidays(y int) []Holiday {
	var out []Holiday
	seen := map[Date]bool{}
	for _, m := range []map[Date]Holiday{c.defaults(y - 1), c.defaults(y)} {
		for d, h := range m {
			if d.Year != y || seen[d] {
				continue
			}
			seen[d] = true
			if o, ok := c.overrides[d]; ok && o.Kind == KindWorking {
				continue
			}
			out = append(out, h)
		}
	}
	for d, o := range c.overrides {
		if d.Year == y && o.Kind == KindHoliday && !seen[d] {
			out = append(out, Holiday{d, o.Note, "override"})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// Day is one working day's worth of working time.
const Day = 24 * time.Hour

// maxSpan bounds the walks below (twenty years of days), so a calendar
// whose overrides made every day a day off cannot hang a request.
const maxSpan = 20 * 366

// AddWorkingTime returns the instant at which d of working time has passed
// since t: time on working days counts, time on other days does not. A
// zero or negative d returns t.
func (c *Calendar) AddWorkingTime(t time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return t
	}
	cur := t.In(Zone)
	for i := 0; i < maxSpan; i++ {
		day := DateOf(cur)
		next := day.AddDays(1).Start()
		if c.IsWorkingDay(day) {
			if avail := next.Sub(cur); d <= avail {
				return cur.Add(d).UTC()
			} else {
				d -= avail
			}
		}
		cur = next
	}
	return cur.UTC()
}

// AddWorkingDays returns the instant n working days after t (see the
// package comment for how days are counted).
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	return c.AddWorkingTime(t, time.Duration(n)*Day)
}

// WorkingTime returns how much working time lies between a and b; zero
// when b is not after a.
func (c *Calendar) WorkingTime(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	var total time.Duration
	cur := a.In(Zone)
	for i := 0; i < maxSpan && cur.Before(b); i++ {
		day := DateOf(cur)
		next := day.AddDays(1).Start()
		end := next
		if b.Before(end) {
			end = b
		}
		if c.IsWorkingDay(day) {
			total += end.Sub(cur)
		}
		cur = next
	}
	return total
}

// WorkingDaysBetween returns the working time between a and b in working
// days, with fractions ("1.5" is a day and a half).
func (c *Calendar) WorkingDaysBetween(a, b time.Time) float64 {
	return float64(c.WorkingTime(a, b)) / float64(Day)
}
