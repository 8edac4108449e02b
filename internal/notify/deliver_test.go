package notify

import (
	"context"
	"encoding/base64"
	"io"
	"mime"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

var start = time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC)

// fixture is a cases store with the outbox plugged in and a movable clock.
type fixture struct {
	d   *db.DB
	cs  *cases.Store
	now *time.Time
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	now := start
	f := &fixture{d: d, now: &now}
	f.cs = cases.NewStore(d, cases.WithClock(func() time.Time { return *f.now }), cases.WithOutbox(NewOutbox().Hook))
	return f
}

func (f *fixture) open(t *testing.T, email string) *cases.Case {
	t.Helper()
	c, err := f.cs.Open(context.Background(), cases.NewCase{Source: cases.SourceWeb, Category: cases.CategoryFee,
		Description: "Bị thu thêm phí, tôi là Nguyễn Văn An.", Contact: cases.Contact{Name: "Nguyễn Văn An", Email: email}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) messages(t *testing.T, c *cases.Case) []Message {
	t.Helper()
	ms, err := Messages(context.Background(), f.d, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func (f *fixture) deliverer(cfg Config) *Deliverer {
	dl := NewDeliverer(f.d, f.cs, cfg)
	dl.SetClock(func() time.Time { return *f.now })
	return dl
}

// publish takes a case to a published answer.
func (f *fixture) publish(t *testing.T, c *cases.Case) {
	t.Helper()
	ctx := context.Background()
	h, reviewer := cases.Handler{ID: 1, Name: "xuly", Agency: "UBND-01"}, cases.Handler{ID: 2, Name: "duyet", Agency: "UBND-01"}
	if _, err := f.cs.Assign(ctx, c.ID, h, "UBND-01", 1, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.cs.SaveAnswer(ctx, c.ID, h, "Đã hoàn lại phí cho ông Nguyễn Văn An.", true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.cs.Publish(ctx, c.ID, reviewer, ""); err != nil {
		t.Fatal(err)
	}
}

// read parses a delivered message: its headers, decoded subject and body.
func read(t *testing.T, data string) (mail.Header, string, string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(m.Body)
	body, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	return m.Header, subject, string(body)
}

// freeAddr returns an address nothing listens on (for now).
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestSMTPDownThenBack is the promise of the outbox: with SMTP not
// configured, then down, the acknowledgement waits, pending, retried with
// backoff; once the server is back it is delivered once, with the
// Message-ID fixed when it was written, and stamped.
func TestSMTPDownThenBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		c := f.open(t, "an@example.vn")
		if none := f.open(t, ""); len(f.messages(t, none)) != 0 {
			t.Fatal("a case without e-mail got a message")
		}
		ms := f.messages(t, c)
		if len(ms) != 1 || ms[0].Kind != KindAck || ms[0].State != StatePending || ms[0].Recipient != "an@example.vn" ||
			!strings.HasPrefix(ms[0].MessageID, "<") || !ms[0].CreatedAt.Equal(start) {
			t.Fatalf("outbox after opening: %+v", ms)
		}
		msgID := ms[0].MessageID

		// Not configured: nothing happens, nothing is lost.
		if res, err := f.deliverer(Config{}).Deliver(ctx); err != nil || res != (Result{}) {
			t.Fatalf("unconfigured: %+v %v", res, err)
		}
		addr := freeAddr(t)
		cfg := Config{Addr: addr, From: "Loa <no-reply@loa.gov.vn>", BaseURL: "https://loa.example.vn/", Timeout: 5 * time.Second}
		dl := f.deliverer(cfg)
		// Down: one failed attempt, retried a minute later.
		if res, err := dl.Deliver(ctx); err != nil || res.Retry != 1 {
			t.Fatalf("smtp down: %+v %v", res, err)
		}
		ms = f.messages(t, c)
		if ms[0].State != StatePending || ms[0].Attempts != 1 || ms[0].LastError == "" ||
			!ms[0].NextAttempt.Equal(start.Add(Backoff(1))) {
			t.Fatalf("after a failure: %+v", ms[0])
		}
		if res, _ := dl.Deliver(ctx); res != (Result{}) {
			t.Fatalf("retried before its time: %+v", res)
		}
		*f.now = start.Add(90 * time.Second)
		if res, err := dl.Deliver(ctx); err != nil || res.Retry != 1 {
			t.Fatalf("still down: %+v %v", res, err)
		}
		if ms = f.messages(t, c); ms[0].Attempts != 2 || !ms[0].NextAttempt.Equal(f.now.Add(2*time.Minute)) {
			t.Fatalf("backoff: %+v", ms[0])
		}

		// Back.
		srv := startFakeSMTP(t, addr)
		*f.now = f.now.Add(3 * time.Minute)
		if res, err := dl.Deliver(ctx); err != nil || res.Sent != 1 {
			t.Fatalf("smtp back: %+v %v", res, err)
		}
		if res, _ := dl.Deliver(ctx); res != (Result{}) {
			t.Fatalf("sent twice: %+v", res)
		}
		got := srv.messages()
		if len(got) != 1 || got[0].To != "an@example.vn" || got[0].From != "no-reply@loa.gov.vn" {
			t.Fatalf("server got %+v", got)
		}
		h, subject, body := read(t, got[0].Data)
		if h.Get("Message-ID") != msgID || h.Get("Auto-Submitted") != "auto-generated" {
			t.Errorf("headers %v", h)
		}
		if !strings.Contains(subject, c.Code) || !strings.Contains(subject, "tiếp nhận") {
			t.Errorf("subject %q", subject)
		}
		if !strings.Contains(body, c.Code) || !strings.Contains(body, "https://loa.example.vn/phan-anh/"+c.Code) {
			t.Errorf("body %q", body)
		}
		for _, secret := range []string{"Nguyễn Văn An", "thu thêm phí"} {
			if strings.Contains(body, secret) || strings.Contains(subject, secret) {
				t.Errorf("message shows %q", secret)
			}
		}
		ms = f.messages(t, c)
		if ms[0].State != StateSent || !ms[0].DeliveredAt.Equal(*f.now) || ms[0].Recipient != "" || ms[0].Attempts != 3 {
			t.Errorf("after delivery: %+v", ms[0])
		}
	})
}

// TestAnswerAndReminder follows a case to its published answer: the
// notice goes at once, the reminder three days before the reopen window
// ends, and a reminder for a case already closed is cancelled.
func TestAnswerAndReminder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		srv := startFakeSMTP(t, "127.0.0.1:0", "gone@example.vn")
		dl := f.deliverer(Config{Addr: srv.addr(), From: "no-reply@loa.gov.vn", Timeout: 5 * time.Second})
		a, b, gone := f.open(t, "an@example.vn"), f.open(t, "binh@example.vn"), f.open(t, "gone@example.vn")
		if res, err := dl.Deliver(ctx); err != nil || res.Sent != 2 || res.Failed != 1 {
			t.Fatalf("acks: %+v %v", res, err)
		}
		if ms := f.messages(t, gone); ms[0].State != StateFailed || ms[0].Recipient != "" || strings.Contains(ms[0].LastError, "gone@") {
			t.Errorf("refused recipient: %+v", ms[0])
		}
		*f.now = start.Add(time.Hour)
		f.publish(t, a)
		f.publish(t, b)
		ms := f.messages(t, a)
		if len(ms) != 3 || ms[1].Kind != KindAnswer || ms[2].Kind != KindReopenReminder ||
			!ms[2].NextAttempt.Equal(f.now.Add(cases.ReopenWindow-ReminderBefore)) {
			t.Fatalf("after publication: %+v", ms)
		}
		if res, err := dl.Deliver(ctx); err != nil || res.Sent != 2 {
			t.Fatalf("answers: %+v %v", res, err)
		}
		_, subject, body := read(t, srv.messages()[2].Data)
		if !strings.Contains(subject, "trả lời") || strings.Contains(body, "hoàn lại phí") {
			t.Errorf("answer notice %q %q", subject, body)
		}
		// The second citizen is satisfied: the case closes, no reminder.
		if _, err := f.cs.Feedback(ctx, b.Code, true, ""); err != nil {
			t.Fatal(err)
		}
		*f.now = f.now.Add(cases.ReopenWindow - ReminderBefore + time.Minute)
		if res, err := dl.Deliver(ctx); err != nil || res.Sent != 1 || res.Cancelled != 1 {
			t.Fatalf("reminders: %+v %v", res, err)
		}
		last := srv.messages()[len(srv.messages())-1]
		_, subject, body = read(t, last.Data)
		if last.To != "an@example.vn" || !strings.Contains(subject, "Sắp hết thời hạn") || !strings.Contains(body, a.Code) {
			t.Errorf("reminder to %s: %q %q", last.To, subject, body)
		}
		if ms := f.messages(t, b); ms[2].State != StateCancelled {
			t.Errorf("reminder of a closed case: %+v", ms[2])
		}
	})
}

