package channels

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// menuOptions are the services menuAsker offers for a question about a
// birth.
var menuOptions = []assistant.Option{
	{Slug: "dang-ky-khai-sinh", Title: "Đăng ký khai sinh"},
	{Slug: "dang-ky-thuong-tru", Title: "Đăng ký thường trú cho trẻ em dưới 14 tuổi"},
	{Slug: "cap-the-bhyt-tre-em", Title: "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"},
}

// menuAsker stands in for the assistant: a question about a birth gets a
// clarifying question with menuOptions; a slug gets the answer about that
// service (as the assistant reads a slug right after offering it); any
// other text a generic answer. Every conversation is "conv-1". Like the
// assistant, it keeps the options offered until an answer about a service
// (an out-of-scope reply keeps them).
type menuAsker struct {
	mu      sync.Mutex
	asked   []assistant.Request
	offered map[string][]string // by conversation
}

func (a *menuAsker) Offered(ctx context.Context, conversationID string) ([]string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.offered[conversationID], nil
}

func (a *menuAsker) Ask(ctx context.Context, r assistant.Request) (*assistant.Answer, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.asked = append(a.asked, r)
	ans := &assistant.Answer{ConversationID: "conv-1", Sources: []assistant.Source{}, Options: []assistant.Option{}}
	if strings.Contains(r.Question, "sinh em bé") {
		ans.Status, ans.Answer, ans.Options = assistant.StatusClarify, "Bạn muốn hỏi về thủ tục nào?", menuOptions
		if a.offered == nil {
			a.offered = map[string][]string{}
		}
		a.offered[ans.ConversationID] = nil
		for _, o := range menuOptions {
			a.offered[ans.ConversationID] = append(a.offered[ans.ConversationID], o.Slug)
		}
		return ans, nil
	}
	for _, o := range menuOptions {
		if r.Question == o.Slug {
			delete(a.offered, ans.ConversationID)
			ans.Status, ans.Answer = assistant.StatusAnswered, o.Title+"\n\nXem hướng dẫn đầy đủ: /dich-vu/"+o.Slug
			ans.Sources = append(ans.Sources, assistant.Source{Slug: o.Slug, Title: o.Title, URL: "/dich-vu/" + o.Slug})
			return ans, nil
		}
	}
	ans.Status, ans.Answer = assistant.StatusOutOfScope, "Tôi là trợ lý ảo về thủ tục hành chính."
	return ans, nil
}

func (a *menuAsker) questions() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var qs []string
	for _, r := range a.asked {
		qs = append(qs, r.Question)
	}
	return qs
}

// choiceRecorder is a recorder that can show choices, as Messenger does.
type choiceRecorder struct {
	recorder
	choices [][]Choice // per message sent, nil when none
}

func (r *choiceRecorder) Send(ctx context.Context, userID, text string) error {
	return r.SendChoices(ctx, userID, text, nil)
}

