package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/staff"
)

// ErrNotFound is returned when a service does not exist.
var ErrNotFound = errors.New("catalog: not found")

// Store reads and writes the catalogue tables.
type Store struct {
	db *db.DB
	// now is the clock, replaceable in tests.
	now func() time.Time
	// parents is the agency hierarchy used for editorial scopes (options.go).
	parents staff.ParentFunc
	// localLevel says whether an agency code is a province or commune
	// committee, the owners of local notes (options.go).
	localLevel func(agency string) (Level, bool)
	// onSchedule runs inside the transaction that schedules a publication.
	onSchedule func(ctx context.Context, tx *db.Tx, rev *Revision) error
}

// NewStore returns a store over d. Without options the agency hierarchy is
// flat (staff.NoParents) and local-note scopes are recognised by their code
// (see WithLocalScopes).
func NewStore(d *db.DB, opts ...Option) *Store {
	s := &Store{db: d, now: func() time.Time { return time.Now().UTC() },
		parents: staff.NoParents, localLevel: committeeLevel}
	for _, o := range opts {
		o(s)
	}
	return s
}

// DB returns the underlying database, for callers that need a transaction.
func (s *Store) DB() *db.DB { return s.db }

// Outcome says what an upsert did.
type Outcome int

// Upsert outcomes.
const (
	Unchanged Outcome = iota
	Created
	Updated
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case Created:
		return "created"
	case Updated:
		return "updated"
	}
	return "unchanged"
}

// recordBody is the part of a Service kept in the body column: everything
// except the guide, FAQs and local notes, which have their own tables and
// life cycle.
func recordBody(svc *Service) ([]byte, string, error) {
	rec := *svc
	rec.Guide, rec.FAQs, rec.Notes, rec.UpdatedAt = nil, nil, nil, time.Time{}
	body, err := json.Marshal(rec)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(body)
	return body, hex.EncodeToString(sum[:]), nil
}

// UpsertRecord creates or updates the procedure record of svc (keyed by code),
// leaving its guide and FAQs alone, and reports what it did. An identical
// record is left untouched, so re-importing a file changes nothing.
func (s *Store) UpsertRecord(ctx context.Context, tx *db.Tx, svc *Service) (Outcome, error) {
	body, hash, err := recordBody(svc)
	if err != nil {
		return 0, fmt.Errorf("catalog: upsert %s: encode: %w", svc.Code, err)
	}
	var oldHash, oldSlugOwner string
	err = tx.QueryRow(ctx, "SELECT content_hash FROM services WHERE code = ?", svc.Code).Scan(&oldHash)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("catalog: upsert %s: %w", svc.Code, err)
	}
	if exists && oldHash == hash {
		return Unchanged, nil
	}
	err = tx.QueryRow(ctx, "SELECT code FROM services WHERE slug = ? AND code <> ?", svc.Slug, svc.Code).Scan(&oldSlugOwner)
	if err == nil {
		return 0, fmt.Errorf("catalog: upsert %s: slug %q already belongs to service %s", svc.Code, svc.Slug, oldSlugOwner)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("catalog: upsert %s: %w", svc.Code, err)
	}
	now := s.now()
	levels := joinLevels(svc.Levels)
	if exists {
		_, err = tx.Exec(ctx, `UPDATE services SET slug = ?, name = ?, field = ?, online_level = ?, levels = ?,
			popularity = ?, source = ?, body = ?, content_hash = ?, updated_at = ? WHERE code = ?`,
			svc.Slug, svc.Name, svc.Field, string(svc.OnlineLevel), levels, svc.Popularity, svc.Source,
			string(body), hash, now, svc.Code)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO services (code, slug, name, field, online_level, levels, popularity,
			source, body, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			svc.Code, svc.Slug, svc.Name, svc.Field, string(svc.OnlineLevel), levels, svc.Popularity,
			svc.Source, string(body), hash, now, now)
	}
	if err != nil {
		return 0, fmt.Errorf("catalog: upsert %s: %w", svc.Code, err)
	}
	if err := replaceLinks(ctx, tx, "service_agencies", "agency_code", svc.Code, svc.Agencies); err != nil {
		return 0, err
	}
	if err := replaceLinks(ctx, tx, "service_life_events", "life_event", svc.Code, svc.LifeEvents); err != nil {
		return 0, err
	}
	if err := bumpVersion(ctx, tx, now); err != nil {
		return 0, err
	}
	if exists {
		return Updated, nil
	}
	return Created, nil
}

