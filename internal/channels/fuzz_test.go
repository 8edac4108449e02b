package channels

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/catalog"
)

// The webhook parsers read outside input (after the signature check, but a
// platform's bug or a leaked secret must not crash the server).
func FuzzParseZalo(f *testing.F) {
	f.Add([]byte(zaloVectorBody))
	f.Add([]byte(`{"event_name":"user_send_text","sender":{"id":1}}`))
	f.Add([]byte(`{"event_name":"user_send_sticker","sender":{"id":"1"},"message":{"msg_id":"s"}}`))
	f.Add([]byte(`{"event_name":"anonymous_send_text","sender":{"id":"a:1"},"message":{"msg_id":"t","text":"x","conversation_id":"c%2"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		msgs, err := ParseZalo(body)
		for _, m := range msgs {
			if err != nil || !wellFormed(m) {
				t.Fatalf("bad message %+v (%v)", m, err)
			}
			// The reply's address reads back as the sender.
			r, rerr := ParseZaloRecipient(m.Recipient())
			if rerr != nil || r != (ZaloRecipient{UserID: m.UserID}) && r != (ZaloRecipient{AnonymousID: m.UserID, ConversationID: m.ZaloConversationID}) ||
				r.Anonymous() != (m.ZaloConversationID != "") {
				t.Fatalf("address of %+v read as %+v (%v)", m, r, rerr)
			}
		}
		_ = VerifyZalo("1", "s", body, "mac=00")
	})
}

func FuzzParseMessenger(f *testing.F) {
	f.Add([]byte(messengerVectorBody))
	f.Add([]byte(`{"object":"page","entry":[{"messaging":[{"sender":{"id":"1"},"message":{"mid":"m","text":"x"}}]}]}`))
	f.Add([]byte(`{"object":"page","entry":[{"messaging":[{"sender":{"id":"1"},"message":{"mid":"m","attachments":[{"type":"image"}]}},` +
		`{"sender":{"id":"1"},"timestamp":"1","postback":{"title":"t","payload":"LOA_OPTION:a-b"}},` +
		`{"sender":{"id":"1"},"message":{"mid":"q","text":"1","quick_reply":{"payload":"LOA_OPTION:x"}}}]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		msgs, err := ParseMessenger(body)
		for _, m := range msgs {
			if err != nil || !wellFormed(m) {
				t.Fatalf("bad message %+v (%v)", m, err)
			}
		}
	})
}

// wellFormed is what Receive needs of a parsed message: ids, a kind, and
// for that kind text, a valid slug, or no content at all.
func wellFormed(m Message) bool {
	if m.UserID == "" || m.EventID == "" {
		return false
	}
	switch m.Kind {
	case KindText:
		return strings.TrimSpace(m.Text) != "" && m.Choice == ""
	case KindChoice:
		return catalog.ValidSlug(m.Choice) && m.Text == ""
	case KindMedia:
		return m.Text == "" && m.Choice == ""
	}
	return false
}

func FuzzSplit(f *testing.F) {
	f.Add("Xin chào. Đây là https://loa.gov.vn/dich-vu/a và thêm chữ", 10)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 1 || limit > 500 || !utf8.ValidString(text) {
			return
		}
		parts := Split(text, limit)
		for _, p := range parts {
			if utf8.RuneCountInString(p) > limit {
				t.Fatalf("part over limit %d: %q", limit, p)
			}
		}
		// Nothing is lost, added or reordered (white space aside: a hard cut
		// inside an over-long word adds a break).
		if strings.Join(strings.Fields(strings.Join(parts, "")), "") != strings.Join(strings.Fields(text), "") {
			t.Fatalf("text changed: %q → %q", text, parts)
		}
	})
}
