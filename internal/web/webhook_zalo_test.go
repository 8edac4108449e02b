package web_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/chattest"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestZaloWebhookRejectsUnsignedCalls(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		url := ts.URL + "/webhooks/zalo"
		body, sig := zaloEvent("2468", "z1", "làm căn cước cần gì")
		other, _ := zaloEvent("2468", "z2", "làm hộ chiếu")
		wrongKey := channels.ZaloSignature(testZaloApp, body, "0", "not-the-secret")
		for name, h := range map[string]map[string]string{
			"unsigned":           nil,
			"empty signature":    {"X-ZEvent-Signature": ""},
			"wrong key":          {"X-ZEvent-Signature": wrongKey},
			"another body's mac": {"X-ZEvent-Signature": sig, "X-Test-Body": "other"},
			"garbage":            {"X-ZEvent-Signature": "mac=zz"},
		} {
			b := body
			if h["X-Test-Body"] != "" {
				b = other
			}
			if status, resp := postWebhook(t, url, b, h); status != 401 || !strings.Contains(resp, "signature") {
				t.Errorf("%s: %d %s", name, status, resp)
			}
		}
		// A signed body that is not JSON is refused too, after the check.
		if status, _ := postWebhook(t, url, []byte("{"), map[string]string{
			"X-ZEvent-Signature": channels.ZaloSignature(testZaloApp, []byte("{"), "", testZaloOASecret)}); status != 400 {
			t.Errorf("signed garbage: %d", status)
		}
		if status, _ := postWebhook(t, url, bytes.Repeat([]byte("x"), 70<<10), map[string]string{"X-ZEvent-Signature": sig}); status != 413 {
			t.Errorf("oversized body: %d", status)
		}
		time.Sleep(1500 * time.Millisecond) // a queued job would have started by now
		assertNothingStored(t, d)
		if len(f.zalo.Sent()) != 0 {
			t.Fatal("replied to an unsigned call")
		}
	})
}

func TestZaloWebhookAnswersAndFollowsUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		url := ts.URL + "/webhooks/zalo"
		body, sig := zaloEvent("2468", "z1", "dang ky khai sinh cho con can giay to gi")
		start := time.Now()
		status, resp := postWebhook(t, url, body, map[string]string{"X-ZEvent-Signature": sig})
		if status != 200 {
			t.Fatalf("signed event: %d %s", status, resp)
		}
		t.Logf("webhook answered in %v", time.Since(start))
		// Zalo delivers again when unsure: the event is answered once.
		if status, _ := postWebhook(t, url, body, map[string]string{"X-ZEvent-Signature": sig}); status != 200 {
			t.Fatalf("redelivery: %d", status)
		}
		first := waitSent(t, f.zalo.Sent, "2468", 1)
		link := testBaseURL + "/dich-vu/dang-ky-khai-sinh"
		if !strings.Contains(first[0].Text, link) || strings.Contains(first[0].Text, "<") {
			t.Fatalf("answer without its absolute source link, or with markup:\n%s", first[0].Text)
		}
		// The follow-up is about the same service.
		body, sig = zaloEvent("2468", "z2", "mất bao lâu?")
		if status, _ := postWebhook(t, url, body, map[string]string{"X-ZEvent-Signature": sig}); status != 200 {
			t.Fatalf("follow-up: %d", status)
		}
		both := waitSent(t, f.zalo.Sent, "2468", 2)
		if !strings.Contains(both[1].Text, link) || !strings.Contains(both[1].Text, "Mất bao lâu") {
			t.Fatalf("follow-up answer not about the same service:\n%s", both[1].Text)
		}
		time.Sleep(500 * time.Millisecond)
		if n := len(waitSent(t, f.zalo.Sent, "2468", 2)); n != 2 {
			t.Fatalf("%d replies for 2 messages (one delivered twice)", n)
		}
		// One conversation, on the zalo channel, keyed without the user id.
		if n := countRows(t, d, "assistant_conversations", "channel = 'zalo'"); n != 1 {
			t.Fatalf("%d zalo conversations", n)
		}
		if n := countRows(t, d, "channel_users", "user_key = '2468'"); n != 0 {
			t.Fatal("raw Zalo user id stored as key")
		}
		if n := countRows(t, d, "channel_messages", "recipient <> '' OR question <> ''"); n != 0 {
			t.Fatalf("%d answered messages keep the user's id or text", n)
		}
	})
}

