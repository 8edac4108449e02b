package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

func TestWorkflowPublishesOnlyApprovedText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, clk := editorialStore(t, d)
		ctx := context.Background()
		v0, _ := s.Version(ctx)

		rev := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "Viết hướng dẫn đầu tiên")
		if rev.State != StateDraft || rev.Version != 0 || rev.BaseVersion != 0 || rev.Saves != 1 ||
			rev.AuthorID != bcaEditor.ID || rev.AuthorName != bcaEditor.Username || rev.AuthorAgency != "BCA" ||
			!rev.CreatedAt.Equal(startOfTests) {
			t.Fatalf("draft = %+v", rev)
		}
		if steps := publicSteps(t, s, svcPassport); steps != nil {
			t.Fatalf("draft visible to the public: %v", steps)
		}
		if v, _ := s.Version(ctx); v != v0 {
			t.Errorf("a draft bumped the catalogue version (%d → %d): replicas would reload for nothing", v0, v)
		}

		clk.add(time.Minute)
		sub, err := s.Submit(ctx, bcaEditor, rev.ID)
		if err != nil || sub.State != StateInReview || !sub.SubmittedAt.Equal(startOfTests.Add(time.Minute)) {
			t.Fatalf("submit: %+v, %v", sub, err)
		}
		if publicSteps(t, s, svcPassport) != nil {
			t.Fatal("text in review visible to the public")
		}

		clk.add(time.Minute)
		pub, err := s.Approve(ctx, bcaReviewer, rev.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if pub.State != StatePublished || pub.Version != 1 || pub.ReviewerName != bcaReviewer.Username ||
			pub.Override || !pub.PublishedAt.Equal(startOfTests.Add(2*time.Minute)) {
			t.Fatalf("published = %+v", pub)
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, guideBody().Guide.Steps) {
			t.Fatalf("public steps = %v", got)
		}
		if svc := publicService(t, s, svcPassport); len(svc.FAQs) != 1 || svc.FAQs[0].Question != "Làm hộ chiếu mất bao lâu?" {
			t.Fatalf("public FAQs = %+v", svc.FAQs)
		}
		v1, _ := s.Version(ctx)
		if v1 == v0 {
			t.Error("publishing did not bump the catalogue version")
		}

		// A second edit: the public keeps version 1 until version 2 is approved.
		changed := guideBody("Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID", "Điền tờ khai điện tử TK01", "Nộp lệ phí")
		rev2 := mustDraft(t, s, bcaEditor2, svcPassport, "", changed, "Ghi rõ mẫu tờ khai")
		if rev2.BaseVersion != 1 {
			t.Fatalf("second draft base = %d, want 1", rev2.BaseVersion)
		}
		if _, err := s.Submit(ctx, bcaEditor2, rev2.ID); err != nil {
			t.Fatal(err)
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, guideBody().Guide.Steps) {
			t.Fatalf("public steps during review = %v", got)
		}
		pub2, err := s.Approve(ctx, bcaAdmin, rev2.ID, nil)
		if err != nil || pub2.Version != 2 {
			t.Fatalf("second approval: %+v, %v", pub2, err)
		}
		if got := publicSteps(t, s, svcPassport); got[1] != "Điền tờ khai điện tử TK01" {
			t.Fatalf("public steps after v2 = %v", got)
		}

		hist, err := s.History(ctx, svcPassport, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].ID != rev2.ID || hist[0].State != StatePublished ||
			hist[1].ID != rev.ID || hist[1].State != StateSuperseded || hist[1].Version != 1 || hist[1].EndedAt.IsZero() ||
			hist[1].ChangeNote != "Viết hướng dẫn đầu tiên" || hist[1].AuthorName != bcaEditor.Username ||
			!slices.Equal(hist[1].Body.Guide.Steps, guideBody().Guide.Steps) {
			t.Fatalf("history = %+v", hist)
		}
		got, err := s.Published(ctx, svcPassport, "")
		if err != nil || got == nil || got.ID != rev2.ID {
			t.Fatalf("Published = %+v, %v", got, err)
		}

		var actions []string
		for _, e := range auditEntries(t, d) {
			actions = append(actions, e.Action)
		}
		want := []string{ActionDraftCreate, ActionSubmit, ActionApprove, ActionPublish,
			ActionDraftCreate, ActionSubmit, ActionApprove, ActionPublish}
		if !slices.Equal(actions, want) {
			t.Fatalf("audit actions = %v, want %v", actions, want)
		}
	})
}

func TestAuditEntryContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		pub := mustPublish(t, s, hnEditor, hnReviewer, svcPassport, hanoi, noteBody("Nộp tại 44 Phạm Ngọc Thạch."), "Địa chỉ ở Hà Nội")
		es := auditEntries(t, d)
		last := es[len(es)-1]
		if last.Action != ActionPublish || last.Actor.ID != hnReviewer.ID || last.Actor.Name != hnReviewer.Username ||
			last.ObjectType != "guide" || last.ObjectID != svcPassport+"@"+hanoi || last.Agency != hanoi || last.Before != nil {
			t.Fatalf("publish entry = %+v", last)
		}
		var after revisionSnapshot
		if err := json.Unmarshal(last.After, &after); err != nil {
			t.Fatal(err)
		}
		if after.ID != pub.ID || after.State != StatePublished || after.Version != 1 || len(after.BodySHA256) != 64 {
			t.Fatalf("after = %+v", after)
		}
		approve := es[len(es)-2]
		var before revisionSnapshot
		if err := json.Unmarshal(approve.Before, &before); err != nil {
			t.Fatal(err)
		}
		if approve.Action != ActionApprove || before.State != StateInReview {
			t.Fatalf("approve entry = %+v", approve)
		}
		// National guide: the entry belongs to the responsible ministry.
		mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody(), "Đầu tiên")
		es = auditEntries(t, d)
		if e := es[len(es)-1]; e.ObjectID != svcPassport || e.Agency != "BCA" {
			t.Fatalf("national entry = %+v", e)
		}
	})
}

func TestReviewerCannotApproveOwnDraft(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		// The agency admin holds both guide.edit and guide.review.
		rev := mustDraft(t, s, bcaAdmin, svcPassport, "", guideBody(), "Bản của quản trị")
		if _, err := s.Submit(ctx, bcaAdmin, rev.ID); err != nil {
			t.Fatal(err)
		}
		before := len(auditEntries(t, d))
		_, err := s.Approve(ctx, bcaAdmin, rev.ID, nil)
		if !errors.Is(err, ErrSelfApproval) {
			t.Fatalf("self approval: %v, want ErrSelfApproval", err)
		}
		var ee *EditorialError
		if !errors.As(err, &ee) || !strings.Contains(ee.Message, "không thể tự duyệt") {
			t.Errorf("message = %v", err)
		}
		got, _ := s.Get(ctx, rev.ID)
		if got.State != StateInReview || publicSteps(t, s, svcPassport) != nil {
			t.Fatalf("after refused self approval: state %s", got.State)
		}
		if n := len(auditEntries(t, d)); n != before {
			t.Errorf("refused approval wrote %d audit entries", n-before)
		}
		// Scheduling one's own revision is self approval too.
		later := startOfTests.Add(time.Hour)
		if _, err := s.Approve(ctx, bcaAdmin, rev.ID, &later); !errors.Is(err, ErrSelfApproval) {
			t.Fatalf("self scheduling: %v", err)
		}
		// Someone else may approve it.
		if _, err := s.Approve(ctx, bcaReviewer, rev.ID, nil); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCoordinatorOverrideIsAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		rev := mustDraft(t, s, admin, svcExam, "", guideBody(), "Sửa gấp")
		if _, err := s.Submit(ctx, admin, rev.ID); err != nil {
			t.Fatal(err)
		}
		pub, err := s.Approve(ctx, admin, rev.ID, nil)
		if err != nil {
			t.Fatalf("coordinator approving own revision: %v", err)
		}
		if !pub.Override || pub.State != StatePublished || publicSteps(t, s, svcExam) == nil {
			t.Fatalf("override publication = %+v", pub)
		}
		es := auditEntries(t, d)
		approve := es[len(es)-2]
		if approve.Action != ActionApproveOverride || approve.Actor.ID != admin.ID ||
			!strings.Contains(approve.Note, "guide.publish_override") || !strings.Contains(string(approve.After), `"override":true`) {
			t.Fatalf("override entry = %+v", approve)
		}
		// The coordinator approving someone else's revision is no override.
		rev2 := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "Bình thường")
		if _, err := s.Submit(ctx, bcaEditor, rev2.ID); err != nil {
			t.Fatal(err)
		}
		pub2, err := s.Approve(ctx, admin, rev2.ID, nil)
		if err != nil || pub2.Override {
			t.Fatalf("coordinator approving another's: %+v, %v", pub2, err)
		}
		es = auditEntries(t, d)
		if es[len(es)-2].Action != ActionApprove {
			t.Fatalf("action = %s", es[len(es)-2].Action)
		}
	})
}

