package catalog

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func TestCanEditAndReview(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		cases := []struct {
			name   string
			user   *staff.User
			code   string
			scope  string
			edit   bool
			review bool
		}{
			{"ministry editor, own service's guide", bcaEditor, svcPassport, "", true, false},
			{"ministry editor, other ministry's guide", bcaEditor, svcBirth, "", false, false},
			{"ministry reviewer, own service", bcaReviewer, svcPassport, "", false, true},
			{"agency admin edits and reviews", bcaAdmin, svcPassport, "", true, true},
			{"ministry editor, a province's note", bcaEditor, svcPassport, hanoi, false, false},
			{"province editor, national guide", hnEditor, svcPassport, "", false, false},
			{"province editor, own note", hnEditor, svcPassport, hanoi, true, false},
			{"province editor, other province's note", hnEditor, svcPassport, haiphong, false, false},
			{"province B editor, province A's note", hpEditor, svcPassport, hanoi, false, false},
			{"province B editor, own note", hpEditor, svcPassport, haiphong, true, false},
			{"province reviewer, own note", hnReviewer, svcPassport, hanoi, false, true},
			{"province reviewer, other province", hnReviewer, svcPassport, haiphong, false, false},
			{"province editor, its commune's note", hnEditor, svcBirth, commune, true, false},
			{"commune editor, own note", xaEditor, svcBirth, commune, true, false},
			{"commune editor, its province's note", xaEditor, svcBirth, hanoi, false, false},
			{"commune note on a service not done by communes", xaEditor, svcPassport, commune, false, false},
			{"province note on a ministry-only service", hnEditor, svcExam, hanoi, false, false},
			{"admin, national guide", admin, svcExam, "", true, true},
			{"admin, any province note", admin, svcPassport, haiphong, true, true},
			{"admin, scope that is no committee", admin, svcPassport, "BCA", false, false},
			{"analyst", bcaAnalyst, svcPassport, "", false, false},
			{"disabled editor", bcaDisabled, svcPassport, "", false, false},
			{"nobody", nil, svcPassport, "", false, false},
		}
		for _, c := range cases {
			edit, err := s.CanEdit(ctx, c.user, c.code, c.scope)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			review, err := s.CanReview(ctx, c.user, c.code, c.scope)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if edit != c.edit || review != c.review {
				t.Errorf("%s: edit %v review %v, want %v %v", c.name, edit, review, c.edit, c.review)
			}
		}
		if _, err := s.CanEdit(ctx, admin, "KHONG-CO", ""); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown service: %v, want ErrNotFound", err)
		}
	})
}

func TestProvinceEditorCannotWriteAnotherProvincesNote(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		// Hà Nội writes its own note.
		mine := mustDraft(t, s, hnEditor, svcPassport, hanoi, noteBody("Ở Hà Nội nộp tại 44 Phạm Ngọc Thạch."), "Thêm địa chỉ")
		if mine.Scope != hanoi || mine.AuthorAgency != hanoi {
			t.Fatalf("draft = %+v", mine)
		}
		// Hải Phòng's editor tries to write Hà Nội's note, and to open it.
		_, err := s.Draft(ctx, hpEditor, DraftInput{ServiceCode: svcPassport, Scope: hanoi, Body: noteBody("Sai chỗ"), ChangeNote: "x"})
		if !errors.Is(err, ErrForbidden) {
			t.Fatalf("Hải Phòng writing Hà Nội's note: %v, want ErrForbidden", err)
		}
		if _, err := s.Open(ctx, hpEditor, svcPassport, hanoi); !errors.Is(err, ErrForbidden) {
			t.Fatalf("Hải Phòng opening Hà Nội's note: %v, want ErrForbidden", err)
		}
		// Nor may it submit or discard Hà Nội's draft.
		if _, err := s.Submit(ctx, hpEditor, mine.ID); !errors.Is(err, ErrForbidden) {
			t.Fatalf("Hải Phòng submitting Hà Nội's draft: %v", err)
		}
		if _, err := s.Discard(ctx, hpEditor, mine.ID); !errors.Is(err, ErrForbidden) {
			t.Fatalf("Hải Phòng discarding Hà Nội's draft: %v", err)
		}
		// A province cannot touch the national guide either.
		_, err = s.Draft(ctx, hnEditor, DraftInput{ServiceCode: svcPassport, Body: guideBody(), ChangeNote: "x"})
		if !errors.Is(err, ErrForbidden) {
			t.Fatalf("province writing the national guide: %v, want ErrForbidden", err)
		}
		// And a Hải Phòng reviewer cannot approve Hà Nội's note.
		if _, err := s.Submit(ctx, hnEditor, mine.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Approve(ctx, hpReviewer, mine.ID, nil); !errors.Is(err, ErrForbidden) {
			t.Fatalf("Hải Phòng approving Hà Nội's note: %v, want ErrForbidden", err)
		}
		if _, err := s.Approve(ctx, hnReviewer, mine.ID, nil); err != nil {
			t.Fatalf("Hà Nội approving its note: %v", err)
		}
		hist, err := s.History(ctx, svcPassport, hanoi)
		if err != nil || len(hist) != 1 || hist[0].State != StatePublished {
			t.Fatalf("history = %+v, %v", hist, err)
		}
	})
}

