package chattest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The platforms' webhooks, as they post them to the server under test:
// bodies in their documented shapes, signed the way each platform signs.
// The signatures are computed here on their own, from the platforms'
// descriptions, so that a test also checks the server's verification
// against a second implementation.

// PageID is the Facebook page the fake events are addressed to.
const PageID = "PAGE-1"

// zaloAttachments are the attachments Zalo sends with each kind of user
// message that is not plain text (Zalo's OA webhook reference; shapes as
// public integrations receive them). The server reads none of them.
var zaloAttachments = map[string]map[string]any{
	"user_send_image":    {"type": "image", "payload": map[string]any{"thumbnail": "https://zalo.example/t.jpg", "url": "https://zalo.example/i.jpg"}},
	"user_send_gif":      {"type": "gif", "payload": map[string]any{"thumbnail": "https://zalo.example/t.gif", "url": "https://zalo.example/g.gif"}},
	"user_send_sticker":  {"type": "sticker", "payload": map[string]any{"id": "a7b1c3", "url": "https://zalo.example/s.png"}},
	"user_send_audio":    {"type": "audio", "payload": map[string]any{"url": "https://zalo.example/v.aac"}},
	"user_send_video":    {"type": "video", "payload": map[string]any{"thumbnail": "https://zalo.example/t.jpg", "description": "", "url": "https://zalo.example/v.mp4"}},
	"user_send_file":     {"type": "file", "payload": map[string]any{"url": "https://zalo.example/f", "size": "20480", "name": "don.pdf", "checksum": "00", "type": "pdf"}},
	"user_send_location": {"type": "location", "payload": map[string]any{"coordinates": map[string]any{"latitude": "21.0285", "longitude": "105.8542"}}},
	"user_send_link":     {"type": "link", "payload": map[string]any{"url": "https://dichvucong.gov.vn", "thumbnail": "", "description": "Cổng Dịch vụ công quốc gia"}},
}

// ZaloEvent returns a Zalo OA webhook event from user to the OA of app
// appID — event is "user_send_text", "user_send_image" and so on, text
// may be empty for media — with its X-ZEvent-Signature under the OA
// secret key: "mac=" and the hex SHA-256 of the app id, the body, the
// event's timestamp and the secret.
func ZaloEvent(appID, oaSecret, event, user, msgID, text string) (body []byte, signature string) {
	return zaloEvent(appID, oaSecret, event, user, "", msgID, text)
}

// ZaloAnonymousEvent is ZaloEvent from an anonymous visitor — one who
// writes to the OA without following it, as from the OA's chat plugin on
// a website: event is "anonymous_send_text", "anonymous_send_image" and
// so on, anonymousID the sender's id, and conversationID the message's
// conversation_id (left out when empty).
func ZaloAnonymousEvent(appID, oaSecret, event, anonymousID, conversationID, msgID, text string) (body []byte, signature string) {
	return zaloEvent(appID, oaSecret, event, anonymousID, conversationID, msgID, text)
}

func zaloEvent(appID, oaSecret, event, user, conversationID, msgID, text string) (body []byte, signature string) {
	ts := fmt.Sprint(time.Now().UnixMilli())
	msg := map[string]any{"msg_id": msgID}
	if text != "" {
		msg["text"] = text
	}
	if conversationID != "" {
		msg["conversation_id"] = conversationID
	}
	if a, ok := zaloAttachments[strings.Replace(event, "anonymous_send_", "user_send_", 1)]; ok {
		msg["attachments"] = []any{a}
	}
	e := map[string]any{
		"app_id": appID, "event_name": event, "timestamp": ts,
		"sender": map[string]string{"id": user}, "recipient": map[string]string{"id": "oa-1"}, "message": msg,
	}
	if !strings.HasPrefix(event, "anonymous_") {
		e["user_id_by_app"] = "app-" + user
	}
	body, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256([]byte(appID + string(body) + ts + oaSecret))
	return body, "mac=" + hex.EncodeToString(sum[:])
}

// MessengerWebhook wraps messaging events in one entry of the batch Meta
// posts, with its X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256
// of the body under the app secret.
func MessengerWebhook(appSecret string, events ...map[string]any) (body []byte, signature string) {
	now := time.Now().UnixMilli()
	body, err := json.Marshal(map[string]any{"object": "page", "entry": []any{
		map[string]any{"id": PageID, "time": now, "messaging": events}}})
	if err != nil {
		panic(err)
	}
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	return body, "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func messaging(psid string, kind string, v any) map[string]any {
	return map[string]any{"sender": map[string]string{"id": psid}, "recipient": map[string]string{"id": PageID},
		"timestamp": time.Now().UnixMilli(), kind: v}
}

// MessengerText is a user's text message.
func MessengerText(psid, mid, text string) map[string]any {
	return messaging(psid, "message", map[string]any{"mid": mid, "text": text})
}

// MessengerAttachment is a user's message of one attachment of the given
// type (image, audio, video, file, location, fallback …), with text when
// text is not empty (a caption, or the URL of a shared link).
func MessengerAttachment(psid, mid, typ, text string) map[string]any {
	payload := map[string]any{"url": "https://scontent.example/" + typ}
	if typ == "location" {
		payload = map[string]any{"coordinates": map[string]any{"lat": 21.0285, "long": 105.8542}}
	}
	msg := map[string]any{"mid": mid, "attachments": []any{map[string]any{"type": typ, "payload": payload}}}
	if text != "" {
		msg["text"] = text
	}
	return messaging(psid, "message", msg)
}

// MessengerSticker is a sticker, as webhooks send it during Meta's 2026
// transition: the sticker_id, an image attachment and a sticker one.
func MessengerSticker(psid, mid string) map[string]any {
	const id = 369239263222822 // the "like" thumb
	return messaging(psid, "message", map[string]any{"mid": mid, "sticker_id": id, "attachments": []any{
		map[string]any{"type": "image", "payload": map[string]any{"url": "https://scontent.example/like.png", "sticker_id": id}},
		map[string]any{"type": "sticker", "payload": map[string]any{"url": "https://scontent.example/like.png", "sticker_id": id}},
	}})
}

// MessengerPostback is a tap on a postback button, Get Started or a menu
// item (messaging_postbacks).
func MessengerPostback(psid, mid, title, payload string) map[string]any {
	return messaging(psid, "postback", map[string]any{"mid": mid, "title": title, "payload": payload})
}
