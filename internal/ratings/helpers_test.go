package ratings

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// testServices is a small catalogue: one service with one responsible
// agency, one with two.
var testServices = []Service{
	{Code: "1.001193", Slug: "dang-ky-khai-sinh", Agencies: []string{"BTP"}},
	{Code: "1.002001", Slug: "cap-doi-giay-phep-lai-xe", Agencies: []string{"BGTVT", "BCA"}},
}

var testAgencies = []string{"BTP", "BCA", "BGTVT", "UBND-01", "UBND-00004"}

func testLookup() Lookup {
	return Lookup{
		Service: func(_ context.Context, key string) (Service, bool, error) {
			for _, s := range testServices {
				if s.Code == key || s.Slug == key {
					return s, true, nil
				}
			}
			return Service{}, false, nil
		},
		Agency: func(_ context.Context, code string) (bool, error) { return slices.Contains(testAgencies, code), nil },
	}
}

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestStore(t *testing.T, d *db.DB) (*Store, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)}
	return NewStore(d, WithLookups(testLookup()), WithClock(c.now)), c
}

func countRows(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
