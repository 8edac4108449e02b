package channels

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// messengerEvent is the part of a Messenger webhook body this package
// reads: a batch of entries, each with its messaging events. Fields whose
// JSON type Meta does not promise (numbers sent as strings in some
// versions) are kept raw, so that one odd field cannot make the whole
// batch unreadable.
type messengerEvent struct {
	Object string `json:"object"`
	Entry  []struct {
		Messaging []messagingEvent `json:"messaging"`
	} `json:"entry"`
}

// messagingEvent is one event of a batch: a message ("messages" field) or
// a postback ("messaging_postbacks").
type messagingEvent struct {
	Sender struct {
		ID string `json:"id"`
	} `json:"sender"`
	Timestamp json.RawMessage `json:"timestamp"`
	Message   *struct {
		MID        string `json:"mid"`
		Text       string `json:"text"`
		IsEcho     bool   `json:"is_echo"`
		QuickReply *struct {
			Payload json.RawMessage `json:"payload"`
		} `json:"quick_reply"`
		// Attachments are counted, never read: image, audio, video, file,
		// sticker, location, fallback (a shared link) and the like.
		Attachments []json.RawMessage `json:"attachments"`
		// StickerID marks a sticker in webhook versions that send it as an
		// image attachment.
		StickerID json.RawMessage `json:"sticker_id"`
	} `json:"message"`
	Postback *struct {
		MID     string          `json:"mid"`
		Title   string          `json:"title"`
		Payload json.RawMessage `json:"payload"`
	} `json:"postback"`
}

// ParseMessenger reads a verified Messenger webhook body. Meta batches
// events, so one call may yield several messages:
//
//   - a user's text is KindText, attachments or not (a shared link comes
//     with its URL as text and a "fallback" attachment);
//   - a message of attachments or a sticker without text is KindMedia;
//   - a tapped quick reply or a postback whose payload this package made
//     (ChoicePayload) is KindChoice; another quick reply is its text, and
//     another postback (a Get Started button, a menu item) its title, as
//     KindText.
//
// Echoes of the page's own messages and delivery and read receipts are
// skipped. Call it only after VerifyMessenger.
func ParseMessenger(body []byte) ([]Message, error) {
	var e messengerEvent
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("channels: messenger event: %w", err)
	}
	if e.Object != "page" {
		return nil, nil
	}
	var out []Message
	for _, entry := range e.Entry {
		for _, ev := range entry.Messaging {
			if m, ok := messengerMessage(ev); ok {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// messengerMessage reads one messaging event; ok is false for one that
// gets no answer.
func messengerMessage(ev messagingEvent) (Message, bool) {
	m := Message{Channel: Messenger, UserID: ev.Sender.ID}
	if m.UserID == "" {
		return m, false
	}
	switch {
	case ev.Message != nil:
		msg := ev.Message
		if msg.IsEcho || msg.MID == "" {
			return m, false
		}
		m.EventID = msg.MID
		if msg.QuickReply != nil {
			if slug, ok := ChoiceSlug(rawString(msg.QuickReply.Payload)); ok {
				m.Kind, m.Choice = KindChoice, slug
				return m, true
			}
		}
		switch {
		case strings.TrimSpace(msg.Text) != "":
			m.Kind, m.Text = KindText, msg.Text
		case len(msg.Attachments) > 0 || len(msg.StickerID) > 0 && string(msg.StickerID) != "null":
			m.Kind = KindMedia
		default:
			return m, false
		}
		return m, true
	case ev.Postback != nil:
		pb := ev.Postback
		payload := rawString(pb.Payload)
		m.EventID = pb.MID
		if m.EventID == "" {
			// Older postbacks carry no mid: the tap is identified by who
			// tapped what, when.
			sum := sha256.Sum256([]byte(m.UserID + "\x00" + string(ev.Timestamp) + "\x00" + payload + "\x00" + pb.Title))
			m.EventID = "postback:" + hex.EncodeToString(sum[:16])
		}
		if slug, ok := ChoiceSlug(payload); ok {
			m.Kind, m.Choice = KindChoice, slug
			return m, true
		}
		if strings.TrimSpace(pb.Title) == "" {
			return m, false
		}
		m.Kind, m.Text = KindText, pb.Title
		return m, true
	}
	return m, false
}

// rawString reads a JSON string, or returns a number or other value as
// written ("" for none).
func rawString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
