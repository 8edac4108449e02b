// Package audit keeps Loa's append-only audit log: who did what to which
// object, when, with the object's state before and after.
//
// # Writing
//
// A domain package records an entry inside the transaction that makes the
// change, so the two commit or roll back together:
//
//	err := d.InTx(ctx, func(tx *db.Tx) error {
//		// ... change the object ...
//		return audit.Record(ctx, tx, audit.Entry{
//			Actor:      audit.Actor{ID: u.ID, Name: u.Username, Agency: u.Agency},
//			Action:     "guide.publish",
//			ObjectType: "guide",
//			ObjectID:   code,
//			Agency:     "UBND-01",
//			Before:     before, // json.RawMessage, nil when there was nothing
//			After:      after,
//		})
//	})
//
// Before and After are JSON snapshots chosen by the caller; they must never
// hold secrets (password hashes, TOTP secrets, token hashes). Record accepts
// any db.Querier, so an event that changes nothing else (a login, say) can
// be recorded on the database directly.
//
// # Reading
//
// NewStore(d).List(ctx, Filter{...}) returns entries newest first;
// Count gives the total for paging; ExportCSV streams the same selection as
// CSV with stable English column names (see CSVHeader) and values that a
// spreadsheet would take for a formula neutralised.
//
// # Append-only
//
// The package offers no update or delete, and the database refuses both:
// triggers on audit_log raise an error on UPDATE and DELETE (and TRUNCATE on
// PostgreSQL). See migrations 00005_audit.sql.
package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/db"
)

// Actor is who made a change. ID is the staff account id, or 0 for the
// system itself (the command line, a background job) or a machine client,
// in which case Name says which ("system", "token:12 CSDL tỉnh").
type Actor struct {
	ID     int64
	Name   string
	Agency string
}

// System is the actor for changes made by Loa itself: the command line,
// seeding, background jobs.
var System = Actor{ID: 0, Name: "system", Agency: "VN"}

// Entry is one line of the audit log.
type Entry struct {
	// ID is assigned by the database; Record ignores it.
	ID int64
	// At is when the change happened; Record uses the current time when zero.
	At    time.Time
	Actor Actor
	// Action names what was done, as "object.verb" ("user.create",
	// "guide.publish"). Stable: filters and exports rely on it.
	Action string
	// ObjectType and ObjectID name the object changed ("staff_user", "12").
	ObjectType string
	ObjectID   string
	// Agency is the agency whose object it is, so an agency admin can be
	// shown the history of their own agency's objects.
	Agency string
	// Before and After are JSON snapshots of the object; nil when the object
	// did not exist before, or no longer exists after.
	Before json.RawMessage
	After  json.RawMessage
	// Note is a free-text reason, such as an editor's change note.
	Note string
}

// Snapshot encodes v for Entry.Before or Entry.After. A nil v gives nil.
func Snapshot(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: snapshot: %w", err)
	}
	return b, nil
}

// Record appends e to the audit log through q. Pass the transaction that
// makes the change, so the entry commits or rolls back with it.
func Record(ctx context.Context, q db.Querier, e Entry) error {
	if err := e.validate(); err != nil {
		return err
	}
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	nfc := norm.NFC.String
	if _, err := q.Exec(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, actor_agency, action,
		object_type, object_id, agency, before_json, after_json, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		at, e.Actor.ID, nfc(e.Actor.Name), e.Actor.Agency, e.Action,
		e.ObjectType, e.ObjectID, e.Agency, nullJSON(e.Before), nullJSON(e.After), nfc(e.Note)); err != nil {
		return fmt.Errorf("audit: record %s %s %s: %w", e.Action, e.ObjectType, e.ObjectID, err)
	}
	return nil
}

func (e *Entry) validate() error {
	var missing []string
	if strings.TrimSpace(e.Action) == "" {
		missing = append(missing, "action")
	}
	if strings.TrimSpace(e.ObjectType) == "" {
		missing = append(missing, "object type")
	}
	if strings.TrimSpace(e.Actor.Name) == "" {
		missing = append(missing, "actor name")
	}
	if len(missing) > 0 {
		return fmt.Errorf("audit: record %s: missing %s", e.Action, strings.Join(missing, ", "))
	}
	for _, j := range []struct {
		name string
		v    json.RawMessage
	}{{"before", e.Before}, {"after", e.After}} {
		if len(j.v) > 0 && !json.Valid(j.v) {
			return fmt.Errorf("audit: record %s %s %s: %s is not valid JSON", e.Action, e.ObjectType, e.ObjectID, j.name)
		}
	}
	return nil
}

// nullJSON stores an absent snapshot as NULL rather than an empty string, so
// "no object" and "empty object" stay distinct.
func nullJSON(v json.RawMessage) any {
	if len(v) == 0 {
		return nil
	}
	return string(v)
}

// ErrInvalidFilter is returned for a filter that cannot be run, such as a
// negative limit.
var ErrInvalidFilter = errors.New("audit: invalid filter")
