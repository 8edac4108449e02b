package web_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/chattest"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// clarifyQuestion is a question the demo catalogue answers with a
// clarifying question (two or three services close).
const clarifyQuestion = "tôi mới nghỉ việc, đóng bảo hiểm xã hội được 6 năm, giờ lãnh được tiền gì"

// On Messenger a clarifying question comes with quick replies; a tap, or a
// postback carrying the same payload, answers about that service and puts
// the conversation on it.
func TestMessengerQuickRepliesAndPostbacks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		url := ts.URL + "/webhooks/messenger"
		post := func(events ...map[string]any) []byte {
			t.Helper()
			body, sig := chattest.MessengerWebhook(testFBAppSecret, events...)
			if status, resp := postWebhook(t, url, body, map[string]string{channels.MessengerSignatureHeader: sig}); status != 200 {
				t.Fatalf("messenger: %d %s", status, resp)
			}
			return body
		}
		const user = "PSID-Q"
		post(chattest.MessengerText(user, "mid.q1", clarifyQuestion))
		ask := waitSent(t, f.graph.Sent, user, 1)[0]
		if len(ask.QuickReplies) < 2 || !strings.Contains(ask.Text, "\n1. ") || !strings.Contains(ask.Text, "\n2. ") {
			t.Fatalf("clarifying question without its options:\n%+v", ask)
		}
		var slugs []string
		for i, q := range ask.QuickReplies {
			slug, ok := channels.ChoiceSlug(q.Payload)
			if !ok || utf8.RuneCountInString(q.Title) > 20 || !strings.HasPrefix(q.Title, string(rune('1'+i))+". ") {
				t.Fatalf("quick reply %d: %+v", i+1, q)
			}
			slugs = append(slugs, slug)
		}

		// Tapping the last button answers about the last service.
		last := len(ask.QuickReplies)
		picked := slugs[last-1]
		tap, ok := f.graph.Tap(user, last)
		if !ok {
			t.Fatal("no last button")
		}
		tapBody := post(tap)
		answer := waitSent(t, f.graph.Sent, user, 2)[1]
		if !strings.Contains(answer.Text, testBaseURL+"/dich-vu/"+picked) || answer.QuickReplies != nil {
			t.Fatalf("answer to the tap on %s:\n%+v", picked, answer)
		}
		// Redelivered, the tap is not answered twice; and the conversation
		// is now about that service.
		if status, _ := postWebhook(t, url, tapBody, map[string]string{
			channels.MessengerSignatureHeader: channels.MessengerSignature(testFBAppSecret, tapBody)}); status != 200 {
			t.Fatal("redelivery refused")
		}
		post(chattest.MessengerText(user, "mid.q2", "lệ phí bao nhiêu?"))
		follow := waitSent(t, f.graph.Sent, user, 3)[2]
		if !strings.Contains(follow.Text, testBaseURL+"/dich-vu/"+picked) {
			t.Fatalf("follow-up not about %s:\n%s", picked, follow.Text)
		}

		// A postback with the payload of the first option (a button, or a
		// tap Meta sends as a postback) picks the first. A second citizen
		// asks: in the first one's conversation the same question is now
		// answered about the service in context.
		const user2 = "PSID-Q2"
		post(chattest.MessengerText(user2, "mid.q3", clarifyQuestion))
		again := waitSent(t, f.graph.Sent, user2, 1)[0]
		if len(again.QuickReplies) < 2 {
			t.Fatalf("second clarifying question: %+v", again)
		}
		post(chattest.MessengerPostback(user2, "mid.pb1", "Chọn", again.QuickReplies[0].Payload))
		if got := waitSent(t, f.graph.Sent, user2, 2)[1]; !strings.Contains(got.Text, testBaseURL+"/dich-vu/"+slugs[0]) {
			t.Fatalf("postback answer not about %s:\n%s", slugs[0], got.Text)
		}

		// Payloads are outside input: a slug never offered is refused
		// politely, a malformed one is read as the button's words, and
		// nothing breaks.
		post(chattest.MessengerPostback(user2, "mid.pb2", "Khác", channels.ChoicePayload("khong-co-thu-tuc-nay")))
		if got := waitSent(t, f.graph.Sent, user2, 3)[2]; !strings.Contains(got.Text, "gõ lại câu hỏi") {
			t.Fatalf("unknown slug:\n%s", got.Text)
		}
		post(chattest.MessengerPostback(user2, "mid.pb3", "Cách nấu phở", "LOA_OPTION:'; DROP TABLE channel_messages;--"))
		if got := waitSent(t, f.graph.Sent, user2, 4)[3]; !strings.Contains(got.Text, "ngoài phạm vi") {
			t.Fatalf("malformed payload:\n%s", got.Text)
		}
		// An unsigned tap changes nothing.
		tap2, _ := f.graph.Tap(user2, 1)
		forged, _ := chattest.MessengerWebhook("not-the-secret", tap2)
		if status, _ := postWebhook(t, url, forged, map[string]string{
			channels.MessengerSignatureHeader: channels.MessengerSignature("not-the-secret", forged)}); status != 401 {
			t.Fatalf("forged tap: %d", status)
		}
		time.Sleep(500 * time.Millisecond)
		if n := len(waitSent(t, f.graph.Sent, user, 3)) + len(waitSent(t, f.graph.Sent, user2, 4)); n != 7 {
			t.Fatalf("%d replies, want 7", n)
		}
		if n := countRows(t, d, "channel_messages", ""); n != 7 {
			t.Fatalf("%d messages stored, want 7 (the redelivery and the forgery not among them)", n)
		}
	})
}

