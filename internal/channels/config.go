package channels

import (
	"fmt"
	"slices"
	"strings"
)

// ZaloConfig is a Zalo Official Account's configuration. The zero value
// means the channel is off.
type ZaloConfig struct {
	// AppID is the Zalo app's id (LOA_ZALO_APP_ID) and OASecret the OA
	// secret key that signs webhooks (LOA_ZALO_OA_SECRET) — not the app's
	// secret.
	AppID    string
	OASecret string
	// AppSecret is the app's secret key (LOA_ZALO_APP_SECRET), sent when
	// refreshing the access token.
	AppSecret string
	// AccessToken (LOA_ZALO_ACCESS_TOKEN, optional) and RefreshToken
	// (LOA_ZALO_REFRESH_TOKEN) seed the token store. Zalo issues a new
	// refresh token with every access token, so after the first refresh the
	// database holds the current ones; new values here replace them.
	AccessToken  string
	RefreshToken string
	// APIBase and OAuthBase replace https://openapi.zalo.me and
	// https://oauth.zaloapp.com, for tests.
	APIBase   string
	OAuthBase string
}

// Enabled reports whether any of the channel's settings is given.
func (c ZaloConfig) Enabled() bool {
	return c.AppID != "" || c.OASecret != "" || c.AppSecret != "" || c.AccessToken != "" || c.RefreshToken != ""
}

// Validate says which required settings are missing from a channel that is
// partly configured: a half-set channel would accept messages it cannot
// answer, or answer none.
func (c ZaloConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	return missing("zalo", map[string]string{
		"LOA_ZALO_APP_ID": c.AppID, "LOA_ZALO_OA_SECRET": c.OASecret,
		"LOA_ZALO_APP_SECRET": c.AppSecret, "LOA_ZALO_REFRESH_TOKEN": c.RefreshToken,
	})
}

// MessengerConfig is a Facebook page's configuration. The zero value means
// the channel is off.
type MessengerConfig struct {
	// AppSecret signs webhooks (LOA_MESSENGER_APP_SECRET); VerifyToken is
	// the token chosen when subscribing the webhook
	// (LOA_MESSENGER_VERIFY_TOKEN); PageToken is the page access token the
	// Send API takes (LOA_MESSENGER_PAGE_TOKEN).
	AppSecret   string
	VerifyToken string
	PageToken   string
	// GraphBase replaces https://graph.facebook.com, for tests.
	GraphBase string
}

// Enabled reports whether any of the channel's settings is given.
func (c MessengerConfig) Enabled() bool {
	return c.AppSecret != "" || c.VerifyToken != "" || c.PageToken != ""
}

// Validate says which required settings are missing from a channel that is
// partly configured.
func (c MessengerConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	return missing("messenger", map[string]string{
		"LOA_MESSENGER_APP_SECRET": c.AppSecret, "LOA_MESSENGER_VERIFY_TOKEN": c.VerifyToken,
		"LOA_MESSENGER_PAGE_TOKEN": c.PageToken,
	})
}

func missing(channel string, settings map[string]string) error {
	var names []string
	for name, v := range settings {
		if strings.TrimSpace(v) == "" {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return fmt.Errorf("channels: %s is partly configured: set %s", channel, strings.Join(names, ", "))
}
