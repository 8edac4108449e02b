package notify

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

var coordinator = audit.Actor{ID: 3, Name: "dieuphoi", Agency: "VN"}

func (f *fixture) board(cfg Config) *Board {
	b := NewBoard(f.d, f.cs, cfg)
	b.SetClock(func() time.Time { return *f.now })
	return b
}

// TestBoard counts and lists the outbox as the back office shows it: no
// address in full, settled rows without one at all, the newest error.
func TestBoard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		srv := startFakeSMTP(t, "127.0.0.1:0", "gone@example.vn")
		cfg := Config{Addr: srv.addr(), From: "no-reply@loa.gov.vn", Timeout: 5 * time.Second}
		b := f.board(cfg)
		if !b.MailEnabled() || f.board(Config{}).MailEnabled() {
			t.Error("MailEnabled does not follow the configuration")
		}
		if _, ok, err := b.LastError(ctx); err != nil || ok {
			t.Fatalf("last error of an empty outbox: %v %v", ok, err)
		}
		f.open(t, "an@example.vn")
		f.open(t, "gone@example.vn")
		if res, err := f.deliverer(cfg).Deliver(ctx); err != nil || res.Sent != 1 || res.Failed != 1 {
			t.Fatalf("deliver: %+v %v", res, err)
		}
		// A third message waits, due in the future.
		*f.now = start.Add(time.Hour)
		waiting := f.open(t, "chi.ngoc@example.vn")
		*f.now = start.Add(30 * time.Minute)

		c, err := b.Counts(ctx)
		if err != nil || c != (Counts{Pending: 1, Due: 0, Sent: 1, Failed: 1}) {
			t.Fatalf("counts = %+v %v", c, err)
		}
		*f.now = start.Add(2 * time.Hour)
		if c, _ := b.Counts(ctx); c.Due != 1 {
			t.Errorf("due after its time = %d", c.Due)
		}
		rows, err := b.Recent(ctx, Filter{})
		if err != nil || len(rows) != 3 {
			t.Fatalf("recent: %+v %v", rows, err)
		}
		if rows[0].CaseCode != waiting.Code || rows[0].State != StatePending || rows[0].Recipient != "ch***@example.vn" {
			t.Errorf("newest row %+v", rows[0])
		}
		for _, r := range rows {
			if strings.Contains(r.Recipient, "an@") || strings.Contains(r.Recipient, "gone@") || strings.Contains(r.Recipient, "chi.ngoc") {
				t.Errorf("address in full on the board: %+v", r)
			}
			if r.State != StatePending && r.Recipient != "" {
				t.Errorf("settled row keeps a recipient: %+v", r)
			}
		}
		failed, err := b.Recent(ctx, Filter{State: StateFailed})
		if err != nil || len(failed) != 1 || failed[0].LastError == "" {
			t.Fatalf("failed rows: %+v %v", failed, err)
		}
		last, ok, err := b.LastError(ctx)
		if err != nil || !ok || last.ID != failed[0].ID || strings.Contains(last.LastError, "gone@") {
			t.Errorf("last error: %+v %v %v", last, ok, err)
		}
		if rows, _ := b.Recent(ctx, Filter{Limit: 1}); len(rows) != 1 {
			t.Errorf("limit 1 gave %d rows", len(rows))
		}
	})
}

