package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// State is where a revision is in the editorial workflow (see the package
// documentation for the diagram).
type State string

// The states of a revision.
const (
	StateDraft       State = "draft"       // being written; also a returned revision
	StateInReview    State = "in_review"   // submitted, waiting for a reviewer
	StateScheduled   State = "scheduled"   // approved, to be published at PublishAt
	StatePublished   State = "published"   // the text the public sees
	StateSuperseded  State = "superseded"  // was published, replaced by a newer version
	StateUnpublished State = "unpublished" // was published, taken off the site
	StateDiscarded   State = "discarded"   // a draft its author gave up
)

// stateNames are the Vietnamese labels of the states.
var stateNames = map[State]string{
	StateDraft:       "Bản nháp",
	StateInReview:    "Chờ duyệt",
	StateScheduled:   "Đã duyệt, chờ xuất bản",
	StatePublished:   "Đang xuất bản",
	StateSuperseded:  "Đã thay bằng bản mới",
	StateUnpublished: "Đã gỡ xuất bản",
	StateDiscarded:   "Đã huỷ",
}

// Label is the Vietnamese name of the state.
func (s State) Label() string {
	if n, ok := stateNames[s]; ok {
		return n
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s State) Valid() bool { _, ok := stateNames[s]; return ok }

// Revision is one version of an editorial document.
type Revision struct {
	ID          int64
	ServiceCode string
	// Scope is "" for the national guide and FAQs, or the agency code of the
	// people's committee owning a local note.
	Scope string
	// Version is the publication number, 1, 2, 3 … within the document;
	// 0 for a revision never published.
	Version int
	State   State
	Body    Body
	// ChangeNote is the author's summary of the change ("Cập nhật lệ phí theo Thông tư …").
	ChangeNote   string
	AuthorID     int64
	AuthorName   string
	AuthorAgency string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// Saves counts the saves of the draft; pass it back in DraftInput.Saves
	// so that a save from a stale form is refused.
	Saves int
	// BaseVersion is the publication the revision was written on (0: none).
	BaseVersion int
	SubmittedAt time.Time
	// ReviewerID and ReviewerName are who last approved or returned it
	// (ReviewerName "" when nobody has).
	ReviewerID   int64
	ReviewerName string
	ReviewedAt   time.Time
	// ReviewNote is the reviewer's note, why it was returned in particular.
	ReviewNote string
	// Override says its author approved it under guide.publish_override.
	Override bool
	// PublishAt is the scheduled publication time (zero when none).
	PublishAt   time.Time
	PublishedAt time.Time
	// EndedAt is when it stopped being the published text (superseded or unpublished).
	EndedAt time.Time
}

// Returned reports whether the revision is a draft sent back by a reviewer
// and not submitted again since.
func (r *Revision) Returned() bool {
	return r.State == StateDraft && r.ReviewerName != "" && !r.ReviewedAt.IsZero()
}

// DocumentKey names a document in the audit log and in logs: the service
// code, then "@" and the scope for a local note ("LOA-HOCHIEU-PT@UBND-01").
func DocumentKey(serviceCode, scope string) string {
	if scope == "" {
		return serviceCode
	}
	return serviceCode + "@" + scope
}

// Key is DocumentKey of the revision's document.
func (r *Revision) Key() string { return DocumentKey(r.ServiceCode, r.Scope) }

const revisionColumns = `id, service_code, scope, version, state, body, change_note, author_id, author_name,
	author_agency, created_at, updated_at, saves, base_version, submitted_at, reviewed_by, reviewer_name,
	reviewed_at, review_note, override, publish_at, published_at, ended_at`

func scanRevision(r interface{ Scan(...any) error }) (*Revision, error) {
	var rev Revision
	var body string
	var submitted, reviewed, publishAt, published, ended sql.NullTime
	if err := r.Scan(&rev.ID, &rev.ServiceCode, &rev.Scope, &rev.Version, &rev.State, &body, &rev.ChangeNote,
		&rev.AuthorID, &rev.AuthorName, &rev.AuthorAgency, &rev.CreatedAt, &rev.UpdatedAt, &rev.Saves,
		&rev.BaseVersion, &submitted, &rev.ReviewerID, &rev.ReviewerName, &reviewed, &rev.ReviewNote,
		&rev.Override, &publishAt, &published, &ended); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(body), &rev.Body); err != nil {
		return nil, fmt.Errorf("decode body of revision %d: %w", rev.ID, err)
	}
	rev.CreatedAt, rev.UpdatedAt = rev.CreatedAt.UTC(), rev.UpdatedAt.UTC()
	rev.SubmittedAt = nullTime(submitted)
	rev.ReviewedAt = nullTime(reviewed)
	rev.PublishAt = nullTime(publishAt)
	rev.PublishedAt = nullTime(published)
	rev.EndedAt = nullTime(ended)
	return &rev, nil
}

func nullTime(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// timeOrNull stores a zero time as NULL.
func timeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// queryRevisions runs a SELECT of revisionColumns with the given tail.
func queryRevisions(ctx context.Context, q db.Querier, op, tail string, args ...any) ([]Revision, error) {
	rows, err := q.Query(ctx, "SELECT "+revisionColumns+" FROM guide_revisions "+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", op, err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		rev, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", op, err)
		}
		out = append(out, *rev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", op, err)
	}
	return out, nil
}

