package channels

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// zaloEvent is the part of a Zalo OA webhook event this package reads. Ids
// are strings in Zalo's JSON (they exceed 2^53).
type zaloEvent struct {
	EventName string `json:"event_name"`
	Sender    struct {
		ID string `json:"id"`
	} `json:"sender"`
	Message struct {
		MsgID string `json:"msg_id"`
		Text  string `json:"text"`
	} `json:"message"`
}

// ParseZalo reads a verified Zalo OA webhook body. Zalo sends one event per
// call; only "user_send_text" yields a message, every other event (follow,
// images, the OA's own messages, seen and received notices) none. Call it
// only after VerifyZalo.
func ParseZalo(body []byte) ([]Message, error) {
	var e zaloEvent
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("channels: zalo event: %w", err)
	}
	if e.EventName != "user_send_text" || e.Sender.ID == "" || strings.TrimSpace(e.Message.Text) == "" {
		return nil, nil
	}
	id := e.Message.MsgID
	if id == "" {
		id = bodyID(body)
	}
	return []Message{{Channel: Zalo, EventID: id, UserID: e.Sender.ID, Text: e.Message.Text}}, nil
}

// bodyID identifies an event that carries no id of its own by its content,
// so that a redelivery is still recognised.
func bodyID(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:16])
}
