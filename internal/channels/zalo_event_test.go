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
		body := `{"event_name":"` + event + `","timestamp":"1","sender":{"id":"42"},"recipient":{"id":"oa"},` +
			`"message":{"msg_id":"m-` + event + `","attachments":[{"type":"x","payload":{"url":"https://zalo.example/secret.jpg"}}]}}`
		msgs, err := ParseZalo([]byte(body))
		want := Message{Channel: Zalo, EventID: "m-" + event, UserID: "42", Kind: KindMedia}
		if err != nil || len(msgs) != 1 || msgs[0] != want {
			t.Errorf("%s: %+v, %v; want %+v", event, msgs, err, want)
		}
		// With words (a caption, the text around a link) it is a question.
		withText := strings.Replace(body, `"message":{`, `"message":{"text":"hồ sơ này nộp ở đâu?",`, 1)
		msgs, err = ParseZalo([]byte(withText))
		want.Kind, want.Text = KindText, "hồ sơ này nộp ở đâu?"
		if err != nil || len(msgs) != 1 || msgs[0] != want {
			t.Errorf("%s with text: %+v, %v", event, msgs, err)
		}
	}
}
