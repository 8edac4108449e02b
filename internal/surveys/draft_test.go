package surveys

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestSaveDraft(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, err := s.Create(ctx, NewSurvey{Slug: "nhap-thu", Agency: "UBND-01", Title: "Nháp", By: editor})
		if err != nil {
			t.Fatal(err)
		}
		v1, err := s.Latest(ctx, sv.ID)
		if err != nil || !v1.Draft() || v1.Number != 1 {
			t.Fatalf("latest: %+v %v", v1, err)
		}
		// An edit of the never-published draft changes it in place.
		def := v1.Definition.Clone()
		if err := def.AddQuestion("p1", Question{ID: def.NewQuestionID(), Type: TypeYesNo, Label: "  Có quay lại không?  "}); err != nil {
			t.Fatal(err)
		}
		v, err := s.SaveDraft(ctx, editor, sv.ID, v1.ETag(), def, "Thêm câu hỏi cau_2")
		if err != nil {
			t.Fatal(err)
		}
		if v.ID != v1.ID || v.Number != 1 || countRows(t, d, "survey_versions") != 1 {
			t.Fatalf("draft not edited in place: %+v", v)
		}
		got, err := s.Latest(ctx, sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if q := got.Definition.Question("cau_2"); q == nil || q.Label != "Có quay lại không?" {
			t.Fatalf("stored draft %s", got.Source)
		}
		if got.ETag() == v1.ETag() || got.ETag() != v.ETag() {
			t.Error("ETag did not follow the content")
		}
		// The old page's ETag is refused; so is a definition with problems.
		before := got.Source
		if _, err := s.SaveDraft(ctx, editor, sv.ID, v1.ETag(), v1.Definition, "cũ"); !errors.Is(err, ErrStale) {
			t.Fatalf("stale save: %v", err)
		}
		bad := got.Definition.Clone()
		bad.Pages[0].Questions[1].Label = ""
		var de *DefinitionError
		if _, err := s.SaveDraft(ctx, editor, sv.ID, got.ETag(), bad, "lỗi"); !errors.As(err, &de) {
			t.Fatalf("bad save: %v", err)
		}
		if now, _ := s.Latest(ctx, sv.ID); now.Source != before {
			t.Fatal("a refused save changed the draft")
		}
		log := surveyLog(t, d, sv.ID)
		if last := log[len(log)-1]; last.Action != ActionDraftEdit || last.Note != "Thêm câu hỏi cau_2" || last.Actor.ID != editor.ID ||
			decode(t, last.After)["etag"] != v.ETag() {
			t.Fatalf("audit entry %+v", last)
		}
		// Once published, the version is immutable: the next edit starts
		// version 2 and version 1 stays as it was.
		if err := s.Publish(ctx, editor, sv.ID, v1.ID); err != nil {
			t.Fatal(err)
		}
		pub, err := s.Latest(ctx, sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		def = pub.Definition.Clone()
		if err := def.RenamePage("p1", "Trang một"); err != nil {
			t.Fatal(err)
		}
		v2, err := s.SaveDraft(ctx, editor, sv.ID, pub.ETag(), def, "Đổi tên trang p1")
		if err != nil {
			t.Fatal(err)
		}
		if v2.Number != 2 || !v2.Draft() || v2.Note != DraftNote {
			t.Fatalf("second version %+v", v2)
		}
		if old, _ := s.Version(ctx, v1.ID); old.Source != before {
			t.Fatal("the published version changed")
		}
		if log := surveyLog(t, d, sv.ID); log[len(log)-1].Action != ActionVersion {
			t.Fatalf("audit of new draft version: %s", log[len(log)-1].Action)
		}
	})
}

// TestSaveDraftConcurrent: two editors saving from the same page at once:
// one wins, the other is told the draft changed; neither edit is lost
// silently.
func TestSaveDraftConcurrent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, err := s.Create(ctx, NewSurvey{Slug: "nhap-dong-thoi", Agency: "UBND-01", Title: "Nháp", By: editor})
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.Latest(ctx, sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				def := v.Definition.Clone()
				def.Pages[0].Title = []string{"Một", "Hai"}[i]
				_, errs[i] = s.SaveDraft(ctx, editor, sv.ID, v.ETag(), def, "đổi tên")
			}()
		}
		wg.Wait()
		stale := 0
		for _, err := range errs {
			switch {
			case errors.Is(err, ErrStale):
				stale++
			case err != nil:
				t.Fatal(err)
			}
		}
		if stale != 1 {
			t.Fatalf("errors %v, want exactly one ErrStale", errs)
		}
	})
}
