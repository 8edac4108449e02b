package channels

import (
	"strings"
	"testing"
)

func TestParseZalo(t *testing.T) {
	msgs, err := ParseZalo([]byte(zaloVectorBody))
	if err != nil {
		t.Fatal(err)
	}
	want := Message{Channel: Zalo, EventID: "abc", UserID: "2468", Kind: KindText, Text: "làm căn cước"}
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("ParseZalo = %+v, want %+v", msgs, want)
	}
	for name, body := range map[string]string{
		"follow":       `{"event_name":"follow","follower":{"id":"1"},"timestamp":"1"}`,
		"OA's own":     `{"event_name":"oa_send_text","sender":{"id":"oa"},"recipient":{"id":"1"},"message":{"text":"hi","msg_id":"y"}}`,
		"OA's image":   `{"event_name":"oa_send_image","sender":{"id":"oa"},"recipient":{"id":"1"},"message":{"msg_id":"y","attachments":[{"type":"image"}]}}`,
		"group image":  `{"event_name":"user_send_group_image","sender":{"id":"1"},"message":{"msg_id":"g","attachments":[{"type":"image"}]}}`,
		"seen":         `{"event_name":"user_seen_message","sender":{"id":"1"},"message":{"msg_ids":["x"]}}`,
		"blank text":   `{"event_name":"user_send_text","sender":{"id":"1"},"message":{"text":"  ","msg_id":"z"}}`,
		"no sender id": `{"event_name":"user_send_text","sender":{},"message":{"text":"hi","msg_id":"z"}}`,
		"media, no id": `{"event_name":"user_send_image","sender":{},"message":{"msg_id":"z"}}`,
	} {
		msgs, err := ParseZalo([]byte(body))
		if err != nil || len(msgs) != 0 {
			t.Errorf("%s: %+v, %v", name, msgs, err)
		}
	}
	if _, err := ParseZalo([]byte(`{"event_name":`)); err == nil {
		t.Error("truncated JSON accepted")
	}
	// Without a msg_id, the body itself identifies the event.
	body := `{"event_name":"user_send_text","sender":{"id":"1"},"message":{"text":"hi"},"timestamp":"5"}`
	a, _ := ParseZalo([]byte(body))
	b, _ := ParseZalo([]byte(strings.Replace(body, `"5"`, `"6"`, 1)))
	if len(a) != 1 || len(b) != 1 || a[0].EventID == "" || a[0].EventID == b[0].EventID {
		t.Fatalf("body ids: %+v %+v", a, b)
	}
}

func TestParseZaloMedia(t *testing.T) {
	for _, event := range []string{"user_send_image", "user_send_gif", "user_send_sticker", "user_send_audio",
		"user_send_video", "user_send_file", "user_send_location", "user_send_link", "user_send_business_card"} {
		checkZaloMedia(t, event, "42", "")
	}
}

// checkZaloMedia checks that a media event from sender (in conversation
// conv, for an anonymous visitor) is a message of KindMedia, and a
// question when it carries words (a caption, the text around a link).
func checkZaloMedia(t *testing.T, event, sender, conv string) {
	t.Helper()
	message := `"msg_id":"m-` + event + `",`
	if conv != "" {
		message += `"conversation_id":"` + conv + `",`
	}
	body := `{"event_name":"` + event + `","timestamp":"1","sender":{"id":"` + sender + `"},"recipient":{"id":"oa"},` +
		`"message":{` + message + `"attachments":[{"type":"x","payload":{"url":"https://zalo.example/secret.jpg"}}]}}`
	msgs, err := ParseZalo([]byte(body))
	want := Message{Channel: Zalo, EventID: "m-" + event, UserID: sender, ZaloConversationID: conv, Kind: KindMedia}
	if err != nil || len(msgs) != 1 || msgs[0] != want {
		t.Errorf("%s: %+v, %v; want %+v", event, msgs, err, want)
	}
	withText := strings.Replace(body, `"message":{`, `"message":{"text":"hồ sơ này nộp ở đâu?",`, 1)
	msgs, err = ParseZalo([]byte(withText))
	want.Kind, want.Text = KindText, "hồ sơ này nộp ở đâu?"
	if err != nil || len(msgs) != 1 || msgs[0] != want {
		t.Errorf("%s with text: %+v, %v", event, msgs, err)
	}
}

