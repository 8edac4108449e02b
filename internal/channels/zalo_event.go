package channels

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// zaloEvent is the part of a Zalo OA webhook event this package reads. Ids
// are strings in Zalo's JSON (they exceed 2^53). Attachments are not read:
// the media itself is neither kept nor fetched.
type zaloEvent struct {
	EventName string `json:"event_name"`
	Sender    struct {
		ID string `json:"id"`
	} `json:"sender"`
	Message struct {
		MsgID string `json:"msg_id"`
		Text  string `json:"text"`
		// ConversationID is set on an anonymous visitor's events only.
		ConversationID string `json:"conversation_id"`
	} `json:"message"`
}

// zaloMediaEvents are the events of a user's message to the OA that is not
// plain text (Zalo's OA webhook: "user_send_image", "user_send_gif",
// "user_send_sticker", "user_send_audio" for voice messages,
// "user_send_video", "user_send_file", "user_send_location",
// "user_send_link", "user_send_business_card"), and the same from an
// anonymous visitor ("anonymous_send_image", "anonymous_send_file",
// "anonymous_send_sticker", and the gif, link, audio, video and location
// ones). The group events ("user_send_group_*") and the OA's own
// ("oa_send_*", "oa_send_anonymous_*") are not among them. Zalo's
// reference could not be read from here; these names are the ones
// independent public integrations of the OA webhook agree on.
var zaloMediaEvents = map[string]bool{
	"user_send_image": true, "user_send_gif": true, "user_send_sticker": true,
	"user_send_audio": true, "user_send_video": true, "user_send_file": true,
	"user_send_location": true, "user_send_link": true, "user_send_business_card": true,

	"anonymous_send_image": true, "anonymous_send_gif": true, "anonymous_send_sticker": true,
	"anonymous_send_audio": true, "anonymous_send_video": true, "anonymous_send_file": true,
	"anonymous_send_location": true, "anonymous_send_link": true,
}

// zaloTextEvents are the events of a user's plain text: a follower's, and
// an anonymous visitor's.
var zaloTextEvents = map[string]bool{"user_send_text": true, "anonymous_send_text": true}

// ParseZalo reads a verified Zalo OA webhook body. Zalo sends one event per
// call. A user's text ("user_send_text") is a KindText message; an image,
// sticker, voice message, video, file, location, link or business card is
// KindText too when it carries text (a caption, the words around a link),
// and KindMedia otherwise; every other event (follow, the OA's own
// messages, seen and received notices, group messages) yields none. Call
// it only after VerifyZalo.
//
// An anonymous visitor — someone who writes to the OA without following
// it, as from the OA's chat plugin on a website — is read the same way
// ("anonymous_send_text", "anonymous_send_image" and so on): sender.id is
// then the visitor's anonymous id, and the message's conversation_id goes
// into ZaloConversationID, since the reply is addressed by both.
func ParseZalo(body []byte) ([]Message, error) {
	var e zaloEvent
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("channels: zalo event: %w", err)
	}
	if e.Sender.ID == "" {
		return nil, nil
	}
	text := strings.TrimSpace(e.Message.Text) != ""
	var kind string
	switch {
	case zaloTextEvents[e.EventName] && text, zaloMediaEvents[e.EventName] && text:
		kind = KindText
	case zaloMediaEvents[e.EventName]:
		kind = KindMedia
	default:
		return nil, nil
	}
	anonymous := strings.HasPrefix(e.EventName, "anonymous_send_")
	switch {
	case anonymous && e.Message.ConversationID == "":
		// Zalo addresses a reply to an anonymous visitor by the anonymous
		// id and the conversation together; without the conversation the
		// message cannot be answered, and storing it would only queue a
		// reply bound to fail.
		return nil, nil
	case !anonymous && strings.HasPrefix(e.Sender.ID, zaloAnonymousPrefix):
		// Not a Zalo user id (they are digits), and it would read as an
		// anonymous visitor's address.
		return nil, nil
	}
	id := e.Message.MsgID
	if id == "" {
		id = bodyID(body)
	}
	m := Message{Channel: Zalo, EventID: id, UserID: e.Sender.ID, Kind: kind}
	if anonymous {
		m.ZaloConversationID = e.Message.ConversationID
	}
	if kind == KindText {
		m.Text = e.Message.Text
	}
	return []Message{m}, nil
}

// bodyID identifies an event that carries no id of its own by its content,
// so that a redelivery is still recognised.
func bodyID(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:16])
}
