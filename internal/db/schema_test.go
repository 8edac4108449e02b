package db_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestDialectsReachSameSchema guards against a migration written for one
// dialect and forgotten, or written differently, for the other.
func TestDialectsReachSameSchema(t *testing.T) {
	ctx := context.Background()
	lite, err := dbtest.SQLite(t).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := dbtest.Postgres(t).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no tables after migration")
	}
	for table, cols := range lite {
		if !reflect.DeepEqual(cols, pg[table]) {
			t.Errorf("table %s: sqlite columns %v, postgres %v", table, cols, pg[table])
		}
	}
	for table := range pg {
		if _, ok := lite[table]; !ok {
			t.Errorf("table %s exists only on postgres", table)
		}
	}
}