// A visitor who chats with the OA without following it (its chat plugin
// on a ministry's site) is answered at {"anonymous_id", "conversation_id"},
// in a conversation of their own; a follower still at {"user_id"}.
func TestZaloWebhookAnswersAnonymousVisitors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		url := ts.URL + "/webhooks/zalo"
		postZalo := func(body []byte, sig string) {
			t.Helper()
			if status, resp := postWebhook(t, url, body, map[string]string{channels.ZaloSignatureHeader: sig}); status != 200 {
				t.Fatalf("signed event: %d %s", status, resp)
			}
		}
		question := "dang ky khai sinh cho con can giay to gi"
		postZalo(chattest.ZaloAnonymousEvent(testZaloApp, testZaloOASecret, "anonymous_send_text", "anon-7", "conv-9", "an1", question))
		postZalo(chattest.ZaloAnonymousEvent(testZaloApp, testZaloOASecret, "anonymous_send_text", "anon-8", "conv-10", "an2", question))
		postZalo(zaloEvent("2468", "z1", question))
		// Neither an event without its conversation nor the OA's echo is
		// stored or answered.
		postZalo(chattest.ZaloAnonymousEvent(testZaloApp, testZaloOASecret, "anonymous_send_text", "anon-9", "", "an3", question))
		postZalo(chattest.ZaloAnonymousEvent(testZaloApp, testZaloOASecret, "oa_send_anonymous_text", "oa-1", "conv-9", "an4", "Xin chào"))

		// Anonymous replies are waited for under "anonymous id/conversation id".
		sent := func() []chattest.Sent {
			var out []chattest.Sent
			for _, s := range f.zalo.Sent() {
				if s.AnonymousID != "" {
					s.UserID = s.AnonymousID + "/" + s.ConversationID
				}
				out = append(out, s)
			}
			return out
		}
		link := testBaseURL + "/dich-vu/dang-ky-khai-sinh"
		for _, to := range []string{"anon-7/conv-9", "anon-8/conv-10", "2468"} {
			got := waitSent(t, sent, to, 1)
			if !strings.Contains(got[0].Text, link) {
				t.Fatalf("%s: answer without its source link:\n%s", to, got[0].Text)
			}
		}
		time.Sleep(1500 * time.Millisecond) // a reply to the dropped events would have gone by now
		all := f.zalo.Sent()
		if len(all) != 3 {
			t.Fatalf("%d replies, want 3: %+v", len(all), all)
		}
		for _, s := range all {
			if anonymous := s.AnonymousID != ""; anonymous == (s.UserID != "") || anonymous != (s.ConversationID != "") ||
				!anonymous && s.UserID != "2468" {
				t.Fatalf("reply to a mixed or wrong recipient: %+v", s)
			}
		}
		// Three users, three conversations; nothing stored of the dropped
		// events, and no address kept after delivery.
		if n := countRows(t, d, "assistant_conversations", "channel = 'zalo'"); n != 3 {
			t.Fatalf("%d zalo conversations, want 3", n)
		}
		if n := countRows(t, d, "channel_messages", ""); n != 3 {
			t.Fatalf("%d messages stored, want 3", n)
		}
		if n := countRows(t, d, "channel_messages", "recipient <> '' OR question <> ''"); n != 0 {
			t.Fatalf("%d answered messages keep the address or text", n)
		}
	})
}

func TestZaloExpiredTokenRefreshedOnceUnderLoad(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		f.zalo.RefreshDelay = 100 * time.Millisecond
		f.zalo.Expire() // Zalo now answers -216 to access-0
		var wg sync.WaitGroup
		users := 6
		for i := range users {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body, sig := zaloEvent(fmt.Sprint(9000+i), fmt.Sprint("e", i), "làm hộ chiếu ở đâu")
				if status, resp := postWebhook(t, ts.URL+"/webhooks/zalo", body, map[string]string{"X-ZEvent-Signature": sig}); status != 200 {
					t.Errorf("user %d: %d %s", i, status, resp)
				}
			}()
		}
		wg.Wait()
		for i := range users {
			waitSent(t, f.zalo.Sent, fmt.Sprint(9000+i), 1)
		}
		if n := f.zalo.Refreshes(); n != 1 {
			t.Fatalf("%d token refreshes for %d concurrent replies, want 1", n, users)
		}
		var stored string
		if err := d.QueryRow(context.Background(), `SELECT refresh_token FROM channel_tokens WHERE name = ?`, "zalo:"+testZaloApp).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != f.zalo.RefreshToken() {
			t.Fatalf("stored refresh token %q, Zalo's current one %q", stored, f.zalo.RefreshToken())
		}
	})
}

func TestChannelWebhooksOffWithoutConfiguration(t *testing.T) {
	d := dbtest.SQLite(t)
	ts, _ := newSiteApp(t, d)
	body, sig := zaloEvent("1", "x", "hi")
	if status, _ := postWebhook(t, ts.URL+"/webhooks/zalo", body, map[string]string{"X-ZEvent-Signature": sig}); status != 404 {
		t.Errorf("zalo off: %d", status)
	}
	if status, _ := postWebhook(t, ts.URL+"/webhooks/messenger", []byte("{}"), nil); status != 404 {
		t.Errorf("messenger off: %d", status)
	}
	if status, _, _ := get(t, ts, "/webhooks/messenger?hub.mode=subscribe&hub.verify_token=&hub.challenge=1"); status != 404 {
		t.Errorf("messenger verify off: %d", status)
	}
}
