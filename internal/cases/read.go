package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// selectCase lists the columns scanCase reads, in its order.
const selectCase = `SELECT id, code, source, channel, category, service_slug, province_code,
	commune_code, description, contact_name, contact_phone, contact_email, conversation_id,
	state, agency, created_at, updated_at, assignee_id, round, duplicate_of, referral, answer,
	answer_by, public_answer, due_at, answered_at, answer_days, answered_on_time, published_at,
	resolved FROM cases`

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanCase(sc scanner) (*Case, error) {
	var c Case
	var due, answered, published sql.NullTime
	var days sql.NullFloat64
	var onTime sql.NullInt64
	if err := sc.Scan(&c.ID, &c.Code, &c.Source, &c.Channel, &c.Category, &c.ServiceSlug,
		&c.ProvinceCode, &c.CommuneCode, &c.Description, &c.Contact.Name, &c.Contact.Phone,
		&c.Contact.Email, &c.ConversationID, &c.State, &c.Agency, &c.CreatedAt, &c.UpdatedAt,
		&c.AssigneeID, &c.Round, &c.DuplicateOf, &c.Referral, &c.Answer, &c.AnswerBy, &c.PublicAnswer,
		&due, &answered, &days, &onTime, &published, &c.Resolved); err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	c.DueAt, c.AnsweredAt, c.PublishedAt = nullTime(due), nullTime(answered), nullTime(published)
	c.AnswerDays, c.AnsweredOnTime = days.Float64, onTime.Int64 == 1
	return &c, nil
}

// ByCode returns the case with the tracking code, in any spelling
// NormalizeCode accepts. A malformed code gives ErrBadCode, an unknown one
// ErrNotFound (ErrBadCode is an ErrNotFound too).
func (s *Store) ByCode(ctx context.Context, code string) (*Case, error) {
	norm, ok := NormalizeCode(code)
	if !ok {
		return nil, fmt.Errorf("cases: by code: %w", ErrBadCode)
	}
	c, err := scanCase(s.db.QueryRow(ctx, selectCase+" WHERE code = ?", norm))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("cases: by code %s: %w", norm, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("cases: by code %s: %w", norm, err)
	}
	return c, nil
}

