package platform

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/channels"
)

// ZaloOAuthBase is the address of Zalo's OAuth server.
const ZaloOAuthBase = "https://oauth.zaloapp.com"

// ZaloOAuth refreshes an Official Account's access token (OAuth v4 for OA,
// POST /v4/oa/access_token with grant_type=refresh_token). It implements
// channels.Refresher.
type ZaloOAuth struct {
	base, appID, appSecret string
	http                   *http.Client
}

// NewZaloOAuth returns a client of Zalo's OAuth server at base
// (ZaloOAuthBase when empty) for the app.
func NewZaloOAuth(base, appID, appSecret string, hc *http.Client) *ZaloOAuth {
	if base == "" {
		base = ZaloOAuthBase
	}
	return &ZaloOAuth{base: strings.TrimRight(base, "/"), appID: appID, appSecret: appSecret, http: hc}
}

// zaloTokenResponse is the OAuth server's answer; expires_in is a string
// of seconds in Zalo's answers, a number in some.
type zaloTokenResponse struct {
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	Error        int             `json:"error"`
	Message      string          `json:"message"`
}

// defaultLifetime is assumed when the answer gives no expires_in: Zalo's
// OA access tokens last 25 hours.
const defaultLifetime = 25 * time.Hour

// Refresh spends refreshToken for a new access token and the next refresh
// token. The app secret goes in the secret_key header.
func (o *ZaloOAuth) Refresh(ctx context.Context, refreshToken string) (channels.Token, error) {
	form := url.Values{"app_id": {o.appID}, "grant_type": {"refresh_token"}, "refresh_token": {refreshToken}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.base+"/v4/oa/access_token", strings.NewReader(form.Encode()))
	if err != nil {
		return channels.Token{}, fmt.Errorf("zalo: refresh token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("secret_key", o.appSecret)
	start := time.Now()
	var res zaloTokenResponse
	if err := doJSON(o.http, req, &res); err != nil {
		return channels.Token{}, fmt.Errorf("zalo: refresh token: %w", err)
	}
	if res.Error != 0 || res.AccessToken == "" || res.RefreshToken == "" {
		return channels.Token{}, fmt.Errorf("zalo: refresh token: error %d: %s", res.Error, res.Message)
	}
	life := defaultLifetime
	if secs := seconds(res.ExpiresIn); secs > 0 {
		life = time.Duration(secs) * time.Second
	}
	return channels.Token{Access: res.AccessToken, Refresh: res.RefreshToken, ExpiresAt: start.Add(life)}, nil
}

// seconds reads a JSON number or numeric string; 0 when it is neither.
func seconds(raw json.RawMessage) int64 {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(raw)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0
	}
	return n
}
