package cases

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/workdays"
)

// Store reads and writes the tables cases and case_events. It keeps no
// state that matters, so every replica may have its own.
type Store struct {
	db     *db.DB
	now    func() time.Time
	rand   io.Reader
	checks Checks
	// parents gives the agency above an agency, for the escalation ladder.
	parents func(code string) string
	// calendar loads the working-day calendar the deadlines count in.
	calendar func(ctx context.Context) (*workdays.Calendar, error)
	// outbox, when set, is called in the transaction of every event it
	// documents (see WithOutbox).
	outbox OutboxFunc
}

// NewStore returns a store over d. Without options it uses the real clock,
// crypto/rand for tracking codes and checks only the shape of service
// slugs, unit codes and agency codes (see WithChecks).
func NewStore(d *db.DB, opts ...Option) *Store {
	s := &Store{db: d, now: func() time.Time { return time.Now().UTC() }, rand: rand.Reader,
		parents: func(string) string { return "" }, calendar: workdays.NewStore(d).Calendar}
	for _, o := range opts {
		o(s)
	}
	return s
}

// DB returns the underlying database, for callers that need a transaction
// around OpenTx.
func (s *Store) DB() *db.DB { return s.db }

// Now returns the store's clock, so that pages computing deadlines use the
// same time as the store (a test clock in tests).
func (s *Store) Now() time.Time { return s.now() }

// Calendar returns the working-day calendar deadlines are counted in.
func (s *Store) Calendar(ctx context.Context) (*workdays.Calendar, error) { return s.calendar(ctx) }

// maxCodeAttempts bounds the draws of a tracking code. With 25⁹ codes a
// single collision is already rare; eight in a row mean a broken source.
const maxCodeAttempts = 8

// Open validates in and opens a case in state received, writing its
// "created" event in the same transaction. Invalid input gives an
// *InvalidError and writes nothing.
func (s *Store) Open(ctx context.Context, in NewCase) (*Case, error) {
	// Validate before taking the writer, so lookups and bad input never
	// hold the write lock.
	clean, err := s.Validate(ctx, in)
	if err != nil {
		return nil, err
	}
	var c *Case
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		c, err = s.insert(ctx, tx, clean)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// OpenTx is Open inside the caller's transaction, for callers that must
// commit the case together with their own rows (the assistant storing the
// handoff turn with the case it opened). Nothing is visible until the
// caller commits, and nothing remains if it rolls back.
func (s *Store) OpenTx(ctx context.Context, tx *db.Tx, in NewCase) (*Case, error) {
	clean, err := s.Validate(ctx, in)
	if err != nil {
		return nil, err
	}
	return s.insert(ctx, tx, clean)
}

// insert stores a validated case and its "created" event, routes it by
// the rules when the caller named no agency (a "routed" event), and sets
// its first answer deadline.
func (s *Store) insert(ctx context.Context, tx *db.Tx, in NewCase) (*Case, error) {
	now := s.now().Truncate(time.Microsecond)
	c := &Case{
		Source: in.Source, Channel: in.Channel, Category: in.Category,
		ServiceSlug: in.ServiceSlug, ProvinceCode: in.ProvinceCode, CommuneCode: in.CommuneCode,
		Description: in.Description, Contact: in.Contact, ConversationID: in.ConversationID,
		State: StateReceived, Agency: in.Agency, CreatedAt: now, UpdatedAt: now, Round: 1,
	}
	routed := false
	if c.Agency == "" {
		rules, err := s.routes(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("cases: open: %w", err)
		}
		c.Agency = Route(rules, c.Category, c.ProvinceCode, c.CommuneCode)
		routed = c.Agency != ""
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, fmt.Errorf("cases: open: %w", err)
	}
	dls, err := s.deadlines(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("cases: open: %w", err)
	}
	c.DueAt = cal.AddWorkingDays(now, dls.of(c.Category).Answer)
	for attempt := 0; ; attempt++ {
		if attempt == maxCodeAttempts {
			return nil, fmt.Errorf("cases: open: %w after %d draws", ErrCodesExhausted, maxCodeAttempts)
		}
		code, err := newCode(s.rand)
		if err != nil {
			return nil, fmt.Errorf("cases: open: %w", err)
		}
		// ON CONFLICT DO NOTHING, not catching the unique violation: on
		// PostgreSQL a failed statement aborts the caller's transaction,
		// which OpenTx must not do for a mere collision.
		err = tx.QueryRow(ctx, `INSERT INTO cases (code, source, channel, category, service_slug,
			province_code, commune_code, description, contact_name, contact_phone, contact_email,
			conversation_id, state, agency, created_at, updated_at, due_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (code) DO NOTHING RETURNING id`,
			code, c.Source, c.Channel, c.Category, c.ServiceSlug,
			c.ProvinceCode, c.CommuneCode, c.Description, c.Contact.Name, c.Contact.Phone, c.Contact.Email,
			c.ConversationID, c.State, c.Agency, now, now, c.DueAt).Scan(&c.ID)
		if errors.Is(err, sql.ErrNoRows) {
			continue // the code is taken: draw another
		}
		if err != nil {
			// Only the source and category: the values may be personal data.
			return nil, fmt.Errorf("cases: open %s case: %w", c.Source, err)
		}
		c.Code = code
		break
	}
	created := &Event{CaseID: c.ID, At: now, Actor: in.By, Kind: EventCreated,
		ToState: StateReceived, Visibility: Public}
	if err := addEvent(ctx, tx, created); err != nil {
		return nil, fmt.Errorf("cases: open %s: %w", c.Code, err)
	}
	if err := s.callOutbox(ctx, tx, c, *created); err != nil {
		return nil, fmt.Errorf("cases: open %s: %w", c.Code, err)
	}
	if routed {
		if err := addEvent(ctx, tx, &Event{CaseID: c.ID, At: now, Actor: ActorSystem, Kind: EventRouted,
			Note: c.Agency, Visibility: Internal}); err != nil {
			return nil, fmt.Errorf("cases: open %s: %w", c.Code, err)
		}
	}
	return c, nil
}

// addEvent appends e to case_events through q and sets its ID.
func addEvent(ctx context.Context, q db.Querier, e *Event) error {
	if !e.Visibility.Valid() {
		return fmt.Errorf("cases: event %s: visibility %q", e.Kind, e.Visibility)
	}
	if err := q.QueryRow(ctx, `INSERT INTO case_events (case_id, at, actor, kind, from_state, to_state, note, visibility)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.CaseID, e.At.UTC(), e.Actor, e.Kind, e.FromState, e.ToState, e.Note, e.Visibility).Scan(&e.ID); err != nil {
		return fmt.Errorf("cases: event %s: %w", e.Kind, err)
	}
	return nil
}

// callOutbox runs the outbox hook, if any, for event e of case c.
func (s *Store) callOutbox(ctx context.Context, tx *db.Tx, c *Case, e Event) error {
	if s.outbox == nil {
		return nil
	}
	cp := *c
	return s.outbox(ctx, tx, &cp, e)
}