// TestOutboxInTransaction checks that the messages commit and roll back
// with their case, and that a cause seen twice writes one message.
func TestOutboxInTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		var opened *cases.Case
		err := d.InTx(ctx, func(tx *db.Tx) error {
			c, err := f.cs.OpenTx(ctx, tx, cases.NewCase{Source: cases.SourceWeb, Description: "x",
				Contact: cases.Contact{Email: "an@example.vn"}})
			opened = c
			if err != nil {
				return err
			}
			return context.Canceled // the caller gives up: all of it goes
		})
		if err == nil || opened == nil {
			t.Fatalf("tx: %v", err)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM notify_outbox").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d messages after a rollback (%v)", n, err)
		}
		c := f.open(t, "an@example.vn")
		o := NewOutbox()
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			return o.Hook(ctx, tx, c, cases.Event{CaseID: c.ID, Kind: cases.EventCreated, At: start})
		}); err != nil {
			t.Fatal(err)
		}
		if ms := f.messages(t, c); len(ms) != 1 {
			t.Fatalf("a repeated cause wrote %d messages", len(ms))
		}
	})
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}
	for i, w := range want {
		if got := Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if Backoff(100) != maxRetry || Backoff(0) != time.Minute {
		t.Errorf("Backoff bounds: %v %v", Backoff(100), Backoff(0))
	}
}

func TestContentKinds(t *testing.T) {
	until := time.Date(2026, 4, 1, 3, 0, 0, 0, time.UTC)
	for _, k := range []Kind{KindAck, KindAnswer, KindReopenReminder} {
		s, b, err := content(k, "PA-K7QXM-3DHTW", "", until)
		if err != nil || !strings.Contains(s, "PA-K7QXM-3DHTW") || !strings.Contains(b, "Tra cứu phản ánh") {
			t.Errorf("%s: %q %q %v", k, s, b, err)
		}
	}
	if _, b, _ := content(KindReopenReminder, "PA-K7QXM-3DHTW", "", until); !strings.Contains(b, "10:00 ngày 01/04/2026") {
		t.Errorf("reminder date: %q", b)
	}
	if _, _, err := content("other", "x", "", until); err == nil {
		t.Error("unknown kind accepted")
	}
}
