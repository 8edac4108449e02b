package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/chattest"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// A photo, sticker or voice message gets one notice asking for the
// question in words, however often the platform delivers it; media with
// words is answered as the words; nothing of the media is stored.
func TestChannelMediaGetsOneNotice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		zaloURL, fbURL := ts.URL+"/webhooks/zalo", ts.URL+"/webhooks/messenger"
		postZalo := func(body []byte, sig string) {
			t.Helper()
			if status, resp := postWebhook(t, zaloURL, body, map[string]string{channels.ZaloSignatureHeader: sig}); status != 200 {
				t.Fatalf("zalo: %d %s", status, resp)
			}
		}
		postFB := func(events ...map[string]any) {
			t.Helper()
			body, sig := chattest.MessengerWebhook(testFBAppSecret, events...)
			if status, resp := postWebhook(t, fbURL, body, map[string]string{channels.MessengerSignatureHeader: sig}); status != 200 {
				t.Fatalf("messenger: %d %s", status, resp)
			}
		}

		img, sig := chattest.ZaloEvent(testZaloApp, testZaloOASecret, "user_send_image", "3001", "zi-1", "")
		postZalo(img, sig)
		postZalo(img, sig) // Zalo unsure, delivers again
		voice, vsig := chattest.ZaloEvent(testZaloApp, testZaloOASecret, "user_send_audio", "3003", "za-1", "")
		postZalo(voice, vsig)
		caption, csig := chattest.ZaloEvent(testZaloApp, testZaloOASecret, "user_send_image", "3002", "zi-2",
			"dang ky khai sinh cho con can giay to gi")
		postZalo(caption, csig)
		postFB(chattest.MessengerSticker("PSID-M1", "mid.m1"),
			chattest.MessengerAttachment("PSID-M2", "mid.m2", "fallback", "đăng ký khai sinh cho con cần giấy tờ gì https://dichvucong.gov.vn"))
		postFB(chattest.MessengerAttachment("PSID-M3", "mid.m3", "location", ""))

		for _, user := range []string{"3001", "3003"} {
			if got := waitSent(t, f.zalo.Sent, user, 1); got[0].Text != channels.MediaNotice {
				t.Fatalf("zalo %s: %q", user, got[0].Text)
			}
		}
		for _, user := range []string{"PSID-M1", "PSID-M3"} {
			if got := waitSent(t, f.graph.Sent, user, 1); got[0].Text != channels.MediaNotice || got[0].QuickReplies != nil {
				t.Fatalf("messenger %s: %+v", user, got[0])
			}
		}
		link := testBaseURL + "/dich-vu/dang-ky-khai-sinh"
		if got := waitSent(t, f.zalo.Sent, "3002", 1); !strings.Contains(joinTexts(got), link) {
			t.Fatalf("a captioned photo was not answered as its caption:\n%s", joinTexts(got))
		}
		if got := waitSent(t, f.graph.Sent, "PSID-M2", 1); !strings.Contains(joinTexts(got), link) {
			t.Fatalf("a shared link with words was not answered as the words:\n%s", joinTexts(got))
		}
		time.Sleep(500 * time.Millisecond)
		if n := len(waitSent(t, f.zalo.Sent, "3001", 1)); n != 1 {
			t.Fatalf("%d notices for one photo delivered twice", n)
		}
		// Media rows hold no content, and no media address was kept anywhere.
		if n := countRows(t, d, "channel_messages", "kind = 'media'"); n != 4 {
			t.Fatalf("%d media messages stored, want 4", n)
		}
		if n := countRows(t, d, "channel_messages", "question <> '' OR reply <> '' OR recipient <> ''"); n != 0 {
			t.Fatalf("%d messages keep content after delivery", n)
		}
		for _, table := range []string{"channel_messages", "assistant_turns"} {
			if n := countRows(t, d, table, "question LIKE '%zalo.example%' OR question LIKE '%scontent.example%'"); n != 0 {
				t.Fatalf("%s keeps a media address", table)
			}
		}
	})
}
