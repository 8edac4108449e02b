package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// DailyAt returns a schedule that fires once a day at hour:minute in loc
// (use the Asia/Ho_Chi_Minh zone for anything citizens or staff think of as
// "overnight"). For fixed intervals use river.PeriodicInterval.
func DailyAt(hour, minute int, loc *time.Location) river.PeriodicSchedule {
	if loc == nil {
		loc = time.UTC
	}
	return dailyAt{hour: hour, minute: minute, loc: loc}
}

type dailyAt struct {
	hour, minute int
	loc          *time.Location
}

// Next returns the first hour:minute strictly after t.
func (s dailyAt) Next(t time.Time) time.Time {
	lt := t.In(s.loc)
	next := time.Date(lt.Year(), lt.Month(), lt.Day(), s.hour, s.minute, 0, 0, s.loc)
	if !next.After(lt) {
		next = time.Date(lt.Year(), lt.Month(), lt.Day()+1, s.hour, s.minute, 0, 0, s.loc)
	}
	return next
}
