package platform_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/chattest"
	"github.com/loa-vn/loa/internal/channels/platform"
)

func TestMessengerSend(t *testing.T) {
	ctx := context.Background()
	fake := chattest.NewGraph(t, platform.GraphVersion, "page-token")
	m := platform.NewMessenger(fake.URL, "page-token", http.DefaultClient)
	if err := m.Send(ctx, "PSID1", "Xin chào"); err != nil {
		t.Fatal(err)
	}
	if got := fake.Sent(); len(got) != 1 || got[0] != (chattest.Sent{UserID: "PSID1", Text: "Xin chào"}) {
		t.Fatalf("sent %+v", got)
	}
	// A blocked user is final: the job gives up instead of retrying.
	fake.Block("PSID2")
	if err := m.Send(ctx, "PSID2", "x"); !errors.Is(err, channels.ErrUndeliverable) {
		t.Fatalf("blocked user: %v", err)
	}
	// A bad page token is an error to retry (the operator fixes it), and
	// the error never shows the token.
	bad := platform.NewMessenger(fake.URL, "wrong-token", http.DefaultClient)
	err := bad.Send(ctx, "PSID1", "x")
	if err == nil || errors.Is(err, channels.ErrUndeliverable) || !strings.Contains(err.Error(), "190") {
		t.Fatalf("bad token: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-token") {
		t.Fatalf("token leaked in %v", err)
	}
	// Nor does a transport error, whose text would carry the URL.
	down := platform.NewMessenger("http://127.0.0.1:1", "secret-page-token", http.DefaultClient)
	if err := down.Send(ctx, "PSID1", "x"); err == nil || strings.Contains(err.Error(), "secret-page-token") {
		t.Fatalf("transport error: %v", err)
	}
}
