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
	want := Message{Channel: Zalo, EventID: "abc", UserID: "2468", Text: "làm căn cước"}
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("ParseZalo = %+v, want %+v", msgs, want)
	}
	for name, body := range map[string]string{
		"follow":       `{"event_name":"follow","follower":{"id":"1"},"timestamp":"1"}`,
		"image":        `{"event_name":"user_send_image","sender":{"id":"1"},"message":{"msg_id":"x","attachments":[]},"timestamp":"1"}`,
		"OA's own":     `{"event_name":"oa_send_text","sender":{"id":"oa"},"recipient":{"id":"1"},"message":{"text":"hi","msg_id":"y"}}`,
		"blank text":   `{"event_name":"user_send_text","sender":{"id":"1"},"message":{"text":"  ","msg_id":"z"}}`,
		"no sender id": `{"event_name":"user_send_text","sender":{},"message":{"text":"hi","msg_id":"z"}}`,
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