func TestStaleEditConflicts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody(), "v1")

		// Two editors open version 1.
		openA, err := s.Open(ctx, bcaEditor, svcPassport, "")
		if err != nil {
			t.Fatal(err)
		}
		openB, err := s.Open(ctx, bcaEditor2, svcPassport, "")
		if err != nil {
			t.Fatal(err)
		}
		if openA.Input.BaseVersion != 1 || openA.Published == nil || openA.Published.Version != 1 ||
			!slices.Equal(openA.Input.Body.Guide.Steps, guideBody().Guide.Steps) {
			t.Fatalf("open = %+v", openA)
		}
		// A publishes version 2.
		inA := openA.Input
		inA.Body, inA.ChangeNote = guideBody("Bước của A"), "Sửa của A"
		revA, err := s.Draft(ctx, bcaEditor, inA)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit(ctx, bcaEditor, revA.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Approve(ctx, bcaReviewer, revA.ID, nil); err != nil {
			t.Fatal(err)
		}
		// B saves on version 1: refused, nothing written.
		histBefore, _ := s.History(ctx, svcPassport, "")
		auditBefore := len(auditEntries(t, d))
		inB := openB.Input
		inB.Body, inB.ChangeNote = guideBody("Bước của B"), "Sửa của B"
		_, err = s.Draft(ctx, bcaEditor2, inB)
		if !errors.Is(err, ErrConflict) {
			t.Fatalf("stale save: %v, want ErrConflict", err)
		}
		if !strings.Contains(err.Error(), "Hướng dẫn đã được người khác thay đổi sau khi bạn mở ra") {
			t.Errorf("conflict message = %q", err)
		}
		histAfter, _ := s.History(ctx, svcPassport, "")
		if len(histAfter) != len(histBefore) || len(auditEntries(t, d)) != auditBefore {
			t.Fatal("a refused save wrote something")
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, []string{"Bước của A"}) {
			t.Fatalf("public = %v", got)
		}
		// B reopens: told what changed, saves on version 2.
		reopened, err := s.Open(ctx, bcaEditor2, svcPassport, "")
		if err != nil || reopened.Input.BaseVersion != 2 || reopened.Mine != nil {
			t.Fatalf("reopen: %+v, %v", reopened, err)
		}
		inB = reopened.Input
		inB.Body, inB.ChangeNote = guideBody("Bước của A", "Bước thêm của B"), "Sửa của B"
		if _, err := s.Draft(ctx, bcaEditor2, inB); err != nil {
			t.Fatalf("save after reopening: %v", err)
		}
	})
}

func TestStaleDraftCannotBeSubmittedOrApproved(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody(), "v1")
		// Two drafts on version 1; both submitted.
		b := mustDraft(t, s, bcaEditor2, svcPassport, "", guideBody("B"), "Sửa của B")
		if _, err := s.Submit(ctx, bcaEditor2, b.ID); err != nil {
			t.Fatal(err)
		}
		c := mustDraft(t, s, bcaAdmin, svcPassport, "", guideBody("C"), "Sửa của C")
		a := mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("A"), "Sửa của A")
		if a.Version != 2 {
			t.Fatalf("A = version %d", a.Version)
		}
		// Approving B would erase A's change.
		_, err := s.Approve(ctx, bcaReviewer, b.ID, nil)
		if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "phiên bản 2") {
			t.Fatalf("approving a stale revision: %v", err)
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, []string{"A"}) {
			t.Fatalf("public = %v", got)
		}
		// Submitting the stale draft C is refused too.
		if _, err := s.Submit(ctx, bcaAdmin, c.ID); !errors.Is(err, ErrConflict) {
			t.Fatalf("submitting a stale draft: %v", err)
		}
		// C's author reopens: warned, with the base to compare.
		e, err := s.Open(ctx, bcaAdmin, svcPassport, "")
		if err != nil {
			t.Fatal(err)
		}
		if !e.Stale || e.Base == nil || e.Base.Version != 1 || e.Head.Version != 2 || e.Mine.ID != c.ID ||
			e.Input.DraftID != c.ID || e.Input.BaseVersion != 2 || !slices.Equal(e.Input.Body.Guide.Steps, []string{"C"}) {
			t.Fatalf("reopened stale draft = %+v", e)
		}
		if _, err := s.Draft(ctx, bcaAdmin, e.Input); err != nil {
			t.Fatalf("rebase: %v", err)
		}
		if _, err := s.Submit(ctx, bcaAdmin, c.ID); err != nil {
			t.Fatalf("submit after rebase: %v", err)
		}
	})
}

func TestDraftSavesFromTwoTabsConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		// Two tabs open on no draft; the first save creates it, the second must not overwrite.
		tab1, _ := s.Open(ctx, bcaEditor, svcPassport, "")
		tab2, _ := s.Open(ctx, bcaEditor, svcPassport, "")
		in1 := tab1.Input
		in1.Body = guideBody("Tab 1")
		first, err := s.Draft(ctx, bcaEditor, in1)
		if err != nil {
			t.Fatal(err)
		}
		in2 := tab2.Input
		in2.Body = guideBody("Tab 2")
		if _, err := s.Draft(ctx, bcaEditor, in2); !errors.Is(err, ErrConflict) {
			t.Fatalf("second tab creating a draft: %v", err)
		}
		// Two tabs open the same draft; the first save wins, the second is refused.
		tab1, _ = s.Open(ctx, bcaEditor, svcPassport, "")
		tab2, _ = s.Open(ctx, bcaEditor, svcPassport, "")
		if tab1.Input.DraftID != first.ID || tab1.Input.Saves != 1 {
			t.Fatalf("open on a draft = %+v", tab1.Input)
		}
		in1 = tab1.Input
		in1.Body = guideBody("Tab 1, lần 2")
		saved, err := s.Draft(ctx, bcaEditor, in1)
		if err != nil || saved.ID != first.ID || saved.Saves != 2 {
			t.Fatalf("save: %+v, %v", saved, err)
		}
		in2 = tab2.Input
		in2.Body = guideBody("Tab 2, lần 2")
		if _, err := s.Draft(ctx, bcaEditor, in2); !errors.Is(err, ErrConflict) {
			t.Fatalf("stale tab: %v", err)
		}
		got, _ := s.Get(ctx, first.ID)
		if !slices.Equal(got.Body.Guide.Steps, []string{"Tab 1, lần 2"}) {
			t.Fatalf("draft overwritten: %v", got.Body.Guide.Steps)
		}
		hist, _ := s.History(ctx, svcPassport, "")
		if len(hist) != 1 {
			t.Fatalf("%d revisions, want 1 draft", len(hist))
		}
	})
}

func TestScheduledPublication(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var hooked []*Revision
		s, clk := editorialStore(t, d, WithScheduleHook(func(ctx context.Context, tx *db.Tx, rev *Revision) error {
			hooked = append(hooked, rev)
			return nil
		}))
		ctx := context.Background()
		rev := mustDraft(t, s, hnEditor, svcPassport, hanoi, noteBody("Từ 1/4 nộp tại trụ sở mới."), "Đổi địa chỉ từ 1/4")
		if _, err := s.Submit(ctx, hnEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		at := startOfTests.Add(48 * time.Hour)
		sch, err := s.Approve(ctx, hnReviewer, rev.ID, &at)
		if err != nil {
			t.Fatal(err)
		}
		if sch.State != StateScheduled || !sch.PublishAt.Equal(at) || sch.Version != 0 {
			t.Fatalf("scheduled = %+v", sch)
		}
		if len(hooked) != 1 || hooked[0].ID != rev.ID || !hooked[0].PublishAt.Equal(at) {
			t.Fatalf("schedule hook got %+v", hooked)
		}
		next, ok, err := s.NextPublishAt(ctx)
		if err != nil || !ok || !next.Equal(at) {
			t.Fatalf("NextPublishAt = %v, %v, %v", next, ok, err)
		}
		if notes := publicService(t, s, svcPassport).Notes; len(notes) != 0 {
			t.Fatalf("scheduled note visible: %+v", notes)
		}
		// Not yet due.
		n, err := s.PublishDue(ctx, at.Add(-time.Second))
		if err != nil || n != 0 {
			t.Fatalf("PublishDue before time = %d, %v", n, err)
		}
		if got, _ := s.Get(ctx, rev.ID); got.State != StateScheduled {
			t.Fatalf("published early: %s", got.State)
		}
		// Due.
		clk.add(48 * time.Hour)
		n, err = s.PublishDue(ctx, at)
		if err != nil || n != 1 {
			t.Fatalf("PublishDue at time = %d, %v", n, err)
		}
		notes := publicService(t, s, svcPassport).Notes
		if len(notes) != 1 || notes[0].Agency != hanoi || notes[0].Text != "Từ 1/4 nộp tại trụ sở mới." || notes[0].Version != 1 {
			t.Fatalf("public notes = %+v", notes)
		}
		got, _ := s.Get(ctx, rev.ID)
		if got.State != StatePublished || !got.PublishedAt.Equal(at) || got.ReviewerName != hnReviewer.Username {
			t.Fatalf("after PublishDue = %+v", got)
		}
		es := auditEntries(t, d)
		if last := es[len(es)-1]; last.Action != ActionPublish || last.Actor.Name != "system" {
			t.Fatalf("scheduled publication entry = %+v", last)
		}
		// Idempotent.
		if n, err := s.PublishDue(ctx, at.Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("second PublishDue = %d, %v", n, err)
		}
		if _, ok, _ := s.NextPublishAt(ctx); ok {
			t.Error("NextPublishAt still reports something")
		}
	})
}

func TestApproveWithPastTimePublishesAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		rev := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "v1")
		if _, err := s.Submit(ctx, bcaEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		past := startOfTests.Add(-time.Hour)
		pub, err := s.Approve(ctx, bcaReviewer, rev.ID, &past)
		if err != nil || pub.State != StatePublished {
			t.Fatalf("approve with past time: %+v, %v", pub, err)
		}
	})
}

func TestOvertakenScheduleGoesBackToAuthor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		late := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody("Hẹn giờ"), "Theo luật mới từ tháng 7")
		if _, err := s.Submit(ctx, bcaEditor, late.ID); err != nil {
			t.Fatal(err)
		}
		at := startOfTests.Add(time.Hour)
		if _, err := s.Approve(ctx, bcaReviewer, late.ID, &at); err != nil {
			t.Fatal(err)
		}
		// Meanwhile another text is published at once.
		mustPublish(t, s, bcaEditor2, bcaReviewer, svcPassport, "", guideBody("Sửa gấp"), "Sửa gấp")
		n, err := s.PublishDue(ctx, at)
		if err != nil || n != 0 {
			t.Fatalf("PublishDue = %d, %v", n, err)
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, []string{"Sửa gấp"}) {
			t.Fatalf("overtaken schedule overwrote the newer text: %v", got)
		}
		got, _ := s.Get(ctx, late.ID)
		if !got.Returned() || got.ReviewerName != "system" || !strings.Contains(got.ReviewNote, "phiên bản 1") || !got.PublishAt.IsZero() {
			t.Fatalf("overtaken revision = %+v", got)
		}
		tasks, err := s.MyTasks(ctx, bcaEditor)
		if err != nil || len(tasks.Returned) != 1 || tasks.Returned[0].ID != late.ID {
			t.Fatalf("author's tasks = %+v, %v", tasks, err)
		}
	})
}

func TestFailingScheduleLeavesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		boom := errors.New("queue unavailable")
		s, _ := editorialStore(t, d, WithScheduleHook(func(context.Context, *db.Tx, *Revision) error { return boom }))
		ctx := context.Background()
		rev := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "v1")
		if _, err := s.Submit(ctx, bcaEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		before := len(auditEntries(t, d))
		at := startOfTests.Add(time.Hour)
		if _, err := s.Approve(ctx, bcaReviewer, rev.ID, &at); !errors.Is(err, boom) {
			t.Fatalf("approve with failing hook: %v", err)
		}
		if n := len(auditEntries(t, d)); n != before {
			t.Fatalf("failed approval left %d audit entries", n-before)
		}
		got, _ := s.Get(ctx, rev.ID)
		if got.State != StateInReview || !got.PublishAt.IsZero() || got.ReviewerName != "" {
			t.Fatalf("failed approval left the revision as %+v", got)
		}
	})
}