// TestRetry sends a failed message again: back to pending, addressed from
// the case, audited in the same transaction; the next sweep delivers it.
// Only failed messages can be retried.
func TestRetry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		srv := startFakeSMTP(t, "127.0.0.1:0", "gone@example.vn")
		cfg := Config{Addr: srv.addr(), From: "no-reply@loa.gov.vn", Timeout: 5 * time.Second}
		b, dl := f.board(cfg), f.deliverer(cfg)
		ok, gone := f.open(t, "an@example.vn"), f.open(t, "gone@example.vn")
		if _, err := dl.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		sent, failed := f.messages(t, ok)[0], f.messages(t, gone)[0]
		if failed.State != StateFailed || failed.Recipient != "" {
			t.Fatalf("failed row %+v", failed)
		}
		if err := b.Retry(ctx, coordinator, sent.ID); !errors.Is(err, ErrNotFailed) {
			t.Errorf("retry of a sent message: %v", err)
		}
		if err := b.Retry(ctx, coordinator, failed.ID+100); !errors.Is(err, ErrNotFound) {
			t.Errorf("retry of an unknown message: %v", err)
		}
		// A nameless actor is refused by the audit log: nothing changes.
		if err := b.Retry(ctx, audit.Actor{ID: 9}, failed.ID); err == nil {
			t.Fatal("retry by a nameless actor succeeded")
		}
		if m := f.messages(t, gone)[0]; m.State != StateFailed || m.Recipient != "" {
			t.Fatalf("refused retry changed the row: %+v", m)
		}

		*f.now = start.Add(time.Hour)
		if err := b.Retry(ctx, coordinator, failed.ID); err != nil {
			t.Fatal(err)
		}
		m := f.messages(t, gone)[0]
		if m.State != StatePending || m.Recipient != "gone@example.vn" || !m.NextAttempt.Equal(*f.now) || m.MessageID != failed.MessageID {
			t.Fatalf("after retry: %+v", m)
		}
		if err := b.Retry(ctx, coordinator, failed.ID); !errors.Is(err, ErrNotFailed) {
			t.Errorf("second retry: %v", err)
		}
		entries, err := audit.NewStore(d).List(ctx, audit.Filter{ObjectType: AuditObject, ObjectID: strconv.FormatInt(failed.ID, 10)})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit: %+v %v", entries, err)
		}
		e := entries[0]
		if e.Action != ActionRetry || e.Actor != coordinator || e.Note != gone.Code ||
			!strings.Contains(string(e.Before), `"state":"failed"`) || !strings.Contains(string(e.After), `"state":"pending"`) {
			t.Errorf("audit entry %+v before %s after %s", e, e.Before, e.After)
		}
		if strings.Contains(string(e.Before)+string(e.After), "gone@") {
			t.Error("the audit entry holds the address")
		}

		// The server accepts the address now: the next sweep sends it.
		srv.stop()
		srv2 := startFakeSMTP(t, "127.0.0.1:0")
		cfg.Addr = srv2.addr()
		if res, err := f.deliverer(cfg).Deliver(ctx); err != nil || res.Sent != 1 {
			t.Fatalf("deliver after retry: %+v %v", res, err)
		}
		if msgs := srv2.messages(); len(msgs) != 1 || msgs[0].To != "gone@example.vn" {
			t.Errorf("delivered %+v", msgs)
		}
		if m := f.messages(t, gone)[0]; m.State != StateSent || m.Recipient != "" {
			t.Errorf("after delivery: %+v", m)
		}
	})
}

// TestRetryWithoutAddress refuses a retry when the case holds no address
// any more.
func TestRetryWithoutAddress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		c := f.open(t, "gone@example.vn")
		srv := startFakeSMTP(t, "127.0.0.1:0", "gone@example.vn")
		cfg := Config{Addr: srv.addr(), From: "no-reply@loa.gov.vn", Timeout: 5 * time.Second}
		if _, err := f.deliverer(cfg).Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		m := f.messages(t, c)[0]
		// The case's address is gone (no store method erases it yet, so
		// the test does it by hand).
		if _, err := d.Exec(ctx, "UPDATE cases SET contact_email = '' WHERE id = ?", c.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.board(cfg).Retry(ctx, coordinator, m.ID); !errors.Is(err, ErrNoRecipient) {
			t.Errorf("retry without an address: %v", err)
		}
		if got := f.messages(t, c)[0]; got.State != StateFailed {
			t.Errorf("row after refused retry: %+v", got)
		}
	})
}
