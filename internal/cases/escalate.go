package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/workdays"
)

// Level is a rung of the escalation ladder.
type Level string

// The ladder, climbed as a case's answer runs late. Each rung is reached
// once per round (the table's unique key), however often the sweep runs.
const (
	// LevelReminder: one working day or less is left to answer, or the
	// acknowledgement or classification is late. To the handler (the
	// agency's handlers when none is assigned).
	LevelReminder Level = "reminder"
	// LevelAgencyAdmin: the answer is late. To the agency's admin.
	LevelAgencyAdmin Level = "agency_admin"
	// LevelParent: late by ParentAfter. To the agency above (the province
	// for a commune; the national coordinator for a province or ministry).
	LevelParent Level = "parent"
	// LevelNational: late by NationalAfter. To the national coordinator.
	LevelNational Level = "national"
)

// Label returns the Vietnamese name of the rung.
func (l Level) Label() string {
	switch l {
	case LevelReminder:
		return "Nhắc hạn cán bộ xử lý"
	case LevelAgencyAdmin:
		return "Báo quản trị đơn vị: quá hạn"
	case LevelParent:
		return "Báo cơ quan cấp trên: quá hạn"
	case LevelNational:
		return "Báo điều phối quốc gia: quá hạn kéo dài"
	}
	return string(l)
}

// Thresholds of the ladder, in working days.
const (
	// RemindBefore: the reminder goes this long before the deadline.
	RemindBefore = 1
	// ParentAfter and NationalAfter: how late a case must be for the
	// parent agency and the national coordinator to hear of it.
	ParentAfter   = 2
	NationalAfter = 5
)

// The inbox roles an escalation is addressed to.
const (
	TargetHandler     = "handler"
	TargetAgencyAdmin = "agency_admin"
	TargetParent      = "parent"
	TargetNational    = "national"
)

// NationalAgency is the agency code of the national coordinator (staff.National;
// cases does not import staff).
const NationalAgency = "VN"

// Escalation is one rung a case reached, as shown in an inbox.
type Escalation struct {
	ID           int64
	CaseID       int64
	CaseCode     string
	CaseState    State
	Round        int
	Level        Level
	TargetRole   string
	TargetAgency string
	TargetUser   int64
	At           time.Time
}

// openStates are those whose clock the sweep looks at.
var openStates = []State{StateReceived, StateClassified, StateAssigned, StateInProgress,
	StateAnswered, StateTransferred, StateReopened, StateReturnedForInfo}

// levelsDue returns the rungs the clock has reached.
func levelsDue(k Clock) []Level {
	if k.Stopped || k.Paused {
		return nil
	}
	day := float64(workdays.Day)
	late := (float64(k.Elapsed) - float64(time.Duration(k.Deadlines.Answer)*workdays.Day)) / day
	var out []Level
	if late > -RemindBefore || k.AckLate() || k.ClassifyLate() {
		out = append(out, LevelReminder)
	}
	if late > 0 {
		out = append(out, LevelAgencyAdmin)
	}
	if late > ParentAfter {
		out = append(out, LevelParent)
	}
	if late > NationalAfter {
		out = append(out, LevelNational)
	}
	return out
}

// target returns whose inbox a rung goes to. A case nobody has routed
// yet goes to the national coordinator at every rung.
func (s *Store) target(c *Case, l Level) (role, agency string, user int64) {
	if c.Agency == "" {
		return TargetNational, NationalAgency, 0
	}
	switch l {
	case LevelReminder:
		return TargetHandler, c.Agency, c.AssigneeID
	case LevelAgencyAdmin:
		return TargetAgencyAdmin, c.Agency, 0
	case LevelParent:
		if p := s.parents(c.Agency); p != "" {
			return TargetParent, p, 0
		}
		return TargetParent, NationalAgency, 0
	}
	return TargetNational, NationalAgency, 0
}

// SweepResult says what a sweep did.
type SweepResult struct {
	Checked   int
	Escalated int
}