func (r *choiceRecorder) SendChoices(ctx context.Context, userID, text string, choices []Choice) error {
	if err := r.recorder.Send(ctx, userID, text); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.choices = append(r.choices, choices)
	return nil
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newServiceWith is newTestService with both channels on, the given
// senders, clock and logger.
func newServiceWith(t *testing.T, d *db.DB, asker Asker, senders map[string]Sender, now func() time.Time, log *slog.Logger) *Service {
	t.Helper()
	return newServiceOpts(t, d, asker, Options{
		Zalo:      ZaloConfig{AppID: "a", OASecret: "o", AppSecret: "s", RefreshToken: "r"},
		Messenger: MessengerConfig{AppSecret: "s", VerifyToken: "v", PageToken: "p"},
		Senders:   senders, BaseURL: "https://loa.example.vn", Now: now, Logger: log,
	})
}

// deliver receives m and runs its reply job.
func deliver(t *testing.T, s *Service, d *db.DB, m Message) int64 {
	t.Helper()
	ctx := context.Background()
	if ok, err := s.Receive(ctx, m, ""); err != nil || !ok {
		t.Fatalf("Receive(%+v) = %v, %v", m, ok, err)
	}
	id := lastMessageID(t, d)
	if err := s.reply(ctx, id); err != nil {
		t.Fatalf("reply to %+v: %v", m, err)
	}
	return id
}

func messageState(t *testing.T, d *db.DB, id int64) (state, kind, question, recipient string) {
	t.Helper()
	if err := d.QueryRow(context.Background(), `SELECT state, kind, question, recipient FROM channel_messages WHERE id = ?`, id).
		Scan(&state, &kind, &question, &recipient); err != nil {
		t.Fatal(err)
	}
	return
}

func TestMediaGetsOneNoticePerBurst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		asker := &menuAsker{}
		zalo, fb := &recorder{}, &choiceRecorder{}
		s := newServiceWith(t, d, asker, map[string]Sender{Zalo: zalo, Messenger: fb}, clk.Now, nil)

		img := Message{Channel: Zalo, EventID: "z1", UserID: "Z1", Kind: KindMedia}
		id := deliver(t, s, d, img)
		if len(zalo.sent) != 1 || zalo.sent[0] != (Sent{"Z1", MediaNotice}) {
			t.Fatalf("sent %+v", zalo.sent)
		}
		// Redelivered: not stored again, not answered again.
		if ok, err := s.Receive(ctx, img, ""); err != nil || ok {
			t.Fatalf("redelivery: %v %v", ok, err)
		}
		if state, kind, q, rcpt := messageState(t, d, id); state != stateSent || kind != KindMedia || q != "" || rcpt != "" {
			t.Fatalf("stored media: %q %q %q %q", state, kind, q, rcpt)
		}
		// More photos a minute later: no second notice.
		clk.Add(time.Minute)
		sticker := deliver(t, s, d, Message{Channel: Zalo, EventID: "z2", UserID: "Z1", Kind: KindMedia})
		if len(zalo.sent) != 1 {
			t.Fatalf("a second notice within the burst: %+v", zalo.sent)
		}
		if state, _, _, _ := messageState(t, d, sticker); state != stateSkipped {
			t.Fatalf("state %q", state)
		}
		// Another user, another channel: their own notice.
		deliver(t, s, d, Message{Channel: Messenger, EventID: "f1", UserID: "Z1", Kind: KindMedia})
		if len(fb.sent) != 1 || fb.sent[0].Text != MediaNotice || fb.choices[0] != nil {
			t.Fatalf("messenger: %+v %+v", fb.sent, fb.choices)
		}
		// Later on, a photo is told again.
		clk.Add(mediaQuiet + time.Second)
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z3", UserID: "Z1", Kind: KindMedia})
		if len(zalo.sent) != 2 || zalo.sent[1].Text != MediaNotice {
			t.Fatalf("after the quiet time: %+v", zalo.sent)
		}
		if len(asker.asked) != 0 {
			t.Fatalf("the assistant was asked about media: %+v", asker.asked)
		}
	})
}

func TestClarifyOffersChoicesAndANumberPicksTheOffered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		asker := &menuAsker{}
		zalo, fb := &recorder{}, &choiceRecorder{}
		s := newServiceWith(t, d, asker, map[string]Sender{Zalo: zalo, Messenger: fb}, nil, nil)

		// Messenger: the options come as quick replies under the list.
		deliver(t, s, d, Message{Channel: Messenger, EventID: "f1", UserID: "P1", Text: "vợ tôi vừa sinh em bé"})
		if len(fb.sent) != 1 || !strings.Contains(fb.sent[0].Text, "\n2. Đăng ký thường trú cho trẻ em dưới 14 tuổi") {
			t.Fatalf("clarify: %+v", fb.sent)
		}
		if got := fb.choices[0]; len(got) != 3 || got[1].Title != "2. Đăng ký thường…" || got[1].Payload != ChoicePayload("dang-ky-thuong-tru") {
			t.Fatalf("quick replies %+v", got)
		}
		// A tap on the second is the choice of that service.
		deliver(t, s, d, Message{Channel: Messenger, EventID: "f2", UserID: "P1", Kind: KindChoice, Choice: "dang-ky-thuong-tru"})
		if q := asker.questions(); len(q) != 2 || q[1] != "dang-ky-thuong-tru" || asker.asked[1].ConversationID != "conv-1" {
			t.Fatalf("asked %+v", asker.asked)
		}
		if !strings.Contains(fb.sent[1].Text, "https://loa.example.vn/dich-vu/dang-ky-thuong-tru") || fb.choices[1] != nil {
			t.Fatalf("answer to the tap: %+v", fb.sent[1])
		}
		// The options are spent: "1" now is just text.
		deliver(t, s, d, Message{Channel: Messenger, EventID: "f3", UserID: "P1", Text: "1"})
		if q := asker.questions(); q[2] != "1" {
			t.Fatalf("asked %q", q[2])
		}

		// Zalo: numbered lines only, and the user replies with a number.
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z1", UserID: "U1", Text: "vợ tôi vừa sinh em bé"})
		if !strings.Contains(zalo.sent[0].Text, "\n3. Cấp thẻ bảo hiểm y tế") || !strings.Contains(zalo.sent[0].Text, "Nhắn số thứ tự") {
			t.Fatalf("zalo clarify: %q", zalo.sent[0].Text)
		}
		// Out of range: told so, the options stay.
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z2", UserID: "U1", Text: "5"})
		if zalo.sent[1].Text != numberOutOfRange(3) {
			t.Fatalf("out of range: %q", zalo.sent[1].Text)
		}
		// A tap on something never offered (a forged postback) is refused
		// politely, the assistant not asked.
		n := len(asker.asked)
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z3", UserID: "U1", Kind: KindChoice, Choice: "cap-ho-chieu"})
		if zalo.sent[2].Text != staleChoice || len(asker.asked) != n {
			t.Fatalf("stale choice: %q, asked %d", zalo.sent[2].Text, len(asker.asked)-n)
		}
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z4", UserID: "U1", Text: " 3. "})
		if q := asker.questions(); q[len(q)-1] != "cap-the-bhyt-tre-em" {
			t.Fatalf("\"3\" asked %q", q[len(q)-1])
		}
		if !strings.Contains(zalo.sent[3].Text, "/dich-vu/cap-the-bhyt-tre-em") {
			t.Fatalf("answer to 3: %q", zalo.sent[3].Text)
		}
		// The pick was an answer: "1" is just text again.
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z4b", UserID: "U1", Text: "1"})
		if q := asker.questions(); q[len(q)-1] != "1" {
			t.Fatalf("\"1\" after the pick asked %q", q[len(q)-1])
		}
		// Another user's "2" is not read against U1's options.
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z5", UserID: "U1", Text: "vợ tôi vừa sinh em bé"})
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z6", UserID: "U2", Text: "2"})
		if q := asker.questions(); q[len(q)-1] != "2" {
			t.Fatalf("U2's \"2\" asked %q", q[len(q)-1])
		}
		// Nor are the options of an earlier conversation.
		if _, err := d.Exec(ctx, `UPDATE channel_users SET conversation_id = 'conv-2' WHERE user_key = ?`, s.UserKey(Zalo, "U1")); err != nil {
			t.Fatal(err)
		}
		deliver(t, s, d, Message{Channel: Zalo, EventID: "z7", UserID: "U1", Text: "2"})
		if q := asker.questions(); q[len(q)-1] != "2" {
			t.Fatalf("\"2\" in a new conversation asked %q", q[len(q)-1])
		}
	})
}

