package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Store reads the audit log. It has no method that changes a row: writing
// goes through Record, inside the caller's transaction.
type Store struct {
	db *db.DB
}

// NewStore returns a reader over d's audit log.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// Paging limits for List.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Filter selects audit entries. Zero fields do not filter.
type Filter struct {
	// Actor is a staff account id (Entry.Actor.ID). Actor 0 does not filter;
	// use ActorName "system" for the system's own changes.
	Actor     int64
	ActorName string
	// Agency is the agency whose objects were changed (Entry.Agency).
	Agency string
	// Agencies, when not empty, keeps entries whose agency is one of these:
	// the web layer passes the agencies in a viewer's scope.
	Agencies   []string
	ObjectType string
	ObjectID   string
	// Action keeps one kind of change ("user.create").
	Action string
	// From and To bound the time, From included and To excluded.
	From, To time.Time
	// Limit is DefaultLimit when 0 and at most MaxLimit in List; ExportCSV
	// treats 0 as "everything".
	Limit  int
	Offset int
}

// where builds the WHERE clause and its arguments.
func (f *Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, vals ...any) {
		conds = append(conds, cond)
		args = append(args, vals...)
	}
	if f.Actor != 0 {
		add("actor_id = ?", f.Actor)
	}
	if f.ActorName != "" {
		add("actor_name = ?", f.ActorName)
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
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		add("object_id = ?", f.ObjectID)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

const selectEntries = `SELECT id, at, actor_id, actor_name, actor_agency, action, object_type,
	object_id, agency, before_json, after_json, note FROM audit_log`

// List returns the entries matching f, newest first.
func (s *Store) List(ctx context.Context, f Filter) ([]Entry, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", ErrInvalidFilter)
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	f.Limit = min(f.Limit, MaxLimit)
	var out []Entry
	err := s.each(ctx, f, func(e *Entry) error {
		out = append(out, *e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Count returns how many entries match f, ignoring its Limit and Offset.
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("audit: count: %w", err)
	}
	return n, nil
}

// each streams the entries matching f, newest first, to fn. Limit 0 means
// no limit.
func (s *Store) each(ctx context.Context, f Filter, fn func(*Entry) error) error {
	where, args := f.where()
	q := selectEntries + where + " ORDER BY at DESC, id DESC"
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	} else if f.Offset > 0 {
		// Both dialects accept a huge LIMIT where an OFFSET needs one.
		q += " LIMIT ? OFFSET ?"
		args = append(args, int64(1)<<62, f.Offset)
	}
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Entry
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, &e.At, &e.Actor.ID, &e.Actor.Name, &e.Actor.Agency, &e.Action,
			&e.ObjectType, &e.ObjectID, &e.Agency, &before, &after, &e.Note); err != nil {
			return fmt.Errorf("audit: list: %w", err)
		}
		e.At = e.At.UTC()
		if before.Valid {
			e.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			e.After = json.RawMessage(after.String)
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("audit: list: %w", err)
	}
	return nil
}
