package catalog

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func ids(revs []Revision) []int64 {
	out := []int64{}
	for _, r := range revs {
		out = append(out, r.ID)
	}
	return out
}

func TestMyTasks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		// Hà Nội's editor: one note submitted, one kept as a draft.
		passNote := mustDraft(t, s, hnEditor, svcPassport, hanoi, noteBody("Hộ chiếu ở Hà Nội"), "Ghi chú hộ chiếu")
		if _, err := s.Submit(ctx, hnEditor, passNote.ID); err != nil {
			t.Fatal(err)
		}
		birthNote := mustDraft(t, s, hnEditor, svcBirth, hanoi, noteBody("Khai sinh ở Hà Nội"), "Ghi chú khai sinh")
		// Hà Nội's agency admin submits its own, which it must not review itself.
		own := mustDraft(t, s, hnAgencyAdm, svcBirth, commune, noteBody("Xã"), "Ghi chú xã")
		if _, err := s.Submit(ctx, hnAgencyAdm, own.ID); err != nil {
			t.Fatal(err)
		}
		// The ministry's editor submits the national guide.
		national := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "Hướng dẫn")
		if _, err := s.Submit(ctx, bcaEditor, national.ID); err != nil {
			t.Fatal(err)
		}

		check := func(who *staff.User, got, want []Revision, list string) {
			t.Helper()
			g, w := ids(got), ids(want)
			if len(g) != len(w) {
				t.Errorf("%s %s = %v, want %v", who.Username, list, g, w)
				return
			}
			for i := range g {
				if g[i] != w[i] {
					t.Errorf("%s %s = %v, want %v", who.Username, list, g, w)
					return
				}
			}
		}
		tasks := func(u *staff.User) *Tasks {
			t.Helper()
			tk, err := s.MyTasks(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}

		hnr := tasks(hnReviewer)
		check(hnReviewer, hnr.ToReview, []Revision{*passNote, *own}, "ToReview")
		hna := tasks(hnAgencyAdm)
		check(hnAgencyAdm, hna.ToReview, []Revision{*passNote}, "ToReview")
		check(hnAgencyAdm, hna.Waiting, []Revision{*own}, "Waiting")
		check(hpReviewer, tasks(hpReviewer).ToReview, nil, "ToReview")
		check(bcaReviewer, tasks(bcaReviewer).ToReview, []Revision{*national}, "ToReview")
		check(bcaEditor2, tasks(bcaEditor2).ToReview, nil, "ToReview") // an editor reviews nothing
		adm := tasks(admin)
		check(admin, adm.ToReview, []Revision{*passNote, *own, *national}, "ToReview")

		hne := tasks(hnEditor)
		check(hnEditor, hne.Drafts, []Revision{*birthNote}, "Drafts")
		check(hnEditor, hne.Waiting, []Revision{*passNote}, "Waiting")
		check(hnEditor, hne.Returned, nil, "Returned")

		// The reviewer returns the passport note: it moves to the author's Returned.
		if _, err := s.Return(ctx, hnReviewer, passNote.ID, "Thiếu giờ làm việc"); err != nil {
			t.Fatal(err)
		}
		hne = tasks(hnEditor)
		check(hnEditor, hne.Returned, []Revision{*passNote}, "Returned")
		check(hnEditor, hne.Waiting, nil, "Waiting")
		if hne.Returned[0].ReviewNote != "Thiếu giờ làm việc" {
			t.Errorf("returned note = %q", hne.Returned[0].ReviewNote)
		}
		check(hnReviewer, tasks(hnReviewer).ToReview, []Revision{*own}, "ToReview")
		if tk, err := s.MyTasks(ctx, nil); err != nil || len(tk.ToReview)+len(tk.Drafts) != 0 {
			t.Errorf("nobody's tasks = %+v, %v", tk, err)
		}
	})
}