func TestLastAttemptClosesTheMessage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logs, nil))
		rec := &recorder{err: errors.New("HTTP 500: temporarily unavailable")}
		s := newServiceWith(t, d, &menuAsker{}, map[string]Sender{Zalo: rec, Messenger: rec}, nil, log)
		r := &Replies{}
		r.Serve(s)
		w := &replyWorker{replies: r}
		if _, err := s.Receive(ctx, Message{Channel: Zalo, EventID: "z1", UserID: "user-4471", Text: "hỏi về hộ chiếu bí mật"}, ""); err != nil {
			t.Fatal(err)
		}
		id := lastMessageID(t, d)
		job := &river.Job[ReplyArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 3}, Args: ReplyArgs{MessageID: id}}
		if err := w.Work(ctx, job); err == nil {
			t.Fatal("a failed send did not fail the job")
		}
		if state, _, q, rcpt := messageState(t, d, id); state != stateAnswered || q == "" || rcpt == "" {
			t.Fatalf("after a failure with retries left: %q %q %q", state, q, rcpt)
		}
		job.Attempt = 3
		if err := w.Work(ctx, job); err == nil {
			t.Fatal("the last failure did not fail the job")
		}
		if state, _, q, rcpt := messageState(t, d, id); state != stateFailed || q != "" || rcpt != "" {
			t.Fatalf("after the last attempt: %q %q %q", state, q, rcpt)
		}
		// The logs name the message, never the user or what they wrote.
		if !strings.Contains(logs.String(), "given up") {
			t.Fatalf("no log of the given-up reply:\n%s", logs.String())
		}
		for _, secret := range []string{"user-4471", "hộ chiếu bí mật", s.UserKey(Zalo, "user-4471")} {
			if strings.Contains(logs.String(), secret) {
				t.Fatalf("log shows %q:\n%s", secret, logs.String())
			}
		}
	})
}

func TestReceiveRefusesMalformedMessages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newServiceWith(t, d, &menuAsker{}, map[string]Sender{Zalo: &recorder{}, Messenger: &recorder{}}, nil, nil)
		for _, m := range []Message{
			{Channel: Zalo, EventID: "1", UserID: "U", Kind: KindText, Text: " "},
			{Channel: Zalo, EventID: "2", UserID: "U", Kind: KindChoice, Choice: "'; DROP TABLE channel_messages;--"},
			{Channel: Zalo, EventID: "3", UserID: "U", Kind: "sticker"},
			{Channel: Messenger, EventID: "4", UserID: "U", ZaloConversationID: "C", Text: "hỏi"},
			{Channel: Zalo, EventID: "5", UserID: "zalo-anonymous:A:C", Text: "hỏi"},
		} {
			if ok, err := s.Receive(context.Background(), m, ""); err == nil || ok {
				t.Errorf("%+v accepted", m)
			}
		}
		var n int
		if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM channel_messages`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d rows stored (%v)", n, err)
		}
	})
}