func TestReturnWithdrawDiscard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		rev := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "v1")
		if _, err := s.Submit(ctx, bcaEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		// Editing while in review is refused with a hint to withdraw.
		e, _ := s.Open(ctx, bcaEditor, svcPassport, "")
		if e.Mine == nil || e.Mine.State != StateInReview {
			t.Fatalf("open while in review: %+v", e)
		}
		if _, err := s.Draft(ctx, bcaEditor, e.Input); !errors.Is(err, ErrState) {
			t.Fatalf("draft while in review: %v", err)
		}
		// Return needs a note, and a reviewer.
		var ee *EditorialError
		if _, err := s.Return(ctx, bcaReviewer, rev.ID, "  "); !errors.As(err, &ee) || ee.Code != "invalid" {
			t.Fatalf("return without note: %v", err)
		}
		if _, err := s.Return(ctx, bcaEditor2, rev.ID, "Không"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("editor returning: %v", err)
		}
		ret, err := s.Return(ctx, bcaReviewer, rev.ID, "Thiếu lệ phí cấp lại")
		if err != nil || !ret.Returned() || ret.ReviewNote != "Thiếu lệ phí cấp lại" || ret.State != StateDraft {
			t.Fatalf("returned = %+v, %v", ret, err)
		}
		if _, err := s.Approve(ctx, bcaReviewer, rev.ID, nil); !errors.Is(err, ErrState) {
			t.Fatalf("approving a returned draft: %v", err)
		}
		// The author edits the returned draft and resubmits, then withdraws.
		e, _ = s.Open(ctx, bcaEditor, svcPassport, "")
		in := e.Input
		in.Body = guideBody("Nộp lệ phí 200.000 đồng; cấp lại 400.000 đồng")
		if _, err := s.Draft(ctx, bcaEditor, in); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit(ctx, bcaEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Withdraw(ctx, bcaEditor2, rev.ID); !errors.Is(err, ErrForbidden) {
			t.Fatalf("someone else withdrawing: %v", err)
		}
		w, err := s.Withdraw(ctx, bcaEditor, rev.ID)
		if err != nil || w.State != StateDraft || w.Returned() {
			t.Fatalf("withdrawn = %+v, %v", w, err)
		}
		// Discarded, yet kept; a new draft may start.
		if _, err := s.Discard(ctx, bcaEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		fresh := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "Làm lại")
		hist, _ := s.History(ctx, svcPassport, "")
		if len(hist) != 2 || hist[0].ID != fresh.ID || hist[1].State != StateDiscarded || hist[1].Saves != 2 {
			t.Fatalf("history = %+v", hist)
		}
		var actions []string
		for _, e := range auditEntries(t, d) {
			actions = append(actions, e.Action)
		}
		want := []string{ActionDraftCreate, ActionSubmit, ActionReturn, ActionDraftSave, ActionSubmit, ActionWithdraw,
			ActionDiscard, ActionDraftCreate}
		if !slices.Equal(actions, want) {
			t.Fatalf("audit = %v, want %v", actions, want)
		}
	})
}

func TestReturnCancelsSchedule(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		rev := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "v1")
		if _, err := s.Submit(ctx, bcaEditor, rev.ID); err != nil {
			t.Fatal(err)
		}
		at := startOfTests.Add(time.Hour)
		if _, err := s.Approve(ctx, bcaReviewer, rev.ID, &at); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Return(ctx, bcaReviewer, rev.ID, "Chờ thông tư mới"); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PublishDue(ctx, at.Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("PublishDue after return = %d, %v", n, err)
		}
		if publicSteps(t, s, svcPassport) != nil {
			t.Fatal("returned revision was published")
		}
	})
}

