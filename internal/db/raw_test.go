package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestSQLTxJoinsTransaction checks that a statement run through the raw
// *sql.Tx commits and rolls back with the db.Tx around it.
func TestSQLTxJoinsTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		insert := db.Rebind(d.Dialect(), "INSERT INTO meta (key, value, updated_at) VALUES (?, 'v', CURRENT_TIMESTAMP)")
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.SQLTx().ExecContext(ctx, insert, "rolled-back"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v, want boom", err)
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.SQLTx().ExecContext(ctx, insert, "committed")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]bool{"rolled-back": false, "committed": true} {
			if _, ok, err := d.Meta(ctx, key); err != nil || ok != want {
				t.Errorf("meta %q present = %v (err %v), want %v", key, ok, err, want)
			}
		}
	})
}

// TestWritePoolWrites checks that the write pool accepts writes (on SQLite
// the reader pool is query-only, so handing out the wrong one would fail).
func TestWritePoolWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.WritePool().ExecContext(ctx,
			db.Rebind(d.Dialect(), "INSERT INTO meta (key, value, updated_at) VALUES (?, 'v', CURRENT_TIMESTAMP)"), "k"); err != nil {
			t.Fatalf("write through WritePool: %v", err)
		}
		if _, ok, err := d.Meta(ctx, "k"); err != nil || !ok {
			t.Fatalf("meta k present = %v, err %v", ok, err)
		}
	})
}
