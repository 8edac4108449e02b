package workdays

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// Store keeps the overrides of the calendar in the table
// workday_overrides (migration 00011_listening.sql).
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore returns a store over d.
func NewStore(d *db.DB) *Store {
	return &Store{db: d, now: func() time.Time { return time.Now().UTC() }}
}

// MaxNote is the longest note on an override, in characters.
const MaxNote = 200

// ErrInvalid is returned for an override a person must correct; the
// message after the colon is Vietnamese.
var ErrInvalid = errors.New("workdays: invalid override")

// InvalidError carries the Vietnamese message of an invalid override.
type InvalidError struct{ Message string }

func (e *InvalidError) Error() string { return "workdays: invalid override: " + e.Message }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// Calendar returns the calendar with every stored override. The table holds
// a few dozen rows a year, so it is read whole.
func (s *Store) Calendar(ctx context.Context) (*Calendar, error) {
	list, err := s.Overrides(ctx, 0)
	if err != nil {
		return nil, err
	}
	return New(list), nil
}

// Overrides returns the overrides of year y (every year when y is 0), in
// date order.
func (s *Store) Overrides(ctx context.Context, y int) ([]Override, error) {
	q := "SELECT day, kind, note FROM workday_overrides"
	var args []any
	if y != 0 {
		q += " WHERE day >= ? AND day < ?"
		args = append(args, fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-01-01", y+1))
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY day", args...)
	if err != nil {
		return nil, fmt.Errorf("workdays: overrides: %w", err)
	}
	defer rows.Close()
	var out []Override
	for rows.Next() {
		var day, kind, note string
		if err := rows.Scan(&day, &kind, &note); err != nil {
			return nil, fmt.Errorf("workdays: overrides: %w", err)
		}
		d, err := ParseDate(day)
		if err != nil {
			return nil, fmt.Errorf("workdays: overrides: stored %w", err)
		}
		out = append(out, Override{Date: d, Kind: Kind(kind), Note: note})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("workdays: overrides: %w", err)
	}
	return out, nil
}

// Set stores o, replacing any override of the same day, and records it in
// the audit log in the same transaction.
func (s *Store) Set(ctx context.Context, actor audit.Actor, o Override) error {
	if !o.Kind.Valid() {
		return &InvalidError{"Vui lòng chọn ngày nghỉ hoặc ngày làm việc."}
	}
	if o.Date.IsZero() || o.Date.Year < 2000 || o.Date.Year > 2100 {
		return &InvalidError{"Ngày không hợp lệ."}
	}
	o.Note = vn.Normalize(strings.TrimSpace(o.Note))
	if o.Note == "" {
		return &InvalidError{"Vui lòng ghi căn cứ (văn bản, lý do)."}
	}
	if utf8.RuneCountInString(o.Note) > MaxNote {
		return &InvalidError{"Ghi chú không được dài quá 200 ký tự."}
	}
	now := s.now().Truncate(time.Microsecond)
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO workday_overrides (day, kind, note, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			o.Date.String(), string(o.Kind), o.Note, actor.ID, now); err != nil {
			return fmt.Errorf("workdays: set %s: %w", o.Date, err)
		}
		after, err := audit.Snapshot(map[string]string{"day": o.Date.String(), "kind": string(o.Kind), "note": o.Note})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: "workday.set",
			ObjectType: "workday", ObjectID: o.Date.String(), Agency: "VN", After: after})
	})
}

// Delete removes the override of day d, audited; removing none is not an
// error.
func (s *Store) Delete(ctx context.Context, actor audit.Actor, d Date) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM workday_overrides WHERE day = ?", d.String())
		if err != nil {
			return fmt.Errorf("workdays: delete %s: %w", d, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{At: s.now(), Actor: actor, Action: "workday.delete",
			ObjectType: "workday", ObjectID: d.String(), Agency: "VN"})
	})
}
