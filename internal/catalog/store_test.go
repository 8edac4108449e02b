package catalog

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func sampleService(code, slug string) Service {
	return Service{
		Code: code, Slug: slug, Name: "Thủ tục " + code, Field: "Hộ tịch",
		OnlineLevel: OnlinePartial, Levels: []Level{LevelCommune}, Agencies: []string{"BTP"},
		LifeEvents: []string{"sinh-con"},
		Channels:   []Channel{{Kind: ChannelOnline, ProcessingTime: "1 ngày"}},
	}
}

func TestImportOutcomes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		res := &ParseResult{Services: []Service{sampleService("1.1", "a"), sampleService("1.2", "b")}, Lines: []int{1, 2}}
		sum, err := s.Import(ctx, res, ImportOptions{})
		if err != nil || sum.Created != 2 {
			t.Fatalf("first import: %+v, %v", sum, err)
		}
		res.Services[1].Name = "Đổi tên"
		sum, err = s.Import(ctx, res, ImportOptions{})
		if err != nil || sum.Unchanged != 1 || sum.Updated != 1 {
			t.Fatalf("second import: %+v, %v", sum, err)
		}
		all, _ := s.All(ctx)
		if len(all) != 2 {
			t.Fatalf("%d services", len(all))
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		if _, err := s.Import(ctx, &ParseResult{Services: []Service{sampleService("1.1", "a")}, Lines: []int{1}}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		// Record 2 takes slug "a", which belongs to 1.1: the new record 1.3 before it must not land.
		res := &ParseResult{Services: []Service{sampleService("1.3", "c"), sampleService("1.4", "a")}, Lines: []int{1, 2}}
		sum, err := s.Import(ctx, res, ImportOptions{})
		if !errors.Is(err, ErrInvalid) || sum.Rejected != 1 || len(sum.Errors) != 1 || sum.Errors[0].Line != 2 {
			t.Fatalf("conflicting import: %+v, %v", sum, err)
		}
		if n, _ := s.Count(ctx); n != 1 {
			t.Fatalf("after refused import: %d services, want 1", n)
		}
		sum, err = s.Import(ctx, res, ImportOptions{SkipInvalid: true})
		if err != nil || sum.Created != 1 || sum.Rejected != 1 {
			t.Fatalf("skip-invalid import: %+v, %v", sum, err)
		}
		// Parse errors refuse the whole file too.
		res = &ParseResult{Services: []Service{sampleService("1.5", "e")}, Lines: []int{1}, Errors: []*LineError{{Line: 2, Field: "name", Msg: "trống"}}}
		if _, err := s.Import(ctx, res, ImportOptions{}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("import with parse errors: %v", err)
		}
		if n, _ := s.Count(ctx); n != 2 {
			t.Fatalf("after refused import: %d services, want 2", n)
		}
	})
}

func TestFeedback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		for _, h := range []bool{true, true, false} {
			if err := s.AddFeedback(ctx, "/dich-vu/a", h); err != nil {
				t.Fatal(err)
			}
		}
		yes, no, err := s.FeedbackCounts(ctx, "/dich-vu/a")
		if err != nil || yes != 2 || no != 1 {
			t.Fatalf("counts %d/%d, %v", yes, no, err)
		}
	})
}

func TestSnapshotFilterAndOrder(t *testing.T) {
	a := sampleService("1", "a")
	a.Popularity = 1
	b := sampleService("2", "b")
	b.Popularity = 9
	b.Levels = []Level{LevelProvince}
	snap := NewSnapshot(1, []Service{a, b})
	if snap.Services[0].Slug != "b" {
		t.Fatalf("most popular first: got %s", snap.Services[0].Slug)
	}
	if got := snap.Select(Filter{Level: LevelCommune}); len(got) != 1 || got[0].Slug != "a" {
		t.Fatalf("filter by level: %v", got)
	}
	if snap.BySlug("b") == nil || snap.BySlug("x") != nil {
		t.Fatal("BySlug")
	}
	if got := snap.ByCode("2"); got == nil || got.Slug != "b" || snap.ByCode("9") != nil {
		t.Fatal("ByCode")
	}
}
