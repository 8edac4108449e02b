package jobs_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// TestMigrateConcurrently runs river's migrations from several goroutines at
// once, as replicas starting together would; on PostgreSQL only the advisory
// lock keeps them from colliding on CREATE TABLE.
func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Go(func() { errs <- jobs.Migrate(context.Background(), d) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		cols, err := d.Columns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(cols["river_job"]) == 0 {
			t.Fatalf("no river_job table after Migrate: %v", cols)
		}
	})
}

// TestRiverSchemaSameOnBothDialects checks that river's tables have the same
// columns on SQLite and PostgreSQL, so that internal/db's comparison of the
// two schemas still holds when a test database also carries river's tables.
func TestRiverSchemaSameOnBothDialects(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lite, err := migrated(t, dbtest.SQLite(t)).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrated(t, dbtest.Postgres(t)).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	river := 0
	for table, cols := range lite {
		if !strings.HasPrefix(table, "river_") {
			continue
		}
		river++
		if !slices.Equal(cols, pg[table]) {
			t.Errorf("table %s: sqlite columns %v, postgres %v", table, cols, pg[table])
		}
	}
	for table := range pg {
		if _, ok := lite[table]; !ok && strings.HasPrefix(table, "river_") {
			t.Errorf("table %s exists only on postgres", table)
		}
	}
	if river < 4 {
		t.Fatalf("only %d river tables on sqlite", river)
	}
}
