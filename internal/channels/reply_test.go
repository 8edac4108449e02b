package channels

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// stubAsker answers every question with a fixed text, in conversation
// "conv-1", and records the requests.
type stubAsker struct {
	mu     sync.Mutex
	answer string
	asked  []assistant.Request
}

func (a *stubAsker) Ask(ctx context.Context, r assistant.Request) (*assistant.Answer, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.asked = append(a.asked, r)
	if r.Question == strings.Repeat("x", 1001) {
		return nil, &assistant.InvalidError{Field: "question", Message: "Câu hỏi dài quá 1.000 ký tự."}
	}
	return &assistant.Answer{ConversationID: "conv-1", Status: assistant.StatusAnswered, Answer: a.answer,
		Sources: []assistant.Source{{Slug: "s", Title: "Thủ tục S", URL: "/dich-vu/s"}}}, nil
}

// Offered: stubAsker never offers options.
func (a *stubAsker) Offered(ctx context.Context, conversationID string) ([]string, error) {
	return nil, nil
}

// recorder is a Sender that keeps what it sends and can fail.
type recorder struct {
	mu   sync.Mutex
	sent []Sent
	// failAt makes the send of that part number (1-based, counted over the
	// recorder's life) fail once.
	failAt int
	calls  int
	err    error
}

type Sent struct{ UserID, Text string }

func (r *recorder) Send(ctx context.Context, userID, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.calls == r.failAt {
		return errors.New("HTTP 500")
	}
	if r.err != nil {
		return r.err
	}
	r.sent = append(r.sent, Sent{userID, text})
	return nil
}

func newTestService(t *testing.T, d *db.DB, asker Asker, send Sender) *Service {
	t.Helper()
	return newServiceOpts(t, d, asker, Options{
		Messenger: MessengerConfig{AppSecret: "s", VerifyToken: "v", PageToken: "p"},
		Senders:   map[string]Sender{Messenger: send},
		BaseURL:   "https://loa.example.vn",
	})
}

// newServiceOpts migrates the job tables, registers the reply jobs and
// makes a Service with opts.
func newServiceOpts(t *testing.T, d *db.DB, asker Asker, opts Options) *Service {
	t.Helper()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(d, nil, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RegisterJobs(q); err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, d, q, asker, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// lastMessageID is the id of the newest stored message.
func lastMessageID(t *testing.T, d *db.DB) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRow(context.Background(), `SELECT MAX(id) FROM channel_messages`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestReplySplitsALongAnswerAndResumesAfterAFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		long := strings.Repeat("Bước này cần làm cẩn thận, xem https://dichvucong.gov.vn/p/home/dvc-trang-chu.html để biết thêm. ", 50)
		asker := &stubAsker{answer: long}
		rec := &recorder{failAt: 2}
		s := newTestService(t, d, asker, rec)
		if ok, err := s.Receive(ctx, Message{Channel: Messenger, EventID: "m1", UserID: "U1", Text: "làm gì"}, ""); err != nil || !ok {
			t.Fatalf("Receive = %v, %v", ok, err)
		}
		id := lastMessageID(t, d)
		if err := s.reply(ctx, id); err == nil {
			t.Fatal("a failed send did not fail the job")
		}
		if err := s.reply(ctx, id); err != nil {
			t.Fatal(err)
		}
		if len(asker.asked) != 1 {
			t.Fatalf("asked %d times; a retry must not ask again", len(asker.asked))
		}
		want := Split(ChatText(&assistant.Answer{Status: assistant.StatusAnswered, Answer: long,
			Sources: []assistant.Source{{Title: "Thủ tục S", URL: "/dich-vu/s"}}}, "https://loa.example.vn"), MaxText)
		if len(want) < 3 || len(rec.sent) != len(want) {
			t.Fatalf("sent %d parts, want %d (≥ 3)", len(rec.sent), len(want))
		}
		for i, p := range rec.sent {
			if p.UserID != "U1" || p.Text != want[i] || utf8.RuneCountInString(p.Text) > MaxText {
				t.Fatalf("part %d: %q (%d characters)", i, p.Text[:40], utf8.RuneCountInString(p.Text))
			}
		}
		if !strings.HasSuffix(rec.sent[len(rec.sent)-1].Text, "https://loa.example.vn/dich-vu/s") {
			t.Fatal("the source link is missing from the last part")
		}
		// Delivered: the user's id and text are gone, the state is final.
		var state, recipient, question string
		if err := d.QueryRow(ctx, `SELECT state, recipient, question FROM channel_messages WHERE id = ?`, id).
			Scan(&state, &recipient, &question); err != nil {
			t.Fatal(err)
		}
		if state != stateSent || recipient != "" || question != "" {
			t.Fatalf("after delivery: %q %q %q", state, recipient, question)
		}
		// A job run again (river at-least-once) sends nothing more.
		if err := s.reply(ctx, id); err != nil || len(rec.sent) != len(want) {
			t.Fatalf("rerun: %v, %d parts", err, len(rec.sent))
		}
	})
}

