package cases

import (
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/workdays"
)

// Clock is where a case stands against its deadlines, computed from its
// event log alone (ComputeClock), so that it can always be recomputed and
// audited: nothing about deadlines is stored that the log does not imply.
//
// The clock runs in working time (see package workdays) from the receipt
// of the case — or from its reopening, which starts a new round with a new
// answer deadline — and pauses while the case is returned to the citizen
// for information. It stops when the case is answered or ends without an
// answer (duplicate, not our responsibility, closed).
type Clock struct {
	Deadlines Deadlines
	Round     int
	// Start is when the round began.
	Start time.Time
	// Paused is true while the case waits for the citizen.
	Paused bool
	// Stopped is true once the case is answered or ended.
	Stopped bool
	// AckAt, ClassifyAt and AnswerAt are when each step was met in this
	// round; zero while not met.
	AckAt, ClassifyAt, AnswerAt time.Time
	// Elapsed is the working time the clock has run in this round, up to
	// the answer, the end, or now.
	Elapsed time.Duration
	// AckDue, ClassifyDue and AnswerDue are the deadlines as instants;
	// while paused they are projected as if the clock resumed now, and they
	// are zero for steps already met.
	AckDue, ClassifyDue, AnswerDue time.Time
}

// segment is an interval during which the clock ran; an open one has a
// zero To.
type segment struct{ From, To time.Time }

// classified reports whether reaching s means the case was classified.
func classifiedBy(s State) bool {
	switch s {
	case StateClassified, StateAssigned, StateInProgress, StateAnswered, StatePublished,
		StateTransferred, StateDuplicate, StateNotOurResponsibility:
		return true
	}
	return false
}

// stops reports whether reaching s ends the round's clock without an answer.
func stops(s State) bool {
	return s == StateDuplicate || s == StateNotOurResponsibility || s == StateClosed
}

// ComputeClock computes the clock of c from its events (oldest first) at
// the instant now, with the category's deadlines and the calendar.
func ComputeClock(cal *workdays.Calendar, dl Deadlines, c *Case, events []Event, now time.Time) Clock {
	k := Clock{Deadlines: dl, Round: 1, Start: c.CreatedAt}
	var segs []segment
	running := true
	segs = append(segs, segment{From: c.CreatedAt})
	stopAt := func(t time.Time) {
		if running {
			segs[len(segs)-1].To = t
			running = false
		}
	}
	for _, e := range events {
		if e.Kind == EventCreated {
			continue
		}
		if e.ToState == StateReopened {
			// A new round: steps one and two are behind us, the answer
			// deadline starts again.
			k = Clock{Deadlines: dl, Round: k.Round + 1, Start: e.At, AckAt: e.At, ClassifyAt: e.At}
			segs, running = []segment{{From: e.At}}, true
			continue
		}
		if k.AckAt.IsZero() && strings.HasPrefix(e.Actor, "staff:") {
			k.AckAt = e.At
		}
		if e.Kind != EventStateChanged {
			continue
		}
		if k.ClassifyAt.IsZero() && classifiedBy(e.ToState) {
			k.ClassifyAt = e.At
		}
		switch {
		case e.ToState == StateReturnedForInfo:
			stopAt(e.At)
			k.Paused = true
		case e.FromState == StateReturnedForInfo && !stops(e.ToState):
			if !running && !k.Stopped {
				segs, running = append(segs, segment{From: e.At}), true
			}
			k.Paused = false
		}
		if e.ToState == StatePublished && k.AnswerAt.IsZero() {
			k.AnswerAt = e.At
			stopAt(e.At)
			k.Stopped, k.Paused = true, false
		}
		if stops(e.ToState) {
			stopAt(e.At)
			k.Stopped, k.Paused = true, false
		}
	}
	for i, sg := range segs {
		to := sg.To
		if i == len(segs)-1 && running {
			to = now
		}
		k.Elapsed += cal.WorkingTime(sg.From, to)
	}
	due := func(days int, met time.Time) time.Time {
		if !met.IsZero() || k.Stopped {
			return time.Time{}
		}
		remaining := time.Duration(days) * workdays.Day
		for i, sg := range segs {
			if i == len(segs)-1 && running {
				return cal.AddWorkingTime(sg.From, remaining)
			}
			w := cal.WorkingTime(sg.From, sg.To)
			if w >= remaining {
				return cal.AddWorkingTime(sg.From, remaining)
			}
			remaining -= w
		}
		// Paused: the deadline as it would be if the clock resumed now.
		return cal.AddWorkingTime(now, remaining)
	}
	k.AckDue, k.ClassifyDue, k.AnswerDue = due(dl.Ack, k.AckAt), due(dl.Classify, k.ClassifyAt), due(dl.Answer, k.AnswerAt)
	return k
}

// Overdue reports whether the answer is late now: the clock runs and has
// passed the answer deadline.
func (k Clock) Overdue() bool {
	return !k.Stopped && !k.Paused && k.Elapsed > time.Duration(k.Deadlines.Answer)*workdays.Day
}

// OverdueDays is how many working days the answer is late (0 when not).
func (k Clock) OverdueDays() float64 {
	late := k.Elapsed - time.Duration(k.Deadlines.Answer)*workdays.Day
	if late <= 0 || k.Stopped || k.Paused {
		return 0
	}
	return float64(late) / float64(workdays.Day)
}

// RemainingDays is the working time left to answer, in days (negative
// when late).
func (k Clock) RemainingDays() float64 {
	return float64(time.Duration(k.Deadlines.Answer)*workdays.Day-k.Elapsed) / float64(workdays.Day)
}

// AnsweredOnTime reports whether the round's answer came within the
// deadline; false when there is no answer.
func (k Clock) AnsweredOnTime() bool {
	return !k.AnswerAt.IsZero() && k.Elapsed <= time.Duration(k.Deadlines.Answer)*workdays.Day
}

// AckLate and ClassifyLate report steps not met in time.
func (k Clock) AckLate() bool {
	return k.AckAt.IsZero() && !k.Stopped && !k.Paused && k.Elapsed > time.Duration(k.Deadlines.Ack)*workdays.Day
}

// ClassifyLate reports a case not classified in time.
func (k Clock) ClassifyLate() bool {
	return k.ClassifyAt.IsZero() && !k.Stopped && !k.Paused && k.Elapsed > time.Duration(k.Deadlines.Classify)*workdays.Day
}
