package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Meta returns the value stored under key in the meta table, and whether
// it exists.
func (d *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := d.QueryRow(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("db: meta %s: %w", key, err)
	}
	return v, true, nil
}

// SetMeta stores value under key in the meta table, within q (a transaction
// or the database).
func SetMeta(ctx context.Context, q Querier, key, value string) error {
	if _, err := q.Exec(ctx, `INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, time.Now().UTC()); err != nil {
		return fmt.Errorf("db: set meta %s: %w", key, err)
	}
	return nil
}

// MetaOnce stores value under key unless a value is there already, and
// returns the stored value. Replicas starting together agree on one value.
func (d *DB) MetaOnce(ctx context.Context, key, value string) (string, error) {
	if _, err := d.Exec(ctx, "INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
		key, value, time.Now().UTC()); err != nil {
		return "", fmt.Errorf("db: meta once %s: %w", key, err)
	}
	v, _, err := d.Meta(ctx, key)
	return v, err
}