// queryRevision returns the one revision selected by tail, or nil when none.
func queryRevision(ctx context.Context, q db.Querier, op, tail string, args ...any) (*Revision, error) {
	rev, err := scanRevision(q.QueryRow(ctx, "SELECT "+revisionColumns+" FROM guide_revisions "+tail, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", op, err)
	}
	return rev, nil
}

// Get returns the revision with id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (*Revision, error) {
	return getRevision(ctx, s.db, id)
}

func getRevision(ctx context.Context, q db.Querier, id int64) (*Revision, error) {
	rev, err := queryRevision(ctx, q, fmt.Sprintf("revision %d", id), "WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if rev == nil {
		return nil, fmt.Errorf("catalog: revision %d: %w", id, ErrNotFound)
	}
	return rev, nil
}

// lockedRevision reads revision id in tx after locking its service's row,
// so that every state change of one document runs one after the other
// even on PostgreSQL with several replicas: two approvals of one document
// must not both see the same head version. The revision is read again
// after the lock, since it may have changed while the lock was awaited.
func lockedRevision(ctx context.Context, tx *db.Tx, id int64) (*Revision, error) {
	rev, err := getRevision(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	var code string
	if err := tx.QueryRow(ctx, "SELECT code FROM services WHERE code = ?"+tx.ForUpdate(), rev.ServiceCode).Scan(&code); err != nil {
		return nil, fmt.Errorf("catalog: lock %s: %w", rev.Key(), err)
	}
	return getRevision(ctx, tx, id)
}

// History returns every revision of a document, newest first: drafts,
// returned and discarded ones included, so nothing written is ever lost.
func (s *Store) History(ctx context.Context, serviceCode, scope string) ([]Revision, error) {
	return queryRevisions(ctx, s.db, "history of "+DocumentKey(serviceCode, scope),
		"WHERE service_code = ? AND scope = ? ORDER BY id DESC", serviceCode, scope)
}

// Published returns the revision of a document the public sees, or nil
// when none is published.
func (s *Store) Published(ctx context.Context, serviceCode, scope string) (*Revision, error) {
	return queryRevision(ctx, s.db, "published "+DocumentKey(serviceCode, scope),
		"WHERE service_code = ? AND scope = ? AND state = 'published'", serviceCode, scope)
}

// headVersion is the document's latest publication number, 0 when it was
// never published. Publications are linear (each is written on the one
// before), so this is the version every new draft must start from.
func headVersion(ctx context.Context, q db.Querier, serviceCode, scope string) (int, error) {
	var v int
	if err := q.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM guide_revisions WHERE service_code = ? AND scope = ?",
		serviceCode, scope).Scan(&v); err != nil {
		return 0, fmt.Errorf("catalog: head of %s: %w", DocumentKey(serviceCode, scope), err)
	}
	return v, nil
}

// headRevision returns the revision that is the document's latest
// publication (published, superseded never, unpublished possibly), or nil.
func headRevision(ctx context.Context, q db.Querier, serviceCode, scope string) (*Revision, error) {
	return queryRevision(ctx, q, "head of "+DocumentKey(serviceCode, scope),
		`WHERE service_code = ? AND scope = ? AND version > 0 ORDER BY version DESC LIMIT 1`, serviceCode, scope)
}

// openRevisionOf returns the author's open revision (draft, in review or
// scheduled) of a document, or nil; there is at most one.
func openRevisionOf(ctx context.Context, q db.Querier, serviceCode, scope string, authorID int64) (*Revision, error) {
	return queryRevision(ctx, q, "open revision of "+DocumentKey(serviceCode, scope),
		`WHERE service_code = ? AND scope = ? AND author_id = ? AND state IN ('draft', 'in_review', 'scheduled')`,
		serviceCode, scope, authorID)
}

// encodeBody returns the stored JSON of a body and its SHA-256, which the
// audit log keeps instead of the whole text.
func encodeBody(b *Body) (string, string, error) {
	j, err := json.Marshal(b)
	if err != nil {
		return "", "", fmt.Errorf("catalog: encode revision body: %w", err)
	}
	sum := sha256.Sum256(j)
	return string(j), hex.EncodeToString(sum[:]), nil
}

// revisionSnapshot is what the audit log keeps of a revision.
type revisionSnapshot struct {
	ID          int64  `json:"id"`
	ServiceCode string `json:"service_code"`
	Scope       string `json:"scope,omitempty"`
	Version     int    `json:"version"`
	State       State  `json:"state"`
	BaseVersion int    `json:"base_version"`
	Saves       int    `json:"saves"`
	ChangeNote  string `json:"change_note,omitempty"`
	ReviewNote  string `json:"review_note,omitempty"`
	Override    bool   `json:"override,omitempty"`
	PublishAt   string `json:"publish_at,omitempty"`
	BodySHA256  string `json:"body_sha256"`
}

// auditJSON returns the audit view of r, or nil for a nil r (nothing
// before, or nothing after).
func (r *Revision) auditJSON() (json.RawMessage, error) {
	if r == nil {
		return nil, nil
	}
	_, sum, err := encodeBody(&r.Body)
	if err != nil {
		return nil, err
	}
	snap := revisionSnapshot{ID: r.ID, ServiceCode: r.ServiceCode, Scope: r.Scope, Version: r.Version, State: r.State,
		BaseVersion: r.BaseVersion, Saves: r.Saves, ChangeNote: r.ChangeNote, ReviewNote: r.ReviewNote,
		Override: r.Override, BodySHA256: sum}
	if !r.PublishAt.IsZero() {
		snap.PublishAt = r.PublishAt.UTC().Format(time.RFC3339)
	}
	return audit.Snapshot(snap)
}
