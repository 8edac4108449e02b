package chattest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/channels"
)

// The fake webhooks are signed as the platforms sign: the server's own
// verification accepts them, and refuses them under another secret.
func TestWebhooksAreSignedAsThePlatformsSign(t *testing.T) {
	for event := range zaloAttachments {
		body, sig := ZaloEvent("app-1", "oa-secret", event, "2468", "m1", "")
		if err := channels.VerifyZalo("app-1", "oa-secret", body, sig); err != nil {
			t.Errorf("%s: %v", event, err)
		}
		if err := channels.VerifyZalo("app-1", "other", body, sig); err == nil {
			t.Errorf("%s verified under another secret", event)
		}
		msgs, err := channels.ParseZalo(body)
		if err != nil || len(msgs) != 1 || msgs[0].Kind != channels.KindMedia || msgs[0].UserID != "2468" {
			t.Errorf("%s parsed as %+v, %v", event, msgs, err)
		}
	}
	for _, event := range []string{"anonymous_send_text", "anonymous_send_image", "anonymous_send_file", "anonymous_send_sticker"} {
		body, sig := ZaloAnonymousEvent("app-1", "oa-secret", event, "anon-7", "conv-9", "a1", "")
		if event == "anonymous_send_text" {
			body, sig = ZaloAnonymousEvent("app-1", "oa-secret", event, "anon-7", "conv-9", "a1", "làm hộ chiếu")
		}
		msgs, err := channels.ParseZalo(body)
		if channels.VerifyZalo("app-1", "oa-secret", body, sig) != nil || err != nil || len(msgs) != 1 ||
			msgs[0].UserID != "anon-7" || msgs[0].ZaloConversationID != "conv-9" {
			t.Errorf("%s: %+v, %v", event, msgs, err)
		}
	}
	body, sig := ZaloEvent("app-1", "oa-secret", "user_send_text", "2468", "m2", "làm hộ chiếu")
	if msgs, err := channels.ParseZalo(body); channels.VerifyZalo("app-1", "oa-secret", body, sig) != nil || err != nil ||
		len(msgs) != 1 || msgs[0].Text != "làm hộ chiếu" {
		t.Errorf("text event: %+v, %v", msgs, err)
	}

	body, sig = MessengerWebhook("fb-secret",
		MessengerText("P1", "m1", "xin chào"),
		MessengerAttachment("P1", "m2", "image", ""),
		MessengerAttachment("P1", "m3", "fallback", "https://dichvucong.gov.vn"),
		MessengerSticker("P1", "m4"),
		MessengerPostback("P1", "m5", "Khai sinh", channels.ChoicePayload("dang-ky-khai-sinh")))
	if err := channels.VerifyMessenger("fb-secret", body, sig); err != nil {
		t.Fatal(err)
	}
	if channels.VerifyMessenger("other", body, sig) == nil {
		t.Fatal("verified under another secret")
	}
	msgs, err := channels.ParseMessenger(body)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, m := range msgs {
		kinds = append(kinds, m.Kind)
	}
	if strings.Join(kinds, " ") != "text media text media choice" {
		t.Fatalf("kinds %v of %+v", kinds, msgs)
	}
}

func TestGraphChecksQuickRepliesAndTaps(t *testing.T) {
	rec := &recordTB{}
	g := NewGraph(rec, "v21.0", "page")
	send := func(quickReplies string) int {
		return postTo(t, g.URL+"/v21.0/me/messages?access_token=page", "application/json",
			`{"recipient":{"id":"p1"},"messaging_type":"RESPONSE","message":{"text":"Chọn:","quick_replies":`+quickReplies+`}}`)
	}
	if s := send(`[{"content_type":"text","title":"1. Khai sinh","payload":"LOA_OPTION:a"}]`); s != 200 {
		t.Fatalf("good quick reply: %d", s)
	}
	tap, ok := g.Tap("p1", 1)
	if !ok {
		t.Fatal("no tap")
	}
	b, _ := json.Marshal(tap)
	if !strings.Contains(string(b), `"quick_reply":{"payload":"LOA_OPTION:a"}`) || !strings.Contains(string(b), `"text":"1. Khai sinh"`) {
		t.Fatalf("tap %s", b)
	}
	if _, ok := g.Tap("p1", 2); ok {
		t.Fatal("tapped a button that was not sent")
	}
	if _, ok := g.Tap("nobody", 1); ok {
		t.Fatal("tapped for a user who got nothing")
	}
	if len(rec.errs) != 0 {
		t.Fatalf("problems before any bad request: %v", rec.errs)
	}
	if s := send(`[{"content_type":"text","title":"1. Một tiêu đề quá dài cho nút","payload":"x"}]`); s != http.StatusBadRequest {
		t.Fatalf("long title: %d", s)
	}
	if s := send(`[{"content_type":"text","title":"x","payload":""}]`); s != http.StatusBadRequest {
		t.Fatalf("empty payload: %d", s)
	}
	errs := strings.Join(rec.finish(), "\n")
	for _, want := range []string{"title of 30 characters", "payload of 0"} {
		if !strings.Contains(errs, want) {
			t.Errorf("reported %q, want %q", errs, want)
		}
	}
}
