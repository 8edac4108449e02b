package assistant

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestAskAnswersWithSource(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := newTestEngine(t, d)
		ctx := context.Background()
		a, err := e.Ask(ctx, Request{Question: "Làm hộ chiếu cần giấy tờ gì?"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != StatusAnswered || len(a.Sources) != 1 {
			t.Fatalf("answer %+v", a)
		}
		src := a.Sources[0]
		if src.Slug != "cap-ho-chieu-pho-thong" || src.URL != "/dich-vu/cap-ho-chieu-pho-thong" || src.Title != "Cấp hộ chiếu phổ thông" || src.Section != SectionPrepare {
			t.Errorf("source %+v", src)
		}
		if !strings.Contains(a.Answer, "/dich-vu/cap-ho-chieu-pho-thong") || a.Options == nil || len(a.Options) != 0 {
			t.Errorf("answer %q options %v", a.Answer, a.Options)
		}
		if len(a.ConversationID) != 22 {
			t.Errorf("conversation id %q", a.ConversationID)
		}
		turns, err := e.Turns(ctx, a.ConversationID)
		if err != nil {
			t.Fatal(err)
		}
		if len(turns) != 1 || turns[0].Status != StatusAnswered || turns[0].TopSlug != src.Slug || turns[0].Intent != "documents" ||
			turns[0].Channel != "web" || turns[0].Confidence <= 0 || turns[0].Confidence > 1 || turns[0].Seq != 1 {
			t.Errorf("turns %+v", turns)
		}
	})
}

func TestAskFollowUpsAndReplicasShareTheConversation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		tests := []struct{ q, section string }{
			{"cần giấy tờ gì?", SectionPrepare},
			{"mất bao lâu?", SectionDuration},
			{"lệ phí bao nhiêu?", SectionCost},
		}
		questions := []string{"dang ky ket hon"}
		for _, tt := range tests {
			questions = append(questions, tt.q)
		}
		answers, one := askAcrossReplicas(t, d, "zalo", questions...)
		id := answers[0].ConversationID
		for i, tt := range tests {
			a := answers[i+1]
			if a.ConversationID != id || a.Status != StatusAnswered || a.Sources[0].Slug != "dang-ky-ket-hon" || a.Sources[0].Section != tt.section {
				t.Errorf("%q: %+v", tt.q, a)
			}
		}
		turns, _ := one.Turns(context.Background(), id)
		if len(turns) != 4 || turns[3].Seq != 4 || turns[3].Channel != "zalo" {
			t.Errorf("turns %+v", turns)
		}
	})
}

func TestAskClarifyThenPick(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := newTestEngine(t, d)
		ctx := context.Background()
		a, err := e.Ask(ctx, Request{Question: "tôi mới nghỉ việc, đóng bảo hiểm xã hội được 6 năm, giờ lãnh được tiền gì"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != StatusClarify || len(a.Options) < 2 || len(a.Sources) != 0 {
			t.Fatalf("clarify %+v", a)
		}
		if !strings.Contains(a.Answer, "1. ") || !strings.Contains(a.Answer, "2. ") {
			t.Errorf("options not listed: %q", a.Answer)
		}
		second := a.Options[1]
		offered, err := e.Offered(ctx, a.ConversationID)
		if err != nil || len(offered) != len(a.Options) || offered[1] != second.Slug {
			t.Fatalf("offered %v (%v), want the slugs of %+v", offered, err, a.Options)
		}
		b, err := e.Ask(ctx, Request{Question: "2", ConversationID: a.ConversationID})
		if err != nil {
			t.Fatal(err)
		}
		if b.Status != StatusAnswered || b.Sources[0].Slug != second.Slug {
			t.Fatalf("pick 2: %+v, want %s", b, second.Slug)
		}
		if offered, err := e.Offered(ctx, a.ConversationID); err != nil || len(offered) != 0 {
			t.Fatalf("offered after the pick: %v (%v)", offered, err)
		}
		if offered, err := e.Offered(ctx, "khong-co"); err != nil || len(offered) != 0 {
			t.Fatalf("offered in an unknown conversation: %v (%v)", offered, err)
		}
		// The choice is the context now.
		c, err := e.Ask(ctx, Request{Question: "lệ phí bao nhiêu", ConversationID: a.ConversationID})
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != StatusAnswered || c.Sources[0].Slug != second.Slug || c.Sources[0].Section != SectionCost {
			t.Errorf("follow-up after the pick: %+v", c)
		}
	})
}

func TestAskOutOfScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := newTestEngine(t, d)
		a, err := e.Ask(context.Background(), Request{Question: "Cách nấu phở bò ngon"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != StatusOutOfScope || len(a.Sources) != 0 || len(a.Options) != 0 || a.CaseCode != "" {
			t.Fatalf("%+v", a)
		}
		if !strings.Contains(a.Answer, "thủ tục") || !strings.Contains(a.Answer, "gặp cán bộ") {
			t.Errorf("the message does not say what the assistant can do: %q", a.Answer)
		}
	})
}

func TestAskHandoffOnRequestOpensOneCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, cs := newTestEngine(t, d)
		ctx := context.Background()
		a, err := e.Ask(ctx, Request{Question: "đổi bằng lái xe hết hạn", Channel: "widget"})
		if err != nil {
			t.Fatal(err)
		}
		id := a.ConversationID
		h, err := e.Ask(ctx, Request{Question: "cho tôi gặp cán bộ, số tôi 0912 345 678", ConversationID: id, Channel: "widget"})
		if err != nil {
			t.Fatal(err)
		}
		if h.Status != StatusHandoff || h.CaseCode == "" {
			t.Fatalf("handoff %+v", h)
		}
		for _, want := range []string{h.CaseCode, "/phan-anh/" + h.CaseCode, DefaultHotline, DefaultHotlineHours, DefaultReplyTime} {
			if !strings.Contains(h.Answer, want) {
				t.Errorf("handoff message lacks %q: %q", want, h.Answer)
			}
		}
		if strings.Contains(h.Answer, "0912") {
			t.Errorf("the phone number is echoed: %q", h.Answer)
		}
		c, err := cs.ByCode(ctx, h.CaseCode)
		if err != nil {
			t.Fatal(err)
		}
		if c.Source != cases.SourceAssistant || c.ConversationID != id || c.Channel != "widget" || c.ServiceSlug != "cap-doi-giay-phep-lai-xe" {
			t.Errorf("case %+v", c)
		}
		if !strings.Contains(c.Description, "đổi bằng lái xe hết hạn") || !strings.Contains(c.Description, "gặp cán bộ") ||
			strings.Contains(c.Description, "0912") {
			t.Errorf("case description %q", c.Description)
		}
		// Asking again in the same conversation gives the same case.
		again, err := e.Ask(ctx, Request{Question: "gặp nhân viên", ConversationID: id})
		if err != nil {
			t.Fatal(err)
		}
		if again.Status != StatusHandoff || again.CaseCode != h.CaseCode {
			t.Errorf("second handoff %+v, want case %s", again, h.CaseCode)
		}
		if n, err := cs.Count(ctx, cases.Filter{}); err != nil || n != 1 {
			t.Errorf("cases: %d, %v", n, err)
		}
	})
}

func TestAskHandoffAfterTwoMisses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, cs := newTestEngine(t, d)
		ctx := context.Background()
		a, err := e.Ask(ctx, Request{Question: "thời tiết Hà Nội ngày mai"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != StatusOutOfScope {
			t.Fatalf("first miss %+v", a)
		}
		b, err := e.Ask(ctx, Request{Question: "giá vàng hôm nay, email tôi an@example.vn", ConversationID: a.ConversationID})
		if err != nil {
			t.Fatal(err)
		}
		if b.Status != StatusHandoff || b.CaseCode == "" || !strings.Contains(b.Answer, "chưa tìm được") {
			t.Fatalf("second miss %+v", b)
		}
		c, err := cs.ByCode(ctx, b.CaseCode)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.Description, "thời tiết Hà Nội ngày mai") || !strings.Contains(c.Description, "giá vàng") ||
			strings.Contains(c.Description, "an@example.vn") || !strings.Contains(c.Description, "hai lần") {
			t.Errorf("description %q", c.Description)
		}
		turns, _ := e.Turns(ctx, a.ConversationID)
		if len(turns) != 2 || turns[1].CaseCode != b.CaseCode || turns[1].Status != StatusHandoff {
			t.Errorf("turns %+v", turns)
		}
	})
}

func TestAskRedactsPersonalDataBeforeStoring(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := newTestEngine(t, d)
		ctx := context.Background()
		q := "CCCD của tôi là 001099012345, sđt 0987654321, email an.nguyen@example.com, thẻ 4111 1111 1111 1111: làm lại căn cước ở đâu?"
		a, err := e.Ask(ctx, Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		secrets := []string{"001099012345", "0987654321", "an.nguyen@example.com", "4111"}
		for _, s := range secrets {
			if strings.Contains(a.Answer, s) {
				t.Errorf("answer echoes %q", s)
			}
		}
		turns, err := e.Turns(ctx, a.ConversationID)
		if err != nil || len(turns) != 1 {
			t.Fatal(turns, err)
		}
		for _, s := range secrets {
			if strings.Contains(turns[0].Question, s) {
				t.Errorf("stored question has %q: %q", s, turns[0].Question)
			}
		}
		if !strings.Contains(turns[0].Question, "[số CCCD]") || !strings.Contains(turns[0].Question, "[email]") {
			t.Errorf("stored question %q", turns[0].Question)
		}
		// Nothing else in the database holds them either.
		for _, s := range secrets {
			var n int
			if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM assistant_turns WHERE question LIKE ?`, "%"+s+"%").Scan(&n); err != nil || n != 0 {
				t.Errorf("%q stored %d times (%v)", s, n, err)
			}
		}
	})
}

func TestAskRefusesInvalidQuestions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := newTestEngine(t, d)
		ctx := context.Background()
		for _, r := range []Request{
			{Question: ""},
			{Question: "   \n\t "},
			{Question: strings.Repeat("a", MaxQuestion+1)},
			{Question: "khai sinh \xff\xfe"},
			{Question: "khai\x00sinh"},
			{Question: "khai sinh \x1b[31m"},
			{Question: "khai sinh", ConversationID: "../../etc/passwd"},
			{Question: "khai sinh", Channel: "Zalo OA"},
		} {
			_, err := e.Ask(ctx, r)
			var inv *InvalidError
			if !errors.As(err, &inv) || inv.Message == "" {
				t.Errorf("%q: %v, want *InvalidError", r.Question, err)
			}
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM assistant_turns`).Scan(&n); err != nil || n != 0 {
			t.Errorf("invalid questions stored %d turns (%v)", n, err)
		}
	})
}

func TestAskUnknownConversationStartsANewOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := newTestEngine(t, d)
		made := "AAAAAAAAAAAAAAAAAAAAAA"
		a, err := e.Ask(context.Background(), Request{Question: "đăng ký tạm trú", ConversationID: made})
		if err != nil {
			t.Fatal(err)
		}
		if a.ConversationID == made || len(a.ConversationID) != 22 {
			t.Errorf("conversation id %q", a.ConversationID)
		}
		b, _ := e.Ask(context.Background(), Request{Question: "đăng ký tạm trú"})
		if b.ConversationID == a.ConversationID {
			t.Error("two conversations share an id")
		}
	})
}
