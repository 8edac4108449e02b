package web_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/chattest"
	"github.com/loa-vn/loa/internal/channels/platform"
	"github.com/loa-vn/loa/internal/db"
)

// The chat channels' test configuration: fake Zalo and Graph servers on
// this machine, and the site's public address for links.
const (
	testZaloApp      = "app-1"
	testZaloOASecret = "oa-secret-key"
	testZaloAppSec   = "app-secret-key"
	testFBAppSecret  = "fb-app-secret"
	testFBVerify     = "verify-me"
	testFBPageToken  = "page-token"
	testBaseURL      = "https://loa.example.vn"
)

// chatFakes are the platforms a channel test talks to.
type chatFakes struct {
	zalo  *chattest.Zalo
	graph *chattest.Graph
}

// newChannelApp runs the whole platform with both channels on, pointed at
// fresh fakes.
func newChannelApp(t *testing.T, d *db.DB) (*httptest.Server, chatFakes) {
	t.Helper()
	f := chatFakes{
		zalo:  chattest.NewZalo(t, testZaloApp, testZaloAppSec, "access-0", "refresh-0"),
		graph: chattest.NewGraph(t, platform.GraphVersion, testFBPageToken),
	}
	ts, _ := startSite(t, d, siteOptions{web: app.WebOptions{
		BaseURL: testBaseURL,
		Zalo: channels.ZaloConfig{AppID: testZaloApp, OASecret: testZaloOASecret, AppSecret: testZaloAppSec,
			AccessToken: "access-0", RefreshToken: "refresh-0", APIBase: f.zalo.URL, OAuthBase: f.zalo.URL},
		Messenger: channels.MessengerConfig{AppSecret: testFBAppSecret, VerifyToken: testFBVerify,
			PageToken: testFBPageToken, GraphBase: f.graph.URL},
	}})
	return ts, f
}

// zaloEvent is a user_send_text event as Zalo sends it, with its
// signature.
func zaloEvent(user, msgID, text string) (body []byte, signature string) {
	return chattest.ZaloEvent(testZaloApp, testZaloOASecret, "user_send_text", user, msgID, text)
}

// messengerEvent is a batch with one user's text message, an echo of the
// page's own message and a read receipt.
func messengerEvent(psid, mid, text string) []byte {
	page := map[string]string{"id": chattest.PageID}
	user := map[string]string{"id": psid}
	body, _ := chattest.MessengerWebhook(testFBAppSecret, chattest.MessengerText(psid, mid, text),
		map[string]any{"sender": page, "recipient": user,
			"message": map[string]any{"mid": mid + "-echo", "text": "echo", "is_echo": true}},
		map[string]any{"sender": user, "recipient": page, "read": map[string]any{"watermark": 1}})
	return body
}

// postWebhook posts body to path with the given headers.
func postWebhook(t *testing.T, url string, body []byte, headers map[string]string) (int, string) {
	t.Helper()
	status, b, _ := post(t, url, "application/json", bytes.NewReader(body), headers)
	return status, b
}

// waitSent waits until sent() holds at least n messages for user, and
// returns them.
func waitSent(t *testing.T, sent func() []chattest.Sent, user string, n int) []chattest.Sent {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var mine []chattest.Sent
		for _, s := range sent() {
			if s.UserID == user {
				mine = append(mine, s)
			}
		}
		if len(mine) >= n {
			return mine
		}
		if time.Now().After(deadline) {
			t.Fatalf("user %s: %d replies after 30 s, want %d: %+v", user, len(mine), n, mine)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// countRows counts the rows of a table matching where.
func countRows(t *testing.T, d *db.DB, table, where string, args ...any) int {
	t.Helper()
	var n int
	q := "SELECT COUNT(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	if err := d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// assertNothingStored checks that rejected calls left no trace: no
// message, no job, no conversation.
func assertNothingStored(t *testing.T, d *db.DB) {
	t.Helper()
	for table, where := range map[string]string{
		"channel_messages": "", "channel_users": "", "assistant_conversations": "",
		"river_job": "kind = 'channels.reply'",
	} {
		if n := countRows(t, d, table, where); n != 0 {
			t.Errorf("%s: %d rows after rejected calls", table, n)
		}
	}
}

func joinTexts(s []chattest.Sent) string {
	var parts []string
	for _, m := range s {
		parts = append(parts, m.Text)
	}
	return strings.Join(parts, "\n")
}