func TestScopeThatCannotHoldANote(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		_, err := s.Draft(context.Background(), admin, DraftInput{ServiceCode: svcExam, Scope: hanoi, Body: noteBody("x"), ChangeNote: "x"})
		var ee *EditorialError
		if !errors.As(err, &ee) || ee.Code != "invalid" || len(ee.Problems) != 1 || ee.Problems[0].Field != "scope" {
			t.Fatalf("note on a ministry-only service: %v", err)
		}
	})
}

func TestDocuments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		cases := []struct {
			user *staff.User
			perm staff.Perm
			want []DocumentRef
		}{
			{bcaEditor, staff.PermGuideEdit, []DocumentRef{{ServiceCode: svcPassport}}},
			{bcaEditor, staff.PermGuideReview, nil},
			{hnEditor, staff.PermGuideEdit, []DocumentRef{{svcPassport, hanoi}, {svcBirth, hanoi}}},
			{xaEditor, staff.PermGuideEdit, []DocumentRef{{svcBirth, commune}}},
			{admin, staff.PermGuideReview, []DocumentRef{{ServiceCode: svcPassport}, {ServiceCode: svcBirth}, {ServiceCode: svcExam}}},
		}
		for _, c := range cases {
			got, err := s.Documents(ctx, c.user, c.perm)
			if err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(got, cmpRef)
			slices.SortFunc(c.want, cmpRef)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s %s: %v, want %v", c.user.Username, c.perm, got, c.want)
			}
		}
	})
}

func cmpRef(a, b DocumentRef) int {
	if a.ServiceCode != b.ServiceCode {
		if a.ServiceCode < b.ServiceCode {
			return -1
		}
		return 1
	}
	if a.Scope < b.Scope {
		return -1
	} else if a.Scope > b.Scope {
		return 1
	}
	return 0
}

func TestCommitteeLevel(t *testing.T) {
	cases := map[string]Level{"UBND-01": LevelProvince, "UBND-00004": LevelCommune, "UBND-1": "", "UBND-0a": "",
		"BCA": "", "VN": "", "UBND-": "", "ubnd-01": "", "UBND-000004": ""}
	for code, want := range cases {
		got, ok := committeeLevel(code)
		if got != want || ok != (want != "") {
			t.Errorf("committeeLevel(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
}

func TestWithLocalScopesReplacesTheCodeRule(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		// Only Hà Nội exists in this stand-in for units.
		known := func(code string) (Level, bool) {
			if code == hanoi {
				return LevelProvince, true
			}
			return "", false
		}
		s, _ := editorialStore(t, d, WithLocalScopes(known))
		ctx := context.Background()
		if ok, _ := s.CanEdit(ctx, admin, svcPassport, hanoi); !ok {
			t.Error("known committee refused")
		}
		if ok, _ := s.CanEdit(ctx, hpEditor, svcPassport, haiphong); ok {
			t.Error("committee unknown to units accepted")
		}
	})
}
