package platform

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/loa-vn/loa/internal/channels"
)

// ZaloAPIBase is the address of Zalo's OpenAPI.
const ZaloAPIBase = "https://openapi.zalo.me"

// ZaloTokens gives the OA's access token; *channels.TokenStore is one.
type ZaloTokens interface {
	// Access returns the current access token.
	Access(ctx context.Context) (string, error)
	// Refreshed returns a newer token than stale, which Zalo refused.
	Refreshed(ctx context.Context, stale string) (string, error)
}

// Zalo sends customer-service messages from an Official Account: the
// replies to a user who wrote to the OA (OA API v3, "Gửi tin Tư vấn"),
// whether a follower or an anonymous visitor.
type Zalo struct {
	base   string
	tokens ZaloTokens
	http   *http.Client
}

// NewZalo returns a client of the OA message API at base (ZaloAPIBase when
// empty).
func NewZalo(base string, tokens ZaloTokens, hc *http.Client) *Zalo {
	if base == "" {
		base = ZaloAPIBase
	}
	return &Zalo{base: strings.TrimRight(base, "/"), tokens: tokens, http: hc}
}

// Zalo's error codes for an access token that is invalid or has expired:
// the API answers them with HTTP 200 and {"error": code}.
const (
	zaloTokenInvalid = -216
	zaloTokenExpired = -124
)

// zaloMessage is the body of POST /v3.0/oa/message/cs. The recipient is
// {"user_id"} for a follower, {"anonymous_id", "conversation_id"} for an
// anonymous visitor (Zalo's reference as public integrations quote it).
type zaloMessage struct {
	Recipient struct {
		UserID         string `json:"user_id,omitempty"`
		AnonymousID    string `json:"anonymous_id,omitempty"`
		ConversationID string `json:"conversation_id,omitempty"`
	} `json:"recipient"`
	Message struct {
		Text string `json:"text"`
	} `json:"message"`
}

// zaloResult is Zalo's answer: error 0 on success.
type zaloResult struct {
	Error   int    `json:"error"`
	Message string `json:"message"`
}

// Send delivers text to the user at to: a follower's user id, or an
// anonymous visitor's address as channels.Receive stored it
// (channels.ParseZaloRecipient). When Zalo refuses the access token, it
// gets a refreshed one (refreshed once for all callers) and tries again
// once.
func (z *Zalo) Send(ctx context.Context, to, text string) error {
	rcpt, err := channels.ParseZaloRecipient(to)
	if err != nil {
		// No send can fix the address: give the reply up.
		return fmt.Errorf("zalo: send: %w: %w", channels.ErrUndeliverable, err)
	}
	tok, err := z.tokens.Access(ctx)
	if err != nil {
		return err
	}
	res, err := z.send(ctx, tok, rcpt, text)
	if err != nil {
		return err
	}
	if res.Error == zaloTokenInvalid || res.Error == zaloTokenExpired {
		if tok, err = z.tokens.Refreshed(ctx, tok); err != nil {
			return err
		}
		if res, err = z.send(ctx, tok, rcpt, text); err != nil {
			return err
		}
	}
	if res.Error != 0 {
		return fmt.Errorf("zalo: send: error %d: %s", res.Error, res.Message)
	}
	return nil
}

func (z *Zalo) send(ctx context.Context, token string, to channels.ZaloRecipient, text string) (zaloResult, error) {
	var m zaloMessage
	m.Recipient.UserID, m.Message.Text = to.UserID, text
	if to.Anonymous() {
		m.Recipient.AnonymousID, m.Recipient.ConversationID = to.AnonymousID, to.ConversationID
	}
	body, err := json.Marshal(m)
	if err != nil {
		return zaloResult{}, fmt.Errorf("zalo: send: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, z.base+"/v3.0/oa/message/cs", bytes.NewReader(body))
	if err != nil {
		return zaloResult{}, fmt.Errorf("zalo: send: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access_token", token)
	var res zaloResult
	if err := doJSON(z.http, req, &res); err != nil {
		return res, fmt.Errorf("zalo: send: %w", err)
	}
	return res, nil
}

// maxResponse bounds what is read of a platform's answer.
const maxResponse = 1 << 20

// doJSON runs req and decodes a 2xx JSON answer into v.
func doJSON(hc *http.Client, req *http.Request, v any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return httpError(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return httpError(err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, snippet(b))
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("HTTP %d: bad JSON: %w", resp.StatusCode, err)
	}
	return nil
}

// snippet is the start of an error body, for the error message.
func snippet(b []byte) string {
	const n = 200
	if len(b) > n {
		b = b[:n]
	}
	return strings.ToValidUTF8(string(b), "?")
}