func TestUnpublish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		pub := mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody(), "v1")
		note := mustPublish(t, s, hnEditor, hnReviewer, svcPassport, hanoi, noteBody("Ghi chú Hà Nội"), "Ghi chú")
		if _, err := s.Unpublish(ctx, bcaEditor, pub.ID, "Sai"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("editor unpublishing: %v", err)
		}
		if _, err := s.Unpublish(ctx, bcaReviewer, pub.ID, ""); err == nil {
			t.Fatal("unpublish without a reason accepted")
		}
		v0, _ := s.Version(ctx)
		un, err := s.Unpublish(ctx, bcaReviewer, pub.ID, "Lệ phí đã thay đổi, đang cập nhật")
		if err != nil || un.State != StateUnpublished || un.EndedAt.IsZero() {
			t.Fatalf("unpublish: %+v, %v", un, err)
		}
		svc := publicService(t, s, svcPassport)
		if svc.Guide != nil || len(svc.FAQs) != 0 {
			t.Fatalf("unpublished guide still public: %+v", svc.Guide)
		}
		if len(svc.Notes) != 1 {
			t.Fatalf("the province's note went too: %+v", svc.Notes)
		}
		if v, _ := s.Version(ctx); v == v0 {
			t.Error("unpublish did not bump the catalogue version")
		}
		if _, err := s.Unpublish(ctx, bcaReviewer, pub.ID, "lại"); !errors.Is(err, ErrState) {
			t.Fatalf("second unpublish: %v", err)
		}
		// The next draft starts from the withdrawn text and becomes version 2.
		e, err := s.Open(ctx, bcaEditor, svcPassport, "")
		if err != nil || e.Published != nil || e.Head == nil || e.Head.ID != pub.ID || e.Input.BaseVersion != 1 ||
			!slices.Equal(e.Input.Body.Guide.Steps, guideBody().Guide.Steps) {
			t.Fatalf("open after unpublish: %+v, %v", e, err)
		}
		again := mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("Đã cập nhật"), "Cập nhật lệ phí")
		if again.Version != 2 || publicSteps(t, s, svcPassport)[0] != "Đã cập nhật" {
			t.Fatalf("republished = %+v", again)
		}
		if got, _ := s.Get(ctx, pub.ID); got.State != StateUnpublished {
			t.Fatalf("unpublished revision became %s", got.State)
		}
		// Unpublishing a local note removes only it.
		if _, err := s.Unpublish(ctx, hnReviewer, note.ID, "Hết hiệu lực"); err != nil {
			t.Fatal(err)
		}
		if svc := publicService(t, s, svcPassport); len(svc.Notes) != 0 || svc.Guide == nil {
			t.Fatalf("after unpublishing the note: %+v", svc)
		}
	})
}

func TestPublicReadShowsOnlyPublishedThroughout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("Công khai"), "v1")
		check := func(stage string) {
			t.Helper()
			if got := publicSteps(t, s, svcPassport); !slices.Equal(got, []string{"Công khai"}) {
				t.Fatalf("%s: public steps = %v", stage, got)
			}
		}
		rev := mustDraft(t, s, bcaEditor2, svcPassport, "", guideBody("Nháp"), "nháp")
		check("draft")
		if _, err := s.Submit(ctx, bcaEditor2, rev.ID); err != nil {
			t.Fatal(err)
		}
		check("in review")
		if _, err := s.Return(ctx, bcaReviewer, rev.ID, "Chưa được"); err != nil {
			t.Fatal(err)
		}
		check("returned")
		if _, err := s.Submit(ctx, bcaEditor2, rev.ID); err != nil {
			t.Fatal(err)
		}
		at := startOfTests.Add(time.Hour)
		if _, err := s.Approve(ctx, bcaReviewer, rev.ID, &at); err != nil {
			t.Fatal(err)
		}
		check("scheduled")
		if _, err := s.PublishDue(ctx, at.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		check("before due")
		if _, err := s.PublishDue(ctx, at); err != nil {
			t.Fatal(err)
		}
		if got := publicSteps(t, s, svcPassport); !slices.Equal(got, []string{"Nháp"}) {
			t.Fatalf("after due: %v", got)
		}
	})
}

func TestDraftNormalisesAndValidates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		nfd := norm.NFD.String("Đăng ký khai sinh cho trẻ")
		body := Body{Guide: &Guide{Summary: "  " + nfd + "\r\n", Steps: []string{"", nfd, "  "}}}
		rev, err := s.Draft(ctx, btpEditor, DraftInput{ServiceCode: svcBirth, Body: body, ChangeNote: nfd})
		if err != nil {
			t.Fatal(err)
		}
		want := norm.NFC.String(nfd)
		if rev.Body.Guide.Summary != want || !slices.Equal(rev.Body.Guide.Steps, []string{want}) || rev.ChangeNote != want {
			t.Fatalf("stored = %+v", rev.Body.Guide)
		}
		if len(body.Guide.Steps) != 3 || body.Guide.Summary != "  "+nfd+"\r\n" {
			t.Error("Draft changed the caller's body")
		}
		got, _ := s.Get(ctx, rev.ID)
		if got.Body.Guide.Summary != want {
			t.Fatalf("read back %q", got.Body.Guide.Summary)
		}
		// Invalid content: nothing written, every problem listed.
		bad := Body{Guide: &Guide{Summary: " ", WhoFor: "Cha mẹ", Steps: nil}, FAQs: []FAQ{{Question: "Hỏi gì?"}}}
		in := DraftInput{ServiceCode: svcBirth, BaseVersion: 0, DraftID: rev.ID, Saves: rev.Saves, Body: bad}
		_, err = s.Draft(ctx, btpEditor, in)
		var ee *EditorialError
		if !errors.As(err, &ee) || !errors.Is(err, ErrInvalidContent) {
			t.Fatalf("invalid draft: %v", err)
		}
		fields := map[string]bool{}
		for _, p := range ee.Problems {
			fields[p.Field] = true
		}
		if !fields["guide.summary"] || !fields["guide.steps"] || !fields["faqs[0].answer"] {
			t.Fatalf("problems = %+v", ee.Problems)
		}
		if got, _ := s.Get(ctx, rev.ID); got.Saves != 1 {
			t.Fatal("an invalid save was written")
		}
	})
}