// An anonymous visitor (who chats with the OA without following it) is
// read like a follower, with the conversation the reply is addressed to.
func TestParseZaloAnonymous(t *testing.T) {
	text := `{"app_id":"1","event_name":"anonymous_send_text","timestamp":"1","sender":{"id":"anon-7"},"recipient":{"id":"oa"},` +
		`"message":{"msg_id":"a1","text":"làm hộ chiếu ở đâu","conversation_id":"conv-9"}}`
	msgs, err := ParseZalo([]byte(text))
	want := Message{Channel: Zalo, EventID: "a1", UserID: "anon-7", ZaloConversationID: "conv-9", Kind: KindText, Text: "làm hộ chiếu ở đâu"}
	if err != nil || len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("anonymous text: %+v, %v; want %+v", msgs, err, want)
	}
	for _, event := range []string{"anonymous_send_image", "anonymous_send_gif", "anonymous_send_sticker", "anonymous_send_audio",
		"anonymous_send_video", "anonymous_send_file", "anonymous_send_location", "anonymous_send_link"} {
		checkZaloMedia(t, event, "anon-7", "conv-9")
	}
	for name, body := range map[string]string{
		// Unanswerable: Zalo addresses the reply by the conversation too.
		"text without conversation": `{"event_name":"anonymous_send_text","sender":{"id":"anon-7"},"message":{"msg_id":"a","text":"hi"}}`,
		"image without conversation": `{"event_name":"anonymous_send_image","sender":{"id":"anon-7"},` +
			`"message":{"msg_id":"a","attachments":[{"type":"image"}]}}`,
		"empty conversation": `{"event_name":"anonymous_send_text","sender":{"id":"anon-7"},"message":{"msg_id":"a","text":"hi","conversation_id":""}}`,
		"OA's echo": `{"event_name":"oa_send_anonymous_text","sender":{"id":"oa"},"recipient":{"id":"anon-7"},` +
			`"message":{"msg_id":"e","text":"Xin chào","conversation_id":"conv-9"}}`,
		"OA's image echo": `{"event_name":"oa_send_anonymous_image","sender":{"id":"oa"},"recipient":{"id":"anon-7"},` +
			`"message":{"msg_id":"e","conversation_id":"conv-9","attachments":[{"type":"image"}]}}`,
		"blank text":   `{"event_name":"anonymous_send_text","sender":{"id":"anon-7"},"message":{"msg_id":"a","text":" ","conversation_id":"c"}}`,
		"no sender id": `{"event_name":"anonymous_send_text","sender":{},"message":{"msg_id":"a","text":"hi","conversation_id":"c"}}`,
		// A follower's id never reads as an anonymous visitor's address.
		"follower id like an address": `{"event_name":"user_send_text","sender":{"id":"zalo-anonymous:a:c"},"message":{"msg_id":"a","text":"hi"}}`,
	} {
		msgs, err := ParseZalo([]byte(body))
		if err != nil || len(msgs) != 0 {
			t.Errorf("%s: %+v, %v", name, msgs, err)
		}
	}
	// A follower's conversation_id, should Zalo send one, is not read.
	msgs, err = ParseZalo([]byte(`{"event_name":"user_send_text","sender":{"id":"2468"},"message":{"msg_id":"f","text":"hi","conversation_id":"c"}}`))
	if err != nil || len(msgs) != 1 || msgs[0].ZaloConversationID != "" || msgs[0].Recipient() != "2468" {
		t.Fatalf("follower: %+v, %v", msgs, err)
	}
}