// ByID returns the case with id, or ErrNotFound.
func (s *Store) ByID(ctx context.Context, id int64) (*Case, error) {
	c, err := scanCase(s.db.QueryRow(ctx, selectCase+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("cases: case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("cases: case %d: %w", id, err)
	}
	return c, nil
}

// ByConversation returns the newest case opened from the assistant's
// conversation id, or ErrNotFound; the assistant uses it so that a second
// request for a person in the same conversation does not open a second case.
func (s *Store) ByConversation(ctx context.Context, conversationID string) (*Case, error) {
	if conversationID == "" {
		return nil, fmt.Errorf("cases: by conversation: %w", ErrNotFound)
	}
	c, err := scanCase(s.db.QueryRow(ctx, selectCase+" WHERE conversation_id = ? ORDER BY id DESC LIMIT 1", conversationID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("cases: by conversation: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("cases: by conversation: %w", err)
	}
	return c, nil
}

// Events returns the history of the case with id, oldest first; with
// publicOnly, only the events the status page may show.
func (s *Store) Events(ctx context.Context, caseID int64, publicOnly bool) ([]Event, error) {
	return eventsOf(ctx, s.db, caseID, publicOnly)
}

// eventsOf reads a case's events through q (the database or a transaction).
func eventsOf(ctx context.Context, q db.Querier, caseID int64, publicOnly bool) ([]Event, error) {
	query := `SELECT id, case_id, at, actor, kind, from_state, to_state, note, visibility
		FROM case_events WHERE case_id = ?`
	args := []any{caseID}
	if publicOnly {
		query += " AND visibility = ?"
		args = append(args, Public)
	}
	rows, err := q.Query(ctx, query+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("cases: events of case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.CaseID, &e.At, &e.Actor, &e.Kind, &e.FromState, &e.ToState,
			&e.Note, &e.Visibility); err != nil {
			return nil, fmt.Errorf("cases: events of case %d: %w", caseID, err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: events of case %d: %w", caseID, err)
	}
	return out, nil
}

// Paging limits for List.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Filter selects cases for the back office. Zero fields do not filter;
// set fields combine with AND.
type Filter struct {
	// Agency keeps the cases routed to one agency.
	Agency string
	// Agencies, when not empty, keeps the cases routed to one of these: the
	// web layer passes the agencies in the viewer's scope. An empty list
	// does not filter, so a caller showing a scoped viewer's queue must
	// always set it (or Agency).
	Agencies []string
	// Unrouted keeps the cases not routed yet (agency empty), the national
	// coordinator's queue.
	Unrouted bool
	State    State
	Source   Source
	Category Category
	// ProvinceCode keeps the cases in one province.
	ProvinceCode string
	// AssigneeID keeps the cases assigned to one staff account.
	AssigneeID int64
	// DueBefore keeps the cases whose answer deadline is before it: pass
	// the current time for the overdue cases.
	DueBefore time.Time
	// States and Categories, when not empty, keep the cases in one of
	// these states or categories (the Open311 status and service_code
	// filters).
	States     []State
	Categories []Category
	// CreatedFrom and CreatedTo keep the cases created at or after, and at
	// or before, these instants (zero: no bound).
	CreatedFrom time.Time
	CreatedTo   time.Time
	// Limit is DefaultLimit when 0, at most MaxLimit.
	Limit  int
	Offset int
}

func (f *Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, vals ...any) {
		conds = append(conds, cond)
		args = append(args, vals...)
	}
	if f.Agency != "" {
		add("agency = ?", f.Agency)
	}
	if len(f.Agencies) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.Agencies)), ", ")
		vals := make([]any, len(f.Agencies))
		for i, a := range f.Agencies {
			vals[i] = a
		}
		add("agency IN ("+marks+")", vals...)
	}
	if f.Unrouted {
		add("agency = ''")
	}
	if f.State != "" {
		add("state = ?", f.State)
	}
	if f.Source != "" {
		add("source = ?", f.Source)
	}
	if f.Category != "" {
		add("category = ?", f.Category)
	}
	if f.ProvinceCode != "" {
		add("province_code = ?", f.ProvinceCode)
	}
	if f.AssigneeID != 0 {
		add("assignee_id = ?", f.AssigneeID)
	}
	if !f.DueBefore.IsZero() {
		add("due_at < ?", f.DueBefore.UTC())
	}
	if len(f.States) > 0 {
		vals := make([]any, len(f.States))
		for i, v := range f.States {
			vals[i] = v
		}
		add("state IN ("+marks(len(vals))+")", vals...)
	}
	if len(f.Categories) > 0 {
		vals := make([]any, len(f.Categories))
		for i, v := range f.Categories {
			vals[i] = v
		}
		add("category IN ("+marks(len(vals))+")", vals...)
	}
	if !f.CreatedFrom.IsZero() {
		add("created_at >= ?", f.CreatedFrom.UTC())
	}
	if !f.CreatedTo.IsZero() {
		add("created_at <= ?", f.CreatedTo.UTC())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// List returns the cases matching f, newest first. Contacts come back in
// full: mask them for display (Contact.Masked) unless the viewer asked to
// see them.
func (s *Store) List(ctx context.Context, f Filter) ([]Case, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, fmt.Errorf("cases: list: negative limit or offset")
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	f.Limit = min(f.Limit, MaxLimit)
	where, args := f.where()
	rows, err := s.db.Query(ctx, selectCase+where+" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("cases: list: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("cases: list: %w", err)
		}
		out = append(out, *c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: list: %w", err)
	}
	return out, nil
}

// Count returns how many cases match f, ignoring its Limit and Offset.
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM cases"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("cases: count: %w", err)
	}
	return n, nil
}

// marks returns n placeholders separated by commas.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// errNoRows is sql.ErrNoRows, named for files that do not import database/sql.
var errNoRows = sql.ErrNoRows

// nullTime returns the UTC time, or the zero time for NULL.
func nullTime(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// nullable stores the zero time as NULL.
func nullable(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