// Escalate is the escalation sweep, run by the background job: for every
// open case it recomputes the deadline from the event log and records
// each rung of the ladder newly reached, with an internal event, in the
// case's own transaction. Running it twice, or on two replicas at once,
// records each rung once.
func (s *Store) Escalate(ctx context.Context) (SweepResult, error) {
	var res SweepResult
	cal, err := s.calendar(ctx)
	if err != nil {
		return res, err
	}
	marks := make([]any, len(openStates))
	q := "SELECT id FROM cases WHERE state IN ("
	for i, st := range openStates {
		if i > 0 {
			q += ", "
		}
		q += "?"
		marks[i] = st
	}
	rows, err := s.db.Query(ctx, q+") ORDER BY id", marks...)
	if err != nil {
		return res, fmt.Errorf("cases: escalate: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return res, fmt.Errorf("cases: escalate: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("cases: escalate: %w", err)
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		n, err := s.escalateOne(ctx, cal, id)
		if err != nil {
			return res, err
		}
		res.Checked++
		res.Escalated += n
	}
	return res, nil
}

// escalateOne sweeps one case and returns how many rungs it newly reached.
func (s *Store) escalateOne(ctx context.Context, cal *workdays.Calendar, id int64) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		n = 0
		now := s.now().Truncate(time.Microsecond)
		c, err := s.refresh(ctx, tx, cal, id, now)
		if err != nil {
			return err
		}
		events, err := eventsOf(ctx, tx, id, false)
		if err != nil {
			return err
		}
		dls, err := s.deadlines(ctx, tx)
		if err != nil {
			return err
		}
		k := ComputeClock(cal, dls.of(c.Category), c, events, now)
		for _, l := range levelsDue(k) {
			role, agency, user := s.target(c, l)
			var eid int64
			err := tx.QueryRow(ctx, `INSERT INTO case_escalations (case_id, round, level, target_role, target_agency, target_user, at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, round, level) DO NOTHING RETURNING id`,
				id, k.Round, l, role, agency, user, now).Scan(&eid)
			if errors.Is(err, sql.ErrNoRows) {
				continue // reached before
			}
			if err != nil {
				return fmt.Errorf("cases: escalate %s: %w", c.Code, err)
			}
			kind := EventEscalated
			if l == LevelReminder {
				kind = EventReminder
			}
			note := fmt.Sprintf("%s (gửi %s). Hạn trả lời: còn %.1f ngày làm việc.", l.Label(), agency, k.RemainingDays())
			if err := addEvent(ctx, tx, &Event{CaseID: id, At: now, Actor: ActorSystem, Kind: kind,
				Note: note, Visibility: Internal}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// InboxFilter selects the escalations a staff member sees.
type InboxFilter struct {
	// Agencies in the viewer's scope; nil means every agency.
	Agencies []string
	// Roles the viewer reads (TargetHandler, ...); empty means all.
	Roles []string
	// User, when not 0, keeps reminders addressed to this user or to
	// nobody in particular and drops those addressed to colleagues.
	User int64
	// OpenOnly drops escalations of cases answered or ended since.
	OpenOnly bool
	Limit    int
}

// Inbox returns escalations matching f, newest first.
func (s *Store) Inbox(ctx context.Context, f InboxFilter) ([]Escalation, error) {
	q := `SELECT e.id, e.case_id, c.code, c.state, e.round, e.level, e.target_role, e.target_agency,
		e.target_user, e.at FROM case_escalations e JOIN cases c ON c.id = e.case_id WHERE 1 = 1`
	var args []any
	in := func(col string, vals []string) {
		q += " AND " + col + " IN ("
		for i, v := range vals {
			if i > 0 {
				q += ", "
			}
			q += "?"
			args = append(args, v)
		}
		q += ")"
	}
	if f.Agencies != nil {
		if len(f.Agencies) == 0 {
			return nil, nil
		}
		in("e.target_agency", f.Agencies)
	}
	if len(f.Roles) > 0 {
		in("e.target_role", f.Roles)
	}
	if f.User != 0 {
		q += " AND (e.target_user = 0 OR e.target_user = ?)"
		args = append(args, f.User)
	}
	if f.OpenOnly {
		states := make([]string, len(openStates))
		for i, st := range openStates {
			states[i] = string(st)
		}
		in("c.state", states)
	}
	if f.Limit <= 0 || f.Limit > MaxLimit {
		f.Limit = DefaultLimit
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY e.at DESC, e.id DESC LIMIT ?", append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("cases: inbox: %w", err)
	}
	defer rows.Close()
	var out []Escalation
	for rows.Next() {
		var e Escalation
		if err := rows.Scan(&e.ID, &e.CaseID, &e.CaseCode, &e.CaseState, &e.Round, &e.Level, &e.TargetRole,
			&e.TargetAgency, &e.TargetUser, &e.At); err != nil {
			return nil, fmt.Errorf("cases: inbox: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: inbox: %w", err)
	}
	return out, nil
}

// Escalations returns the rungs one case reached, oldest first.
func (s *Store) Escalations(ctx context.Context, caseID int64) ([]Escalation, error) {
	rows, err := s.db.Query(ctx, `SELECT e.id, e.case_id, c.code, c.state, e.round, e.level, e.target_role,
		e.target_agency, e.target_user, e.at FROM case_escalations e JOIN cases c ON c.id = e.case_id
		WHERE e.case_id = ? ORDER BY e.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: escalations of %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []Escalation
	for rows.Next() {
		var e Escalation
		if err := rows.Scan(&e.ID, &e.CaseID, &e.CaseCode, &e.CaseState, &e.Round, &e.Level, &e.TargetRole,
			&e.TargetAgency, &e.TargetUser, &e.At); err != nil {
			return nil, fmt.Errorf("cases: escalations of %d: %w", caseID, err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
