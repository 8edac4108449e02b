package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestMessengerWebhook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		url := ts.URL + "/webhooks/messenger"

		// The subscription check echoes the challenge only for our token.
		status, body, _ := get(t, ts, "/webhooks/messenger?hub.mode=subscribe&hub.verify_token="+testFBVerify+"&hub.challenge=1158201444")
		if status != 200 || body != "1158201444" {
			t.Fatalf("verify: %d %q", status, body)
		}
		if status, _, _ := get(t, ts, "/webhooks/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"); status != 403 {
			t.Fatalf("wrong verify token: %d", status)
		}

		event := messengerEvent("PSID-1", "mid.1", "dang ky khai sinh cho con can giay to gi")
		// Unsigned, wrongly signed and SHA-1 signed calls change nothing.
		for name, h := range map[string]map[string]string{
			"unsigned":    nil,
			"wrong key":   {"X-Hub-Signature-256": channels.MessengerSignature("guess", event)},
			"sha1 header": {"X-Hub-Signature": "sha1=" + strings.Repeat("0", 40)},
		} {
			if status, resp := postWebhook(t, url, event, h); status != 401 {
				t.Errorf("%s: %d %s", name, status, resp)
			}
		}
		time.Sleep(1500 * time.Millisecond)
		assertNothingStored(t, d)

		sig := map[string]string{"X-Hub-Signature-256": channels.MessengerSignature(testFBAppSecret, event)}
		if status, resp := postWebhook(t, url, event, sig); status != 200 {
			t.Fatalf("signed: %d %s", status, resp)
		}
		first := waitSent(t, f.graph.Sent, "PSID-1", 1)
		if !strings.Contains(first[0].Text, testBaseURL+"/dich-vu/dang-ky-khai-sinh") {
			t.Fatalf("answer without its source:\n%s", first[0].Text)
		}
		follow := messengerEvent("PSID-1", "mid.2", "mất bao lâu?")
		if status, _ := postWebhook(t, url, follow, map[string]string{"X-Hub-Signature-256": channels.MessengerSignature(testFBAppSecret, follow)}); status != 200 {
			t.Fatal("follow-up refused")
		}
		both := waitSent(t, f.graph.Sent, "PSID-1", 2)
		if !strings.Contains(both[1].Text, "/dich-vu/dang-ky-khai-sinh") || !strings.Contains(both[1].Text, "Mất bao lâu") {
			t.Fatalf("follow-up:\n%s", both[1].Text)
		}
		// The echo and the read receipt in the batches were not answered.
		time.Sleep(500 * time.Millisecond)
		if n := len(f.graph.Sent()); n != 2 {
			t.Fatalf("%d messages sent, want 2", n)
		}

		// Asking for a person: the handoff gives the case code and hotline.
		h := messengerEvent("PSID-2", "mid.3", "tôi muốn gặp cán bộ để được hướng dẫn")
		if status, _ := postWebhook(t, url, h, map[string]string{"X-Hub-Signature-256": channels.MessengerSignature(testFBAppSecret, h)}); status != 200 {
			t.Fatal("handoff refused")
		}
		reply := joinTexts(waitSent(t, f.graph.Sent, "PSID-2", 1))
		if !strings.Contains(reply, testBaseURL+"/phan-anh/") || !strings.Contains(reply, "1800 1096") {
			t.Fatalf("handoff reply:\n%s", reply)
		}
	})
}