func TestReplyContinuesTheConversationAndIgnoresRedelivery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		asker := &stubAsker{answer: "Trả lời."}
		rec := &recorder{}
		s := newTestService(t, d, asker, rec)
		m := Message{Channel: Messenger, EventID: "m1", UserID: "U1", Text: "làm hộ chiếu"}
		if _, err := s.Receive(ctx, m, ""); err != nil {
			t.Fatal(err)
		}
		first := lastMessageID(t, d)
		if ok, err := s.Receive(ctx, m, ""); err != nil || ok {
			t.Fatalf("redelivery: %v, %v", ok, err)
		}
		if _, err := s.Receive(ctx, Message{Channel: Messenger, EventID: "m2", UserID: "U1", Text: "mất bao lâu?"}, ""); err != nil {
			t.Fatal(err)
		}
		second := lastMessageID(t, d)
		// The follow-up waits for its question.
		if err := s.reply(ctx, second); !errors.As(err, new(*river.JobSnoozeError)) {
			t.Fatalf("follow-up before its question: %v", err)
		}
		if err := s.reply(ctx, first); err != nil {
			t.Fatal(err)
		}
		if err := s.reply(ctx, second); err != nil {
			t.Fatal(err)
		}
		if len(asker.asked) != 2 || asker.asked[0].ConversationID != "" || asker.asked[1].ConversationID != "conv-1" ||
			asker.asked[1].Channel != Messenger {
			t.Fatalf("asked %+v", asker.asked)
		}
		// Another user is in another conversation.
		if _, err := s.Receive(ctx, Message{Channel: Messenger, EventID: "m3", UserID: "U2", Text: "hi"}, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.reply(ctx, lastMessageID(t, d)); err != nil {
			t.Fatal(err)
		}
		if asker.asked[2].ConversationID != "" {
			t.Fatalf("a stranger joined conversation %q", asker.asked[2].ConversationID)
		}
		// The conversation table holds pseudonyms only.
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM channel_users WHERE user_key IN ('U1', 'U2')`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("raw user ids stored: %d %v", n, err)
		}
	})
}

// A Zalo anonymous visitor is answered at their anonymous id and
// conversation, and has a conversation of their own: not a follower's with
// the same id, not another visitor's, not their own in another chat.
func TestReplyToZaloAnonymousVisitors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		asker := &stubAsker{answer: "Trả lời."}
		rec := &recorder{}
		s := newServiceWith(t, d, asker, map[string]Sender{Zalo: rec, Messenger: &recorder{}}, nil, nil)
		for i, m := range []Message{
			{EventID: "a1", UserID: "A", ZaloConversationID: "C1", Text: "làm hộ chiếu"},
			{EventID: "a2", UserID: "A", ZaloConversationID: "C1", Text: "mất bao lâu?"}, // the same visitor, same chat
			{EventID: "a3", UserID: "A", ZaloConversationID: "C2", Text: "hỏi"},          // another chat
			{EventID: "a4", UserID: "B", ZaloConversationID: "C1", Text: "hỏi"},          // another visitor
			{EventID: "f1", UserID: "A", Text: "hỏi"},                                    // a follower of the same id
		} {
			m.Channel = Zalo
			deliver(t, s, d, m)
			want := ""
			if i == 1 {
				want = "conv-1"
			}
			if got := asker.asked[i].ConversationID; got != want {
				t.Errorf("message %s asked in conversation %q, want %q", m.EventID, got, want)
			}
		}
		var to []ZaloRecipient
		for _, sent := range rec.sent {
			r, err := ParseZaloRecipient(sent.UserID)
			if err != nil {
				t.Fatal(err)
			}
			to = append(to, r)
		}
		want := []ZaloRecipient{{AnonymousID: "A", ConversationID: "C1"}, {AnonymousID: "A", ConversationID: "C1"},
			{AnonymousID: "A", ConversationID: "C2"}, {AnonymousID: "B", ConversationID: "C1"}, {UserID: "A"}}
		if fmt.Sprint(to) != fmt.Sprint(want) {
			t.Fatalf("replies went to %+v, want %+v", to, want)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(DISTINCT user_key) FROM channel_users WHERE channel = ?`, Zalo).Scan(&n); err != nil || n != 4 {
			t.Fatalf("%d conversation keys for 4 users (%v)", n, err)
		}
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM channel_messages WHERE recipient <> ''`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d delivered messages keep the address (%v)", n, err)
		}
	})
}

func TestReplyRefusedQuestionAndUndeliverable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rec := &recorder{}
		s := newTestService(t, d, &stubAsker{answer: "x"}, rec)
		if _, err := s.Receive(ctx, Message{Channel: Messenger, EventID: "m1", UserID: "U1", Text: strings.Repeat("x", 1001)}, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.reply(ctx, lastMessageID(t, d)); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) != 1 || rec.sent[0].Text != "Câu hỏi dài quá 1.000 ký tự." {
			t.Fatalf("refused question: %+v", rec.sent)
		}
		rec.err = errors.Join(ErrUndeliverable, errors.New("551"))
		if _, err := s.Receive(ctx, Message{Channel: Messenger, EventID: "m2", UserID: "U1", Text: "hỏi"}, ""); err != nil {
			t.Fatal(err)
		}
		id := lastMessageID(t, d)
		if err := s.reply(ctx, id); err != nil {
			t.Fatalf("undeliverable retried: %v", err)
		}
		var state string
		if err := d.QueryRow(ctx, `SELECT state FROM channel_messages WHERE id = ?`, id).Scan(&state); err != nil || state != stateFailed {
			t.Fatalf("state %q, %v", state, err)
		}
		// A channel that is off receives nothing.
		if _, err := s.Receive(ctx, Message{Channel: Zalo, EventID: "z", UserID: "U", Text: "x"}, ""); err == nil {
			t.Fatal("message accepted on a channel that is off")
		}
	})
}

func TestConfigValidate(t *testing.T) {
	if err := (ZaloConfig{}).Validate(); err != nil {
		t.Fatal(err)
	}
	err := ZaloConfig{AppID: "1", OASecret: "s"}.Validate()
	if err == nil || !strings.Contains(err.Error(), "LOA_ZALO_APP_SECRET, LOA_ZALO_REFRESH_TOKEN") {
		t.Fatalf("partial zalo: %v", err)
	}
	if err := (MessengerConfig{PageToken: "p"}).Validate(); err == nil || !strings.Contains(err.Error(), "LOA_MESSENGER_APP_SECRET") {
		t.Fatalf("partial messenger: %v", err)
	}
	if err := (MessengerConfig{AppSecret: "a", VerifyToken: "v", PageToken: "p"}).Validate(); err != nil {
		t.Fatal(err)
	}
}