// replaceLinks rewrites the rows of a service's link table. The table and
// column names are constants of this package, never user input.
func replaceLinks(ctx context.Context, tx *db.Tx, table, column, code string, values []string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE service_code = ?", code); err != nil {
		return fmt.Errorf("catalog: %s of %s: %w", table, code, err)
	}
	seen := map[string]bool{}
	for _, v := range values {
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		if _, err := tx.Exec(ctx, "INSERT INTO "+table+" (service_code, "+column+") VALUES (?, ?)", code, v); err != nil {
			return fmt.Errorf("catalog: %s of %s: %w", table, code, err)
		}
	}
	return nil
}

// PutGuide stores the published guide of a service, replacing the previous one.
func (s *Store) PutGuide(ctx context.Context, tx *db.Tx, code string, g *Guide) error {
	body, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("catalog: guide of %s: encode: %w", code, err)
	}
	now := s.now()
	if _, err := tx.Exec(ctx, `INSERT INTO guides (service_code, body, reviewed_at, status, updated_at)
		VALUES (?, ?, ?, 'published', ?)
		ON CONFLICT (service_code) DO UPDATE SET body = excluded.body, reviewed_at = excluded.reviewed_at,
		status = excluded.status, updated_at = excluded.updated_at`,
		code, string(body), g.ReviewedAt, now); err != nil {
		return fmt.Errorf("catalog: guide of %s: %w", code, err)
	}
	return bumpVersion(ctx, tx, now)
}

// PutFAQs replaces the published FAQs of a service.
func (s *Store) PutFAQs(ctx context.Context, tx *db.Tx, code string, faqs []FAQ) error {
	if _, err := tx.Exec(ctx, "DELETE FROM faqs WHERE service_code = ?", code); err != nil {
		return fmt.Errorf("catalog: faqs of %s: %w", code, err)
	}
	for i, f := range faqs {
		para, err := json.Marshal(nonNil(f.Paraphrases))
		if err != nil {
			return fmt.Errorf("catalog: faqs of %s: encode: %w", code, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO faqs (service_code, position, question, answer, paraphrases, status)
			VALUES (?, ?, ?, ?, ?, 'published')`, code, i+1, f.Question, f.Answer, string(para)); err != nil {
			return fmt.Errorf("catalog: faqs of %s: %w", code, err)
		}
	}
	return bumpVersion(ctx, tx, s.now())
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func joinLevels(levels []Level) string {
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = string(l)
	}
	return strings.Join(parts, ",")
}

// versionCounter is the change_counters row bumped by every catalogue write.
const versionCounter = "catalog"

// bumpVersion marks the catalogue as changed so every replica reloads it.
func bumpVersion(ctx context.Context, tx *db.Tx, now time.Time) error {
	if _, err := tx.Exec(ctx, `INSERT INTO change_counters (name, version, changed_at) VALUES (?, 1, ?)
		ON CONFLICT (name) DO UPDATE SET version = change_counters.version + 1, changed_at = excluded.changed_at`,
		versionCounter, now); err != nil {
		return fmt.Errorf("catalog: bump version: %w", err)
	}
	return nil
}

// Version returns the catalogue's change counter; it grows on every write.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRow(ctx, "SELECT version FROM change_counters WHERE name = ?", versionCounter).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("catalog: version: %w", err)
	}
	return v, nil
}

// Count returns the number of services.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM services").Scan(&n); err != nil {
		return 0, fmt.Errorf("catalog: count: %w", err)
	}
	return n, nil
}

// AddFeedback records one answer to "was this guide helpful?" for a page.
func (s *Store) AddFeedback(ctx context.Context, page string, helpful bool) error {
	if _, err := s.db.Exec(ctx, "INSERT INTO page_feedback (page, helpful, created_at) VALUES (?, ?, ?)",
		page, helpful, s.now()); err != nil {
		return fmt.Errorf("catalog: feedback for %s: %w", page, err)
	}
	return nil
}

// FeedbackCounts returns how many answered yes and no for a page.
func (s *Store) FeedbackCounts(ctx context.Context, page string) (yes, no int, err error) {
	err = s.db.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN helpful THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN helpful THEN 0 ELSE 1 END), 0) FROM page_feedback WHERE page = ?`, page).Scan(&yes, &no)
	if err != nil {
		return 0, 0, fmt.Errorf("catalog: feedback counts for %s: %w", page, err)
	}
	return yes, no, nil
}
