package assistant

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

func TestAbbreviations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		// Two replicas, each with its own shared table.
		synA, synB := vn.DefaultSynonyms(), vn.DefaultSynonyms()
		a, b := NewAbbreviations(d, synA), NewAbbreviations(d, synB)
		for _, x := range []*Abbreviations{a, b} {
			if err := x.Load(ctx); err != nil {
				t.Fatal(err)
			}
		}
		actor := audit.Actor{ID: 3, Name: "bientap.bca", Agency: "BCA"}
		// Decomposed input (e + combining marks) is stored as NFC.
		row, err := a.Add(ctx, actor, "  ĐKHKD  hộ ", "giấy phe\u0301p kinh doanh hộ kinh doanh")
		if err != nil {
			t.Fatal(err)
		}
		if row.Term != "ĐKHKD hộ" || row.Expansion != "giấy phép kinh doanh hộ kinh doanh" || row.ID == 0 {
			t.Errorf("row %+v", row)
		}
		if got := synA.Expand([]string{"dkhkd", "ho"}); len(got) != 1 || strings.Join(got[0], " ") != "giấy phép kinh doanh hộ kinh doanh" {
			t.Errorf("replica A expands to %v", got)
		}
		if got := synB.Expand([]string{"dkhkd", "ho"}); len(got) != 0 {
			t.Errorf("replica B changed before polling: %v", got)
		}
		if err := b.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if got := synB.Expand([]string{"dkhkd", "ho"}); len(got) != 1 {
			t.Errorf("replica B after polling: %v", got)
		}

		var inv *InvalidError
		for _, tc := range []struct{ term, expansion, field string }{
			{"", "giấy phép", "term"},
			{"abc", "   ", "expansion"},
			{"???", "giấy phép", "term"},
			{strings.Repeat("a", MaxAbbreviationTerm+1), "giấy phép", "term"},
			{"xyz", strings.Repeat("giấy ", MaxAbbreviationExpansion), "expansion"},
			{"Sổ Đỏ", "so do", "expansion"},                            // the same words
			{"CCCD", "căn cước công dân", "term"},                      // a curated row
			{"đkhkd hộ", "Giấy phép kinh doanh hộ kinh doanh", "term"}, // already added
			{"abc\x00", "giấy phép", "term"},
		} {
			if _, err := a.Add(ctx, actor, tc.term, tc.expansion); !errors.As(err, &inv) || inv.Field != tc.field || inv.Message == "" {
				t.Errorf("Add(%q, %q): %v; want invalid %s", tc.term, tc.expansion, err, tc.field)
			}
		}
		// A curated term may get a new expansion.
		if _, err := a.Add(ctx, actor, "cccd", "căn cước gắn chip mới"); err != nil {
			t.Errorf("new expansion of a curated term: %v", err)
		}
		// The search index sees a change without being rebuilt.
		ix := search.New(synA)
		ix.Replace([]search.Doc{{ID: "gpkd", Title: "Cấp giấy phép kinh doanh hộ kinh doanh"}})
		if hits := ix.Search("zqgp", 5); len(hits) != 0 {
			t.Fatalf("made-up term found %v before it was added", hits)
		}
		if _, err := a.Add(ctx, actor, "zqgp", "giấy phép kinh doanh"); err != nil {
			t.Fatal(err)
		}
		if hits := ix.Search("zqgp", 5); len(hits) != 1 {
			t.Errorf("search does not use the added row: %v", hits)
		}

		list, err := a.List(ctx)
		if err != nil || len(list) != 3 || list[0].CreatedBy != "bientap.bca" || list[0].ID != row.ID {
			t.Fatalf("list %+v %v", list, err)
		}
		if err := a.Delete(ctx, actor, row.ID); err != nil {
			t.Fatal(err)
		}
		if got := synA.Expand([]string{"dkhkd", "ho"}); len(got) != 0 {
			t.Errorf("deleted row still expands: %v", got)
		}
		if got := synA.Expand([]string{"cccd"}); len(got) < 3 {
			t.Errorf("cccd lost rows: %v", got)
		}
		if err := a.Delete(ctx, actor, row.ID); !errors.Is(err, ErrAbbreviationNotFound) {
			t.Errorf("deleting twice: %v", err)
		}
		if err := b.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if got := synB.Expand([]string{"dkhkd", "ho"}); len(got) != 0 {
			t.Errorf("replica B keeps the deleted row: %v", got)
		}

		entries, err := audit.NewStore(d).List(ctx, audit.Filter{ObjectType: AuditAbbreviation})
		if err != nil || len(entries) != 4 || entries[0].Action != ActionAbbreviationDelete || len(entries[0].Before) == 0 {
			t.Errorf("audit %+v %v", entries, err)
		}
	})
}