// On Zalo the options are numbered lines; the user's "2" picks the second
// of the options stored for them, and the conversation goes on about it.
func TestZaloNumberPicksAnOption(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, f := newChannelApp(t, d)
		url := ts.URL + "/webhooks/zalo"
		post := func(user, id, text string) {
			t.Helper()
			body, sig := chattest.ZaloEvent(testZaloApp, testZaloOASecret, "user_send_text", user, id, text)
			if status, resp := postWebhook(t, url, body, map[string]string{channels.ZaloSignatureHeader: sig}); status != 200 {
				t.Fatalf("zalo: %d %s", status, resp)
			}
		}
		post("4001", "zq-1", clarifyQuestion)
		ask := waitSent(t, f.zalo.Sent, "4001", 1)[0]
		if !strings.Contains(ask.Text, "\n1. ") || !strings.Contains(ask.Text, "\n2. ") || !strings.Contains(ask.Text, "Nhắn số") {
			t.Fatalf("clarifying question not numbered:\n%s", ask.Text)
		}
		var stored string
		if err := d.QueryRow(context.Background(), `SELECT options FROM assistant_conversations WHERE channel = 'zalo'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		slugs := strings.Fields(stored)
		if len(slugs) < 2 {
			t.Fatalf("stored options %q", stored)
		}
		// Another user's "2" is theirs, not a pick of 4001's options.
		post("4002", "zq-2", "2")
		post("4001", "zq-3", "2")
		pick := waitSent(t, f.zalo.Sent, "4001", 2)[1]
		if !strings.Contains(pick.Text, testBaseURL+"/dich-vu/"+slugs[1]) {
			t.Fatalf("\"2\" did not pick %s:\n%s", slugs[1], pick.Text)
		}
		if other := waitSent(t, f.zalo.Sent, "4002", 1)[0]; strings.Contains(other.Text, "/dich-vu/"+slugs[1]) {
			t.Fatalf("another user's \"2\" picked 4001's option:\n%s", other.Text)
		}
		post("4001", "zq-4", "mất bao lâu?")
		if follow := waitSent(t, f.zalo.Sent, "4001", 3)[2]; !strings.Contains(follow.Text, testBaseURL+"/dich-vu/"+slugs[1]) {
			t.Fatalf("follow-up not about %s:\n%s", slugs[1], follow.Text)
		}
		// 4001's options are spent (4002's own, if the assistant asked them
		// back, are theirs).
		if n := countRows(t, d, "assistant_conversations", "options = ?", stored); n != 0 {
			t.Fatalf("4001's options still stored after the pick")
		}
	})
}
