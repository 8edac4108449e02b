package assistant

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// storedTurn is a turn written straight to the database, as Ask would.
type storedTurn struct {
	conv       string
	question   string
	status     Status
	confidence float32
	top        string
	latency    time.Duration
	channel    string
	at         time.Time
	vote       Vote
}

// storeTurns writes turns in order; turns of one conversation are
// numbered 1, 2, ...
func storeTurns(t *testing.T, d *db.DB, turns []storedTurn) {
	t.Helper()
	ctx := context.Background()
	for _, st := range turns {
		conv, err := loadConversation(ctx, d, st.conv)
		if err != nil {
			t.Fatal(err)
		}
		conv.channel = st.channel
		if conv.channel == "" {
			conv.channel = "web"
		}
		var seq int
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			seq, err = saveTurn(ctx, tx, conv, State{}, turn{question: st.question, status: st.status,
				confidence: st.confidence, topSlug: st.top, latency: st.latency}, st.at)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if st.vote != "" {
			e := &Engine{db: d, opts: Options{Now: func() time.Time { return st.at }}}
			if err := e.Rate(ctx, Feedback{ConversationID: st.conv, Turn: seq, Vote: st.vote}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// convID returns a well-formed conversation id numbered n.
func convID(n int) string { return fmt.Sprintf("conv_conv_conv_conv_%02d", n) }

func TestInbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		t0 := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
		now := t0.Add(time.Hour)
		e := &Engine{db: d, opts: Options{Now: func() time.Time { return now }}}
		storeTurns(t, d, []storedTurn{
			{conv: convID(1), question: "làm căn cước mất bao lâu", status: StatusClarify, confidence: 0.5, top: "cap-can-cuoc", at: t0},
			{conv: convID(1), question: "lam can cuoc bao lau", status: StatusAnswered, confidence: 0.2, top: "cap-can-cuoc", at: t0.Add(time.Minute)},
			{conv: convID(1), question: "đăng ký khai sinh", status: StatusAnswered, confidence: 0.9, top: "dang-ky-khai-sinh", at: t0.Add(2 * time.Minute)},
			{conv: convID(1), question: "đăng ký khai sinh cho con", status: StatusAnswered, confidence: 0.9, top: "dang-ky-khai-sinh", at: t0.Add(3 * time.Minute), vote: VoteDown},
			{conv: convID(2), question: "thời tiết hôm nay thế nào", status: StatusOutOfScope, at: t0.Add(4 * time.Minute)},
			{conv: convID(2), question: "cho tôi gặp cán bộ", status: StatusHandoff, at: t0.Add(5 * time.Minute)},
			{conv: convID(3), question: "Làm căn cước mất bao lâu?", status: StatusClarify, confidence: 0.5, top: "cap-ho-chieu", at: t0.Add(6 * time.Minute)},
			// Outside the period.
			{conv: convID(4), question: "hộ chiếu ở đâu", status: StatusClarify, at: t0.Add(-48 * time.Hour)},
		})
		f := InboxFilter{From: t0.Add(-time.Hour), To: now}
		groups, err := e.Inbox(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 3 {
			t.Fatalf("%d groups, want 3: %+v", len(groups), groups)
		}
		g := groups[0]
		if g.Count != 3 || len(g.Questions) != 2 || g.Questions[0].Question != "Làm căn cước mất bao lâu?" || g.Questions[0].Count != 2 ||
			g.Questions[1].Question != "lam can cuoc bao lau" || !g.Last.Equal(t0.Add(6*time.Minute)) {
			t.Errorf("first group: %+v", g)
		}
		if fmt.Sprint(g.Reasons) != fmt.Sprint([]ReasonCount{{ReasonClarify, 2}, {ReasonLowConfidence, 1}}) {
			t.Errorf("first group's reasons: %v", g.Reasons)
		}
		if fmt.Sprint(g.Services) != "[cap-can-cuoc cap-ho-chieu]" {
			t.Errorf("first group's services: %v", g.Services)
		}
		if groups[1].Questions[0].Question != "cho tôi gặp cán bộ" || fmt.Sprint(groups[1].Reasons) != fmt.Sprint([]ReasonCount{{ReasonHandoff, 1}}) {
			t.Errorf("second group: %+v", groups[1])
		}
		if groups[2].Questions[0].Question != "đăng ký khai sinh cho con" || fmt.Sprint(groups[2].Reasons) != fmt.Sprint([]ReasonCount{{ReasonThumbsDown, 1}}) {
			t.Errorf("third group: %+v", groups[2])
		}

		f.OutOfScope = true
		if groups, err = e.Inbox(ctx, f); err != nil || len(groups) != 4 || groups[2].Questions[0].Question != "thời tiết hôm nay thế nào" {
			t.Errorf("with out of scope: %+v %v", groups, err)
		}
		f.OutOfScope = false

		// Ignored questions never come back, however they are written.
		actor := audit.Actor{ID: 7, Name: "bientap", Agency: "BCA"}
		if err := e.Ignore(ctx, actor, []string{"cho tôi gặp cán bộ"}); err != nil {
			t.Fatal(err)
		}
		storeTurns(t, d, []storedTurn{{conv: convID(5), question: "Cho tôi gặp CÁN BỘ!!", status: StatusHandoff, at: now.Add(time.Minute)}})
		f.To = now.Add(time.Hour)
		if groups, err = e.Inbox(ctx, f); err != nil || len(groups) != 2 {
			t.Fatalf("after ignoring: %+v %v", groups, err)
		}
		entries, err := audit.NewStore(d).List(ctx, audit.Filter{Action: ActionInboxIgnore})
		if err != nil || len(entries) != 1 || entries[0].Actor.Name != "bientap" {
			t.Errorf("audit: %+v %v", entries, err)
		}
		var inv *InvalidError
		if err := e.Ignore(ctx, actor, []string{" ", ""}); !errors.As(err, &inv) {
			t.Errorf("ignoring nothing: %v", err)
		}

		// A proposal hides the questions asked before it; asked again,
		// they come back marked.
		if err := e.resolve(ctx, nil, actor, resolvedParaphrase, "cap-can-cuoc", []string{"làm căn cước mất bao lâu", "lam can cuoc bao lau"}); err != nil {
			t.Fatal(err)
		}
		if groups, err = e.Inbox(ctx, f); err != nil || len(groups) != 1 || groups[0].Questions[0].Question != "đăng ký khai sinh cho con" {
			t.Fatalf("after proposing: %+v %v", groups, err)
		}
		storeTurns(t, d, []storedTurn{{conv: convID(6), question: "làm căn cước mất bao lâu", status: StatusClarify, at: now.Add(2 * time.Minute)}})
		if groups, err = e.Inbox(ctx, f); err != nil || len(groups) != 2 || groups[0].Count != 1 || !groups[0].ProposedAt.Equal(now) {
			t.Fatalf("asked again: %+v %v", groups, err)
		}
	})
}

func TestInboxGroupsBySimilarity(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"làm căn cước mất bao lâu", "lam can cuoc bao lau", true},
		{"dk ket hon can giay to gi", "đăng ký kết hôn cần giấy tờ gì", true},
		{"cho hỏi thủ tục khai sinh", "cho hỏi thủ tục kết hôn", false},
		{"làm căn cước", "làm hộ chiếu", false},
		{"gia hạn hộ chiếu", "gia hạn hộ chiếu ở đâu", true},
	} {
		groups := groupQuestions([][]string{features(tc.a), features(tc.b)})
		if same := len(groups) == 1; same != tc.same {
			t.Errorf("%q / %q: similarity %.2f, grouped together %v, want %v",
				tc.a, tc.b, jaccard(features(tc.a), features(tc.b)), same, tc.same)
		}
	}
	// Comparing with a group's first question, not its last member,
	// keeps chains apart.
	qs := []string{"làm căn cước gắn chip", "làm căn cước", "làm hộ chiếu", "làm hộ chiếu gắn chip"}
	var feats [][]string
	for _, q := range qs {
		feats = append(feats, features(q))
	}
	if got := fmt.Sprint(groupQuestions(feats)); got != "[[0 1] [2 3]]" {
		t.Errorf("groups %s", got)
	}
	if questionKey("  Làm CĂN cước, mất bao lâu?? ") != questionKey("lam can cuoc mat bao lau") {
		t.Error("keys differ by case, diacritics or punctuation")
	}
}