func TestSubmitNeedsChangeNote(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		rev := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody(), "")
		_, err := s.Submit(context.Background(), bcaEditor, rev.ID)
		var ee *EditorialError
		if !errors.As(err, &ee) || ee.Code != "invalid" || ee.Problems[0].Field != "change_note" {
			t.Fatalf("submit without change note: %v", err)
		}
	})
}

func TestGetUnknownRevision(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		if _, err := s.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get unknown: %v", err)
		}
		if _, err := s.Approve(ctx, admin, 999, nil); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Approve unknown: %v", err)
		}
		if _, err := s.Open(ctx, admin, "KHONG-CO", ""); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Open unknown service: %v", err)
		}
	})
}

func TestVersionZeroProjection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		// A guide written before the workflow existed: in the projection, no revision.
		legacy := guideBody("Cách cũ")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if err := s.PutGuide(ctx, tx, svcPassport, legacy.Guide); err != nil {
				return err
			}
			return s.PutFAQs(ctx, tx, svcPassport, legacy.FAQs)
		})
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.Open(ctx, bcaEditor, svcPassport, "")
		if err != nil || e.Head != nil || e.Input.BaseVersion != 0 || !slices.Equal(e.Input.Body.Guide.Steps, []string{"Cách cũ"}) ||
			len(e.Input.Body.FAQs) != 1 {
			t.Fatalf("open on version 0: %+v, %v", e, err)
		}
		pub := mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("Cách mới"), "Thay bản cũ")
		if pub.Version != 1 || publicSteps(t, s, svcPassport)[0] != "Cách mới" {
			t.Fatalf("first publication = %+v", pub)
		}
	})
}

// TestConcurrentApprovalsPublishOnce runs two approvals of two revisions
// written on the same version at the same moment (two replicas, two
// reviewers): exactly one is published, the other gets ErrConflict.
func TestConcurrentApprovalsPublishOnce(t *testing.T) {
	for _, withBase := range []bool{false, true} {
		t.Run(map[bool]string{false: "first-publication", true: "on-version-1"}[withBase], func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				s, _ := editorialStore(t, d)
				ctx := context.Background()
				if withBase {
					mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("Gốc"), "v1")
				}
				a := mustDraft(t, s, bcaEditor, svcPassport, "", guideBody("A"), "A")
				b := mustDraft(t, s, bcaEditor2, svcPassport, "", guideBody("B"), "B")
				for _, r := range []struct {
					u  *staff.User
					id int64
				}{{bcaEditor, a.ID}, {bcaEditor2, b.ID}} {
					if _, err := s.Submit(ctx, r.u, r.id); err != nil {
						t.Fatal(err)
					}
				}
				errs := make(chan error, 2)
				start := make(chan struct{})
				for _, pair := range []struct {
					u  *staff.User
					id int64
				}{{bcaReviewer, a.ID}, {bcaAdmin, b.ID}} {
					go func() {
						<-start
						_, err := s.Approve(ctx, pair.u, pair.id, nil)
						errs <- err
					}()
				}
				close(start)
				var ok, conflict int
				for range 2 {
					switch err := <-errs; {
					case err == nil:
						ok++
					case errors.Is(err, ErrConflict):
						conflict++
					default:
						t.Fatalf("approval failed: %v", err)
					}
				}
				if ok != 1 || conflict != 1 {
					t.Fatalf("%d published, %d conflicts; want 1 and 1", ok, conflict)
				}
				pub, err := s.Published(ctx, svcPassport, "")
				if err != nil || pub == nil {
					t.Fatalf("published = %v, %v", pub, err)
				}
				if got := publicSteps(t, s, svcPassport); !slices.Equal(got, pub.Body.Guide.Steps) {
					t.Fatalf("public %v is not the published revision %v", got, pub.Body.Guide.Steps)
				}
			})
		})
	}
}
