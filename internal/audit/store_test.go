package audit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// seed writes five entries an hour apart from t0, varying actor, agency and
// object, and returns t0.
func seed(t *testing.T, d *db.DB) time.Time {
	t.Helper()
	ctx := context.Background()
	t0 := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	rows := []audit.Entry{
		{Actor: lan, Action: "guide.edit", ObjectType: "guide", ObjectID: "A", Agency: "UBND-01"},
		{Actor: lan, Action: "guide.edit", ObjectType: "guide", ObjectID: "B", Agency: "UBND-00004"},
		{Actor: audit.Actor{ID: 8, Name: "minh", Agency: "VN"}, Action: "user.create", ObjectType: "staff_user", ObjectID: "3", Agency: "UBND-01"},
		{Actor: audit.System, Action: "guide.publish", ObjectType: "guide", ObjectID: "A", Agency: "UBND-01"},
		{Actor: audit.Actor{ID: 8, Name: "minh", Agency: "VN"}, Action: "guide.edit", ObjectType: "guide", ObjectID: "C", Agency: "BCA"},
	}
	for i, e := range rows {
		e.At = t0.Add(time.Duration(i) * time.Hour)
		if err := audit.Record(ctx, d, e); err != nil {
			t.Fatal(err)
		}
	}
	return t0
}

func ids(es []audit.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ObjectType + ":" + e.ObjectID + "@" + e.At.Format("15")
	}
	return out
}

func TestListFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		t0 := seed(t, d)
		s := audit.NewStore(d)
		tests := []struct {
			name string
			f    audit.Filter
			want []string
		}{
			{"all newest first", audit.Filter{}, []string{"guide:C@04", "guide:A@03", "staff_user:3@02", "guide:B@01", "guide:A@00"}},
			{"actor", audit.Filter{Actor: 8}, []string{"guide:C@04", "staff_user:3@02"}},
			{"system", audit.Filter{ActorName: "system"}, []string{"guide:A@03"}},
			{"agency", audit.Filter{Agency: "UBND-01"}, []string{"guide:A@03", "staff_user:3@02", "guide:A@00"}},
			{"agencies", audit.Filter{Agencies: []string{"UBND-00004", "BCA"}}, []string{"guide:C@04", "guide:B@01"}},
			{"object", audit.Filter{ObjectType: "guide", ObjectID: "A"}, []string{"guide:A@03", "guide:A@00"}},
			{"action", audit.Filter{Action: "user.create"}, []string{"staff_user:3@02"}},
			{"from included, to excluded", audit.Filter{From: t0.Add(time.Hour), To: t0.Add(3 * time.Hour)}, []string{"staff_user:3@02", "guide:B@01"}},
			{"from in another zone", audit.Filter{From: t0.Add(3 * time.Hour).In(time.FixedZone("ICT", 7*3600))}, []string{"guide:C@04", "guide:A@03"}},
			{"limit and offset", audit.Filter{Limit: 2, Offset: 1}, []string{"guide:A@03", "staff_user:3@02"}},
			{"combined", audit.Filter{Actor: 7, Agency: "UBND-01"}, []string{"guide:A@00"}},
		}
		for _, tt := range tests {
			got, err := s.List(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if g := ids(got); !equal(g, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, g, tt.want)
			}
			n, err := s.Count(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if tt.f.Limit == 0 && n != len(tt.want) {
				t.Errorf("%s: Count = %d, want %d", tt.name, n, len(tt.want))
			}
		}
	})
}

func TestListLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := audit.NewStore(d)
		err := d.InTx(ctx, func(tx *db.Tx) error {
			for i := 0; i < audit.DefaultLimit+5; i++ {
				if err := audit.Record(ctx, tx, entry("guide.edit", "x")); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.List(ctx, audit.Filter{})
		if err != nil || len(got) != audit.DefaultLimit {
			t.Fatalf("List default = %d entries, %v; want %d", len(got), err, audit.DefaultLimit)
		}
		if _, err := s.List(ctx, audit.Filter{Limit: -1}); !errors.Is(err, audit.ErrInvalidFilter) {
			t.Errorf("negative limit: %v", err)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
