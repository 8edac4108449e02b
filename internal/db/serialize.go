package db

import (
	"context"
	"fmt"
)

// Serialize makes the rest of the transaction run alone among the
// transactions that serialise on the same key: on PostgreSQL it takes the
// advisory lock key until the transaction ends, so replicas rebuilding the
// same rows (delete, then insert) wait for each other instead of inserting
// twice; on SQLite it does nothing, because the single writer already runs
// one write transaction at a time.
func (t *Tx) Serialize(ctx context.Context, key int64) error {
	if t.dialect != Postgres {
		return nil
	}
	if _, err := t.Exec(ctx, "SELECT pg_advisory_xact_lock(?)", key); err != nil {
		return fmt.Errorf("db: serialize on %#x: %w", key, err)
	}
	return nil
}
