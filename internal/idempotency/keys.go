package idempotency

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// ErrReused is returned when a key comes back with a different request:
// answering it with the first request's answer would mislead the client.
var ErrReused = errors.New("idempotency: key reused for a different request")

// MaxKeyLength bounds a key (a UUID is 36 characters).
const MaxKeyLength = 255

// ValidKey reports whether key has the shape clients generate (UUIDs,
// random strings): 1 to MaxKeyLength visible ASCII characters.
func ValidKey(key string) bool {
	if key == "" || len(key) > MaxKeyLength {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return false
		}
	}
	return true
}

// Hash fingerprints a request from its parts (cleaned values, in a fixed
// order). Parts are separated by a NUL byte, so that ("ab", "c") and
// ("a", "bc") differ.
func Hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Replay returns the answer stored for key in scope, read through q, and
// false when there is none. A stored answer for another request hash gives
// ErrReused.
func Replay(ctx context.Context, q db.Querier, scope, key, hash string) (string, bool, error) {
	var storedHash, response string
	err := q.QueryRow(ctx, `SELECT request_hash, response FROM idempotency_keys WHERE scope = ? AND idem_key = ?`,
		scope, key).Scan(&storedHash, &response)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("idempotency: read %s key: %w", scope, err)
	}
	if storedHash != hash {
		return "", false, ErrReused
	}
	return response, true, nil
}

// Save stores key with its request hash and answer in tx, and reports
// false when the key is held already: by a committed twin, or on
// PostgreSQL by one committing meanwhile (Save waits for it). The caller
// must then take its own write back — roll back, or undo it in a batch —
// and Replay the twin's answer.
func Save(ctx context.Context, tx *db.Tx, scope, key, hash, response string, at time.Time) (bool, error) {
	// DO NOTHING rather than catching the unique violation: on PostgreSQL
	// a failed statement would abort the caller's whole transaction.
	res, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (scope, idem_key, request_hash, response, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, idem_key) DO NOTHING`, scope, key, hash, response, at.UTC())
	if err != nil {
		return false, fmt.Errorf("idempotency: save %s key: %w", scope, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("idempotency: save %s key: %w", scope, err)
	}
	return n == 1, nil
}

// errTaken rolls back a write whose key a twin holds.
var errTaken = errors.New("idempotency: key taken")

// Once answers a keyed write exactly once. With the key's answer stored
// already it returns that answer, replayed, and writes nothing. Otherwise
// it runs write in a transaction of d, which returns the answer to give,
// and saves the key with that answer in the same transaction. If a twin
// with the same key commits first, write is rolled back and the twin's
// answer returned, replayed. An error from write is returned as it is,
// and nothing is kept.
func Once(ctx context.Context, d *db.DB, scope, key, hash string, now time.Time,
	write func(tx *db.Tx) (string, error)) (response string, replayed bool, err error) {
	if response, ok, err := Replay(ctx, d, scope, key, hash); err != nil || ok {
		return response, ok, err
	}
	err = d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if response, err = write(tx); err != nil {
			return err
		}
		saved, err := Save(ctx, tx, scope, key, hash, response, now)
		if err != nil {
			return err
		}
		if !saved {
			return errTaken
		}
		return nil
	})
	if !errors.Is(err, errTaken) {
		return response, false, err
	}
	response, ok, err := Replay(ctx, d, scope, key, hash)
	if err != nil {
		return "", false, err
	}
	if !ok {
		return "", false, fmt.Errorf("idempotency: %s key taken but not readable", scope)
	}
	return response, true, nil
}

// Keep is how long keys are kept: clients retry within minutes, a week
// covers a device that was offline over a weekend.
const Keep = 7 * 24 * time.Hour

// Prune deletes the keys saved before cutoff, of the given scopes or of
// every scope when none is given, and returns how many went.
func Prune(ctx context.Context, q db.Querier, cutoff time.Time, scopes ...string) (int64, error) {
	query, args := "DELETE FROM idempotency_keys WHERE created_at < ?", []any{cutoff.UTC()}
	if len(scopes) > 0 {
		query += " AND scope IN (?" + strings.Repeat(", ?", len(scopes)-1) + ")"
		for _, s := range scopes {
			args = append(args, s)
		}
	}
	res, err := q.Exec(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("idempotency: prune: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("idempotency: prune: %w", err)
	}
	return n, nil
}
