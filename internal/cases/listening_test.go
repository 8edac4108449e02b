package cases

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/workdays"
)

// testClock is a clock tests move by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

// to sets the clock to a time in Vietnam, "2006-01-02 15:04".
func (c *testClock) to(t *testing.T, s string) {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, workdays.Zone)
	if err != nil {
		t.Fatal(err)
	}
	c.t = v.UTC()
}

func levels(t *testing.T, s *Store, id int64) []string {
	t.Helper()
	es, err := s.Escalations(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, string(e.Level)+"→"+e.TargetAgency)
	}
	return out
}

// TestListeningFlow follows one report through its life: routed at
// intake, late to acknowledge (reminder), paused while returned for
// information, late to answer (agency admin, parent, national), answered,
// reviewed by someone else, published redacted, reopened by the citizen.
func TestListeningFlow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := &testClock{}
		clk.to(t, "2026-03-02 09:30") // a Monday
		s := NewStore(d, WithClock(clk.now), WithParents(func(code string) string {
			if code == "UBND-00004" {
				return "UBND-01"
			}
			return ""
		}))
		in := valid()
		in.ProvinceCode, in.CommuneCode = "01", "00004"
		in.Contact = Contact{Name: "Trần Thị Bình", Phone: "0912345678"}
		if _, err := s.SetRoute(ctx, Handler{ID: 1, Name: "admin"}.audit(), RouteRule{ProvinceCode: "01", CommuneCode: "00004", Agency: "UBND-00004"}); err != nil {
			t.Fatal(err)
		}
		c := mustOpen(t, s, in)
		if c.Agency != "UBND-00004" {
			t.Fatalf("routed to %q", c.Agency)
		}
		// Category khác: answer in 10 working days, from Monday 2/3 09:30
		// to Monday 16/3 09:30.
		wantDue := time.Date(2026, 3, 16, 2, 30, 0, 0, time.UTC)
		if !c.DueAt.Equal(wantDue) {
			t.Errorf("due %v, want %v", c.DueAt, wantDue)
		}

		sweep := func(want int) {
			t.Helper()
			res, err := s.Escalate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.Escalated != want {
				t.Errorf("at %s: %d escalations, want %d (%v)", clk.t.In(workdays.Zone).Format("02/01 15:04"), res.Escalated, want, levels(t, s, c.ID))
			}
		}
		clk.to(t, "2026-03-02 15:00")
		sweep(0)
		// Tuesday 10:00: more than a working day without acknowledgement.
		clk.to(t, "2026-03-03 10:00")
		sweep(1)
		sweep(0) // idempotent
		if got := levels(t, s, c.ID); len(got) != 1 || got[0] != "reminder→UBND-00004" {
			t.Errorf("levels %v", got)
		}

		h := Handler{ID: 7, Name: "canbo7", Agency: "UBND-00004"}
		reviewer := Handler{ID: 8, Name: "canbo8", Agency: "UBND-00004"}
		var err error
		if _, err = s.Acknowledge(ctx, c.ID, h); err != nil {
			t.Fatal(err)
		}
		if _, err = s.Classify(ctx, c.ID, h, CategorySystem, "Lỗi cổng"); err != nil {
			t.Fatal(err)
		}
		// he-thong: answer in 3 working days, so the due date moved earlier:
		// Thursday 5/3 09:30.
		if c, err = s.Assign(ctx, c.ID, h, "", 7, ""); err != nil {
			t.Fatal(err)
		}
		if c.State != StateAssigned || c.AssigneeID != 7 || !c.DueAt.Equal(time.Date(2026, 3, 5, 2, 30, 0, 0, time.UTC)) {
			t.Errorf("after assign: %s assignee %d due %v", c.State, c.AssigneeID, c.DueAt)
		}
		if c, err = s.Start(ctx, c.ID, h); err != nil || c.State != StateInProgress {
			t.Fatalf("start: %v %v", c, err)
		}

		// Returned for information on Tuesday 12:00 with 1.9 days left ...
		clk.to(t, "2026-03-03 12:00")
		if _, err := s.ReturnForInfo(ctx, c.ID, h, ""); err == nil {
			t.Error("return for information without saying what is needed")
		}
		if c, err = s.ReturnForInfo(ctx, c.ID, h, "Xin gửi ảnh chụp màn hình lỗi."); err != nil {
			t.Fatal(err)
		}
		if !c.DueAt.IsZero() {
			t.Errorf("due while paused: %v", c.DueAt)
		}
		// ... a week passes: nothing escalates while paused.
		clk.to(t, "2026-03-10 12:00")
		sweep(0)
		v, err := s.PublicStatus(ctx, c.Code)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Paused || v.Overdue || !v.NeedsInfo {
			t.Errorf("public view while paused: paused %v overdue %v needs info %v", v.Paused, v.Overdue, v.NeedsInfo)
		}
		// The citizen replies on Tuesday 10/3 12:00: back to in progress,
		// with the 1.9 days left, so due Thursday 12/3 09:30.
		if c, err = s.AddInfo(ctx, strings.ToLower(c.Code), "Ảnh chụp đã gửi qua email, số 0912 345 678."); err != nil {
			t.Fatal(err)
		}
		if c.State != StateInProgress || !c.DueAt.Equal(time.Date(2026, 3, 12, 2, 30, 0, 0, time.UTC)) {
			t.Errorf("after info: %s due %v", c.State, c.DueAt)
		}

		// Late: the agency admin on Thursday 12/3 10:00; 2 working days
		// late (Monday 16/3 10:00: 0.6 + 1 + 0.4) the parent; 5 days late
		// (Friday 20/3 10:00) the national coordinator.
		clk.to(t, "2026-03-12 10:00")
		sweep(1)
		clk.to(t, "2026-03-13 10:00")
		sweep(0)
		clk.to(t, "2026-03-16 10:00")
		sweep(1)
		clk.to(t, "2026-03-20 10:00")
		sweep(1)
		want := []string{"reminder→UBND-00004", "agency_admin→UBND-00004", "parent→UBND-01", "national→VN"}
		if got := levels(t, s, c.ID); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("ladder %v, want %v", got, want)
		}
		if v, err = s.PublicStatus(ctx, c.Code); err != nil || !v.Overdue {
			t.Errorf("public view not overdue: %+v %v", v, err)
		}

		// Inboxes.
		inbox := func(f InboxFilter) int {
			es, err := s.Inbox(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		if n := inbox(InboxFilter{Agencies: []string{"UBND-00004"}, Roles: []string{TargetHandler}, User: 7}); n != 1 {
			t.Errorf("handler inbox %d, want 1", n)
		}
		if n := inbox(InboxFilter{Agencies: []string{"UBND-00004"}, Roles: []string{TargetHandler}, User: 99}); n != 1 {
			t.Errorf("colleague's inbox %d, want 1 (the reminder was sent before assignment)", n)
		}
		if n := inbox(InboxFilter{Agencies: []string{"UBND-01", "UBND-00004"}, Roles: []string{TargetHandler, TargetAgencyAdmin, TargetParent}}); n != 3 {
			t.Errorf("province admin inbox %d, want 3", n)
		}
		if n := inbox(InboxFilter{Agencies: []string{"UBND-79"}}); n != 0 {
			t.Errorf("another province sees %d", n)
		}
		if n := inbox(InboxFilter{Agencies: []string{}}); n != 0 {
			t.Errorf("empty scope sees %d", n)
		}

		// Answer, review, publish.
		if _, err := s.SaveAnswer(ctx, c.ID, h, "Bản nháp", false); err != nil {
			t.Fatal(err)
		}
		if c, err = s.SaveAnswer(ctx, c.ID, h, "Chào chị Trần Thị Bình, lỗi đã được khắc phục. Liên hệ 0987654321.", true); err != nil || c.State != StateAnswered {
			t.Fatalf("submit: %v %v", c, err)
		}
		if _, err := s.Publish(ctx, c.ID, h, ""); !errors.Is(err, ErrSelfReview) {
			t.Errorf("author publishing: %v, want ErrSelfReview", err)
		}
		if c, err = s.Publish(ctx, c.ID, reviewer, ""); err != nil {
			t.Fatal(err)
		}
		if c.State != StatePublished || strings.Contains(c.PublicAnswer, "Bình") || strings.Contains(c.PublicAnswer, "0987654321") ||
			!strings.Contains(c.PublicAnswer, "lỗi đã được khắc phục") {
			t.Errorf("published %s: %q", c.State, c.PublicAnswer)
		}
		if !c.DueAt.IsZero() || c.AnsweredAt.IsZero() || c.AnsweredOnTime || c.AnswerDays < 9 || c.AnswerDays > 9.1 {
			t.Errorf("answer figures: due %v at %v on time %v days %.2f", c.DueAt, c.AnsweredAt, c.AnsweredOnTime, c.AnswerDays)
		}
		national, per, err := s.Statistics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if national.Received != 1 || national.Answered != 1 || national.OnTime != 0 || national.OnTimePct != 0 ||
			national.OverdueNow != 0 || math.Abs(national.MedianDays-c.AnswerDays) > 0.05 || len(per) != 1 || per[0].Agency != "UBND-00004" {
			t.Errorf("statistics %+v %+v", national, per)
		}

		// The citizen says it is not solved, within 30 days: reopened.
		clk.to(t, "2026-03-25 10:00")
		if v, err = s.PublicStatus(ctx, c.Code); err != nil || !v.CanGiveFeedback || v.Answer == "" {
			t.Fatalf("feedback not offered: %+v %v", v, err)
		}
		if c, err = s.Feedback(ctx, c.Code, false, "Vẫn lỗi"); err != nil {
			t.Fatal(err)
		}
		if c.State != StateReopened || c.Round != 2 || c.Resolved != ResolvedNo || c.DueAt.IsZero() {
			t.Errorf("reopened: %s round %d resolved %q due %v", c.State, c.Round, c.Resolved, c.DueAt)
		}
		if _, err := s.Feedback(ctx, c.Code, true, ""); !errors.Is(err, ErrBadTransition) {
			t.Errorf("feedback on a reopened case: %v", err)
		}
		// A new round climbs the ladder again from the bottom: three working
		// days to answer, so a reminder after two.
		clk.to(t, "2026-03-27 09:00")
		sweep(0)
		clk.to(t, "2026-03-27 11:00")
		sweep(1)
		_, _, err = s.Statistics(ctx)
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestReopenWindowAndSatisfaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := &testClock{}
		clk.to(t, "2026-03-02 09:30")
		s := NewStore(d, WithClock(clk.now))
		h, r := Handler{ID: 1, Name: "a"}, Handler{ID: 2, Name: "b"}
		publish := func() *Case {
			in := valid()
			in.ProvinceCode = "01"
			c := mustOpen(t, s, in)
			steps := []func() (*Case, error){
				func() (*Case, error) { return s.Assign(ctx, c.ID, h, "", 0, "") },
				func() (*Case, error) { return s.SaveAnswer(ctx, c.ID, h, "Đã xử lý.", true) },
				func() (*Case, error) { return s.Publish(ctx, c.ID, r, "") },
			}
			for _, st := range steps {
				var err error
				if c, err = st(); err != nil {
					t.Fatal(err)
				}
			}
			return c
		}
		a, b := publish(), publish()
		if _, err := s.Feedback(ctx, a.Code, true, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Feedback(ctx, a.Code, false, ""); !errors.Is(err, ErrFeedbackGiven) {
			t.Errorf("second verdict: %v", err)
		}
		clk.t = clk.t.Add(31 * 24 * time.Hour)
		if _, err := s.Feedback(ctx, b.Code, false, ""); !errors.Is(err, ErrReopenWindow) {
			t.Errorf("reopen after 31 days: %v", err)
		}
		if got, _ := s.ByID(ctx, a.ID); got.State != StateClosed || got.Resolved != ResolvedYes {
			t.Errorf("solved case %s %q", got.State, got.Resolved)
		}
		national, _, err := s.Statistics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if national.Answered != 2 || national.OnTimePct != 100 || national.Verdicts != 1 || national.SatisfiedPct != 100 {
			t.Errorf("statistics %+v", national)
		}
	})
}

func TestSimilarOpenReports(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		open := func(slug, text string) *Case {
			in := valid()
			in.ServiceSlug, in.Description = slug, text
			in.Contact = Contact{Phone: "0912345678"}
			return mustOpen(t, s, in)
		}
		a := open("cap-doi-giay-phep-lai-xe", "Cổng báo lỗi thanh toán lệ phí đổi giấy phép lái xe, gọi 0912345678")
		open("cap-doi-giay-phep-lai-xe", "Nhân viên hướng dẫn rất nhiệt tình")
		open("dang-ky-khai-sinh", "Cổng báo lỗi thanh toán lệ phí đổi giấy phép lái xe")
		got, err := s.Similar(ctx, SimilarQuery{ServiceSlug: "cap-doi-giay-phep-lai-xe", Text: "cong bao loi khi thanh toan le phi"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Code != a.Code || strings.Contains(got[0].Summary, "0912345678") {
			t.Errorf("similar = %+v", got)
		}
		if got, _ := s.Similar(ctx, SimilarQuery{Text: "cong bao loi khi thanh toan le phi"}); len(got) != 0 {
			t.Errorf("no service or area: %+v", got)
		}
	})
}
