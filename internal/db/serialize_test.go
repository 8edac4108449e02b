package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestSerializeRebuildsOneAtATime: transactions that rebuild the same row
// (delete, then insert) at once all commit when they serialise on a key.
// Without it PostgreSQL's read-committed delete misses the row another
// transaction has just inserted, and the insert breaks the primary key.
func TestSerializeRebuildsOneAtATime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const workers = 6
		dbtest.AtOnce(t, workers, "rebuild", func() error {
			return d.InTx(ctx, func(tx *db.Tx) error {
				if err := tx.Serialize(ctx, 0x7465737431); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, "DELETE FROM change_counters WHERE name = ?", "rebuilt"); err != nil {
					return err
				}
				time.Sleep(20 * time.Millisecond) // let the others queue behind the delete
				_, err := tx.Exec(ctx, "INSERT INTO change_counters (name, version, changed_at) VALUES (?, 1, CURRENT_TIMESTAMP)", "rebuilt")
				return err
			})
		})
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM change_counters WHERE name = ?", "rebuilt").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d rows, want 1", n)
		}
	})
}
