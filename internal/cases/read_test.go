package cases

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestListAndCount(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := fixedNow
		s := NewStore(d, WithClock(func() time.Time { return now }))
		open := func(src Source, agency, province string, cat Category) *Case {
			now = now.Add(time.Minute)
			in := valid()
			in.Source, in.Agency, in.ProvinceCode, in.Category = src, agency, province, cat
			if src == SourceHotline {
				in.By = StaffActor(1)
			}
			return mustOpen(t, s, in)
		}
		a := open(SourceWeb, "UBND-01", "01", CategoryFee)
		b := open(SourceHotline, "UBND-79", "79", CategorySystem)
		// No province: no rule and no province committee to route it to.
		c := open(SourceAssistant, "", "", CategoryOther)
		dd := open(SourceAPI, "BCA", "", CategorySystem)
		if _, err := s.Transition(ctx, b.ID, Change{To: StateClassified, By: ActorSystem, Visibility: Public}); err != nil {
			t.Fatal(err)
		}
		ids := func(cs []Case) []int64 {
			var out []int64
			for _, c := range cs {
				out = append(out, c.ID)
			}
			return out
		}
		tests := []struct {
			name string
			f    Filter
			want []int64
		}{
			{"all, newest first", Filter{}, []int64{dd.ID, c.ID, b.ID, a.ID}},
			{"one agency", Filter{Agency: "UBND-01"}, []int64{a.ID}},
			{"scope", Filter{Agencies: []string{"UBND-01", "BCA"}}, []int64{dd.ID, a.ID}},
			{"unrouted", Filter{Unrouted: true}, []int64{c.ID}},
			{"state", Filter{State: StateClassified}, []int64{b.ID}},
			{"source", Filter{Source: SourceHotline}, []int64{b.ID}},
			{"category", Filter{Category: CategorySystem}, []int64{dd.ID, b.ID}},
			{"province", Filter{ProvinceCode: "01"}, []int64{a.ID}},
			{"combined", Filter{ProvinceCode: "01", Agencies: []string{"UBND-01"}}, []int64{a.ID}},
			{"page", Filter{Limit: 2, Offset: 1}, []int64{c.ID, b.ID}},
			{"nothing", Filter{Agency: "UBND-02"}, nil},
		}
		for _, tt := range tests {
			got, err := s.List(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if g := ids(got); !equalIDs(g, tt.want) {
				t.Errorf("%s: ids %v, want %v", tt.name, g, tt.want)
			}
			n, err := s.Count(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			wantN := len(tt.want)
			if tt.name == "page" {
				wantN = 4 // Count ignores paging
			}
			if n != wantN {
				t.Errorf("%s: count %d, want %d", tt.name, n, wantN)
			}
		}
		if _, err := s.List(ctx, Filter{Limit: -1}); err == nil {
			t.Error("negative limit accepted")
		}
	})
}

func equalIDs(a, b []int64) bool {
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
