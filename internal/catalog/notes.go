package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// LocalNote is a province's or commune's published note on a service —
// where to go in Hà Nội for a passport, the committee's opening hours —
// shown on the service page under the national guide.
type LocalNote struct {
	// Agency is the committee's agency code ("UBND-01"); the web layer
	// names it through units.
	Agency string `json:"agency"`
	// Text is plain text; blank lines separate paragraphs.
	Text        string    `json:"text"`
	Version     int       `json:"version"`
	PublishedAt time.Time `json:"published_at,omitzero"`
}

// attachNotes adds the published local notes to the services read by All.
func (s *Store) attachNotes(ctx context.Context, out []Service, index map[string]int) error {
	rows, err := s.db.Query(ctx, `SELECT service_code, scope, body, version, published_at FROM local_notes
		ORDER BY service_code, scope`)
	if err != nil {
		return fmt.Errorf("catalog: list notes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var n LocalNote
		if err := rows.Scan(&code, &n.Agency, &n.Text, &n.Version, &n.PublishedAt); err != nil {
			return fmt.Errorf("catalog: list notes: %w", err)
		}
		n.PublishedAt = n.PublishedAt.UTC()
		if i, ok := index[code]; ok {
			out[i].Notes = append(out[i].Notes, n)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("catalog: list notes: %w", err)
	}
	return nil
}

// project writes rev, being published, where the site reads it.
func (s *Store) project(ctx context.Context, tx *db.Tx, rev *Revision) error {
	if rev.Scope != "" {
		if _, err := tx.Exec(ctx, `INSERT INTO local_notes (service_code, scope, body, version, published_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (service_code, scope) DO UPDATE SET body = excluded.body, version = excluded.version,
			published_at = excluded.published_at`,
			rev.ServiceCode, rev.Scope, rev.Body.Note, rev.Version, rev.PublishedAt); err != nil {
			return fmt.Errorf("catalog: publish note %s: %w", rev.Key(), err)
		}
		return bumpVersion(ctx, tx, s.now())
	}
	if rev.Body.Guide == nil {
		return fmt.Errorf("catalog: publish %s: revision %d has no guide", rev.Key(), rev.ID)
	}
	if err := s.PutGuide(ctx, tx, rev.ServiceCode, rev.Body.Guide); err != nil {
		return err
	}
	return s.PutFAQs(ctx, tx, rev.ServiceCode, rev.Body.FAQs)
}

// unproject removes a document from what the site reads.
func (s *Store) unproject(ctx context.Context, tx *db.Tx, serviceCode, scope string) error {
	var err error
	if scope != "" {
		_, err = tx.Exec(ctx, "DELETE FROM local_notes WHERE service_code = ? AND scope = ?", serviceCode, scope)
	} else {
		if _, err = tx.Exec(ctx, "DELETE FROM guides WHERE service_code = ?", serviceCode); err == nil {
			_, err = tx.Exec(ctx, "DELETE FROM faqs WHERE service_code = ?", serviceCode)
		}
	}
	if err != nil {
		return fmt.Errorf("catalog: unpublish %s: %w", DocumentKey(serviceCode, scope), err)
	}
	return bumpVersion(ctx, tx, s.now())
}

// projectedBody reads what the site shows for a document straight from the
// projection, for documents published before the workflow existed
// (version 0). It returns nil when the site shows nothing.
func projectedBody(ctx context.Context, q db.Querier, serviceCode, scope string) (*Body, error) {
	op := "projection of " + DocumentKey(serviceCode, scope)
	if scope != "" {
		var text string
		err := q.QueryRow(ctx, "SELECT body FROM local_notes WHERE service_code = ? AND scope = ?", serviceCode, scope).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", op, err)
		}
		return &Body{Note: text}, nil
	}
	var raw string
	err := q.QueryRow(ctx, "SELECT body FROM guides WHERE service_code = ? AND status = 'published'", serviceCode).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", op, err)
	}
	b := &Body{Guide: &Guide{}}
	if err := json.Unmarshal([]byte(raw), b.Guide); err != nil {
		return nil, fmt.Errorf("catalog: %s: decode: %w", op, err)
	}
	rows, err := q.Query(ctx, `SELECT question, answer, paraphrases FROM faqs
		WHERE service_code = ? AND status = 'published' ORDER BY position`, serviceCode)
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var f FAQ
		var para string
		if err := rows.Scan(&f.Question, &f.Answer, &para); err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", op, err)
		}
		if err := json.Unmarshal([]byte(para), &f.Paraphrases); err != nil {
			return nil, fmt.Errorf("catalog: %s: decode: %w", op, err)
		}
		if len(f.Paraphrases) == 0 {
			f.Paraphrases = nil
		}
		b.FAQs = append(b.FAQs, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", op, err)
	}
	return b, nil
}
