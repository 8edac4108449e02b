package catalog

import (
	"context"
	"slices"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func TestSeedDemoStartsHistoryAtVersionOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := NewStore(d)
		ctx := context.Background()
		if _, err := s.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		demo, _ := DemoServices()
		passport := "LOA-HOCHIEU-PT"
		hist, err := s.History(ctx, passport, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 1 || hist[0].Version != 1 || hist[0].State != StatePublished || hist[0].AuthorName != "system" ||
			hist[0].AuthorID != 0 || hist[0].ChangeNote == "" {
			t.Fatalf("seeded history = %+v", hist)
		}
		// Seeding again adds nothing.
		v, _ := s.Version(ctx)
		if _, err := s.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.History(ctx, passport, ""); len(again) != 1 {
			t.Fatalf("reseeding added revisions: %d", len(again))
		}
		if v2, _ := s.Version(ctx); v2 != v {
			t.Errorf("an identical reseed bumped the version %d → %d", v, v2)
		}
		// A person publishes version 2; a reseed leaves it alone.
		editor := &staff.User{ID: 21, Username: "bientap", Role: staff.RoleEditor, Agency: "BCA"}
		reviewer := &staff.User{ID: 22, Username: "duyet", Role: staff.RoleReviewer, Agency: "BCA"}
		mustPublish(t, s, editor, reviewer, passport, "", guideBody("Bản của biên tập viên"), "Sửa")
		if _, err := s.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		if got := publicSteps(t, s, passport); !slices.Equal(got, []string{"Bản của biên tập viên"}) {
			t.Fatalf("reseed overwrote a person's publication: %v", got)
		}
		if h, _ := s.History(ctx, passport, ""); len(h) != 2 {
			t.Fatalf("history after reseed = %d revisions", len(h))
		}
		// Every demo guide has its revision.
		for _, svc := range demo {
			if svc.Guide == nil {
				continue
			}
			if p, err := s.Published(ctx, svc.Code, ""); err != nil || p == nil {
				t.Errorf("%s: no published revision (%v)", svc.Code, err)
			}
		}
	})
}

func TestSeedUpdatesItsOwnText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		seed := func(body Body) {
			t.Helper()
			if err := d.InTx(ctx, func(tx *db.Tx) error { return s.seedDocument(ctx, tx, svcPassport, body) }); err != nil {
				t.Fatal(err)
			}
		}
		seed(guideBody("Bản demo 1"))
		seed(guideBody("Bản demo 2")) // a newer demo file
		hist, _ := s.History(ctx, svcPassport, "")
		if len(hist) != 2 || hist[0].Version != 2 || hist[1].State != StateSuperseded {
			t.Fatalf("history = %+v", hist)
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, []string{"Bản demo 2"}) {
			t.Fatalf("public = %v", got)
		}
		es := auditEntries(t, d)
		if len(es) != 2 || es[0].Action != ActionPublish || es[0].Actor.Name != "system" {
			t.Fatalf("seed audit = %+v", es)
		}
	})
}
