package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestRebind(t *testing.T) {
	tests := []struct {
		dialect db.Dialect
		in, out string
	}{
		{db.SQLite, "SELECT ? , ?", "SELECT ? , ?"},
		{db.Postgres, "SELECT ? , ?", "SELECT $1 , $2"},
		{db.Postgres, "SELECT '?' , ?", "SELECT '?' , $1"},
		{db.Postgres, "SELECT 1", "SELECT 1"},
	}
	for _, tt := range tests {
		if got := db.Rebind(tt.dialect, tt.in); got != tt.out {
			t.Errorf("Rebind(%s, %q) = %q, want %q", tt.dialect, tt.in, got, tt.out)
		}
	}
}

func TestInTxRollsBackOnError(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO change_counters (name, version, changed_at) VALUES (?, 1, CURRENT_TIMESTAMP)", "x"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx error = %v, want boom", err)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM change_counters").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("rows after rollback = %d, want 0", n)
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO change_counters (name, version, changed_at) VALUES (?, 1, CURRENT_TIMESTAMP)", "x")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM change_counters").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("rows after commit = %d, want 1", n)
		}
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if err := d.Migrate(context.Background()); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		cur, newest, err := d.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if cur != newest || cur == 0 {
			t.Fatalf("schema version %d, newest %d", cur, newest)
		}
	})
}
