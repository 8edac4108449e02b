package platform

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/loa-vn/loa/internal/channels"
)

// The Graph API's address and the version of it this client speaks.
const (
	GraphBase    = "https://graph.facebook.com"
	GraphVersion = "v21.0"
)

// Messenger sends replies through Meta's Send API as a page.
type Messenger struct {
	base, pageToken string
	http            *http.Client
}

// NewMessenger returns a Send API client at base (GraphBase when empty)
// for the page whose access token is pageToken.
func NewMessenger(base, pageToken string, hc *http.Client) *Messenger {
	if base == "" {
		base = GraphBase
	}
	return &Messenger{base: strings.TrimRight(base, "/"), pageToken: pageToken, http: hc}
}

// messengerMessage is the body of POST /{version}/me/messages. A reply to
// a user's message is of type RESPONSE, allowed within 24 hours of it.
type messengerMessage struct {
	Recipient struct {
		ID string `json:"id"`
	} `json:"recipient"`
	MessagingType string `json:"messaging_type"`
	Message       struct {
		Text         string       `json:"text"`
		QuickReplies []quickReply `json:"quick_replies,omitempty"`
	} `json:"message"`
}

// quickReply is a text quick reply (Send API, "Quick Replies"): its title
// is shown on the button and posted when tapped, its payload comes back
// with the webhook.
type quickReply struct {
	ContentType string `json:"content_type"`
	Title       string `json:"title"`
	Payload     string `json:"payload"`
}

// graphError is the Graph API's error body.
type graphError struct {
	Error struct {
		Message      string `json:"message"`
		Type         string `json:"type"`
		Code         int    `json:"code"`
		ErrorSubcode int    `json:"error_subcode"`
	} `json:"error"`
}

// undeliverable says whether a Graph error is final for this message: the
// user cannot be reached (551), or the 24-hour window to answer has closed
// (10 / 2018278).
func (e graphError) undeliverable() bool {
	return e.Error.Code == 551 || e.Error.Code == 10 && e.Error.ErrorSubcode == 2018278
}

// Send delivers text to the user with page-scoped id psid.
func (m *Messenger) Send(ctx context.Context, psid, text string) error {
	return m.SendChoices(ctx, psid, text, nil)
}

// SendChoices delivers text to the user with the choices as quick replies
// under it (at most channels.MaxChoices; their titles already within
// channels.MaxChoiceTitle characters).
func (m *Messenger) SendChoices(ctx context.Context, psid, text string, choices []channels.Choice) error {
	var msg messengerMessage
	msg.Recipient.ID, msg.MessagingType, msg.Message.Text = psid, "RESPONSE", text
	for i, c := range choices {
		if i == channels.MaxChoices {
			break
		}
		msg.Message.QuickReplies = append(msg.Message.QuickReplies, quickReply{ContentType: "text", Title: c.Title, Payload: c.Payload})
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("messenger: send: %w", err)
	}
	u := m.base + "/" + GraphVersion + "/me/messages?access_token=" + url.QueryEscape(m.pageToken)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("messenger: send: %w", httpError(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := m.http.Do(req)
	if err != nil {
		return fmt.Errorf("messenger: send: %w", httpError(err))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("messenger: send: %w", httpError(err))
	}
	if resp.StatusCode/100 == 2 {
		return nil
	}
	var ge graphError
	if json.Unmarshal(b, &ge) != nil || ge.Error.Message == "" {
		return fmt.Errorf("messenger: send: HTTP %d: %s", resp.StatusCode, snippet(b))
	}
	err = fmt.Errorf("messenger: send: HTTP %d: error %d/%d: %s", resp.StatusCode, ge.Error.Code, ge.Error.ErrorSubcode, ge.Error.Message)
	if ge.undeliverable() {
		return fmt.Errorf("%w: %w", channels.ErrUndeliverable, err)
	}
	return err
}

// Messenger offers choices as quick replies.
var _ channels.ChoiceSender = (*Messenger)(nil)
