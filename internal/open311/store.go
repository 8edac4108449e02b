package open311

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Extra is what an Open311 request carried besides the case: its place and
// media link (table open311_requests).
type Extra struct {
	HasPoint  bool
	Lat, Long float64
	// Address is the client's address_string as sent: show it only through
	// cases.Redact (RequestOf does).
	Address   string
	AddressID string
	// MediaURL is kept for staff; it is not published.
	MediaURL string
	// TokenID is the API token that filed the request.
	TokenID int64
}

// Store reads and writes open311_requests. It keeps no state.
type Store struct{ db *db.DB }

// NewStore returns a store over d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// ExtraOf returns the extra parts of a parsed POST.
func (p *Post) ExtraOf(tokenID int64) Extra {
	return Extra{HasPoint: p.HasPoint, Lat: p.Lat, Long: p.Long, Address: p.Address,
		AddressID: p.AddressID, MediaURL: p.MediaURL, TokenID: tokenID}
}

// SaveTx records x for the case with caseID, inside the transaction that
// opened the case.
func (s *Store) SaveTx(ctx context.Context, tx *db.Tx, caseID int64, x Extra, now time.Time) error {
	var lat, long any
	if x.HasPoint {
		lat, long = x.Lat, x.Long
	}
	if _, err := tx.Exec(ctx, `INSERT INTO open311_requests (case_id, lat, lng, address, address_id,
		media_url, token_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		caseID, lat, long, x.Address, x.AddressID, x.MediaURL, x.TokenID, now.UTC()); err != nil {
		return fmt.Errorf("open311: save request of case %d: %w", caseID, err)
	}
	return nil
}

// Extras returns the extras of the cases with these ids that came over
// Open311; other cases are absent from the map.
func (s *Store) Extras(ctx context.Context, caseIDs []int64) (map[int64]Extra, error) {
	out := map[int64]Extra{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(caseIDs))
	for i, id := range caseIDs {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	rows, err := s.db.Query(ctx, `SELECT case_id, lat, lng, address, address_id, media_url, token_id
		FROM open311_requests WHERE case_id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("open311: extras: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var x Extra
		var lat, long sql.NullFloat64
		if err := rows.Scan(&id, &lat, &long, &x.Address, &x.AddressID, &x.MediaURL, &x.TokenID); err != nil {
			return nil, fmt.Errorf("open311: extras: %w", err)
		}
		x.HasPoint, x.Lat, x.Long = lat.Valid && long.Valid, lat.Float64, long.Float64
		out[id] = x
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("open311: extras: %w", err)
	}
	return out, nil
}
