package cases

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// fixedNow is the test clock: 09:30 on 2 March 2026 in Hà Nội.
var fixedNow = time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC)

func testStore(d *db.DB, opts ...Option) *Store {
	return NewStore(d, append([]Option{WithClock(func() time.Time { return fixedNow })}, opts...)...)
}

// countRows returns the number of rows in table.
func countRows(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustOpen(t *testing.T, s *Store, in NewCase) *Case {
	t.Helper()
	c, err := s.Open(context.Background(), in)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return c
}