func TestPropose(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e, _ := newTestEngine(t, d)
		store := catalog.NewStore(d)
		var svc *catalog.Service
		for i := range e.catalog.Current().Services {
			if s := &e.catalog.Current().Services[i]; len(s.FAQs) > 0 {
				svc = s
				break
			}
		}
		if svc == nil {
			t.Fatal("no demo service with FAQs")
		}
		editor := &staff.User{ID: 1, Username: "dieuphoi", Role: staff.RoleAdmin, Agency: staff.National}
		faq := svc.FAQs[0].Question
		rev, err := e.Propose(ctx, store, editor, Proposal{ServiceCode: svc.Code, FAQ: faq, Question: "  hỏi  kiểu khác  nhé ",
			Resolve: []string{"hoi kieu khac nhe ??"}})
		if err != nil {
			t.Fatal(err)
		}
		if rev.State != catalog.StateDraft || rev.Body.FAQs[0].Paraphrases[len(rev.Body.FAQs[0].Paraphrases)-1] != "hỏi kiểu khác nhé" ||
			rev.ChangeNote != proposalNote {
			t.Errorf("draft: %+v", rev)
		}
		// The same wording twice is refused; so is a new FAQ without answer.
		var inv *InvalidError
		if _, err := e.Propose(ctx, store, editor, Proposal{ServiceCode: svc.Code, FAQ: faq, Question: "Hỏi kiểu khác nhé"}); !errors.As(err, &inv) {
			t.Errorf("paraphrase twice: %v", err)
		}
		if _, err := e.Propose(ctx, store, editor, Proposal{ServiceCode: svc.Code, Question: "Câu mới?"}); !errors.As(err, &inv) || inv.Field != "answer" {
			t.Errorf("new FAQ without answer: %v", err)
		}
		if _, err := e.Propose(ctx, store, editor, Proposal{ServiceCode: svc.Code, FAQ: "không có câu này", Question: "x"}); !errors.As(err, &inv) || inv.Field != "faq" {
			t.Errorf("unknown FAQ: %v", err)
		}
		// A new FAQ goes into the same draft.
		rev2, err := e.Propose(ctx, store, editor, Proposal{ServiceCode: svc.Code, Question: "Có làm thay được không?", Answer: "Được, nếu có giấy uỷ quyền."})
		if err != nil {
			t.Fatal(err)
		}
		if rev2.ID != rev.ID || len(rev2.Body.FAQs) != len(rev.Body.FAQs)+1 || rev2.Body.FAQs[len(rev2.Body.FAQs)-1].Question != "Có làm thay được không?" {
			t.Errorf("second proposal: %+v", rev2)
		}
		// Nothing reaches the site before review.
		if err := e.catalog.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if now := e.catalog.Current().ByCode(svc.Code); len(now.FAQs) != len(svc.FAQs) || len(now.FAQs[0].Paraphrases) != len(svc.FAQs[0].Paraphrases) {
			t.Errorf("the published FAQs changed: %+v", now.FAQs)
		}
		// Someone without the service in scope is refused by the workflow.
		outsider := &staff.User{ID: 2, Username: "bientap.xa", Role: staff.RoleEditor, Agency: "UBND-00004"}
		if _, err := e.Propose(ctx, store, outsider, Proposal{ServiceCode: svc.Code, FAQ: faq, Question: "khác nữa"}); !errors.Is(err, catalog.ErrForbidden) {
			t.Errorf("outsider: %v", err)
		}
		resolved, err := loadResolved(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if r := resolved[questionKey("hoi kieu khac nhe")]; r.action != resolvedParaphrase {
			t.Errorf("resolutions: %+v", resolved)
		}
		if r := resolved[questionKey("Có làm thay được không")]; r.action != resolvedFAQ {
			t.Errorf("resolutions: %+v", resolved)
		}
	})
}
