package channels

import (
	"encoding/json"
	"fmt"
	"strings"
)

// messengerEvent is the part of a Messenger webhook body this package
// reads: a batch of entries, each with its messaging events.
type messengerEvent struct {
	Object string `json:"object"`
	Entry  []struct {
		Messaging []struct {
			Sender struct {
				ID string `json:"id"`
			} `json:"sender"`
			Message *struct {
				MID    string `json:"mid"`
				Text   string `json:"text"`
				IsEcho bool   `json:"is_echo"`
			} `json:"message"`
		} `json:"messaging"`
	} `json:"entry"`
}

// ParseMessenger reads a verified Messenger webhook body. Meta batches
// events, so one call may yield several messages; only users' text
// messages count: echoes of the page's own messages, delivery and read
// receipts, postbacks and attachments without text are skipped. Call it
// only after VerifyMessenger.
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
		for _, m := range entry.Messaging {
			msg := m.Message
			if msg == nil || msg.IsEcho || m.Sender.ID == "" || msg.MID == "" || strings.TrimSpace(msg.Text) == "" {
				continue
			}
			out = append(out, Message{Channel: Messenger, EventID: msg.MID, UserID: m.Sender.ID, Text: msg.Text})
		}
	}
	return out, nil
}
