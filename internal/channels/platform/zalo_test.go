package platform_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/chattest"
	"github.com/loa-vn/loa/internal/channels/platform"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// zaloReplica is one server's Zalo client: its own token store (own lock)
// on the shared database.
func zaloReplica(d *db.DB, fake *chattest.Zalo) *platform.Zalo {
	hc := &http.Client{Timeout: 5 * time.Second}
	tokens := channels.NewTokenStore(d, "zalo:app-1", platform.NewZaloOAuth(fake.URL, "app-1", "app-secret", hc))
	return platform.NewZalo(fake.URL, tokens, hc)
}

// seededZalo returns a fake Zalo whose OA holds the tokens "access-0" and
// "refresh-0", stored in d as a replica would find them.
func seededZalo(t *testing.T, d *db.DB) *chattest.Zalo {
	t.Helper()
	fake := chattest.NewZalo(t, "app-1", "app-secret", "access-0", "refresh-0")
	if err := channels.NewTokenStore(d, "zalo:app-1", nil).Seed(context.Background(), "access-0", "refresh-0"); err != nil {
		t.Fatal(err)
	}
	return fake
}

func TestZaloSendDelivers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fake := seededZalo(t, d)
		z := zaloReplica(d, fake)
		if err := z.Send(ctx, "2468", "Xin chào"); err != nil {
			t.Fatal(err)
		}
		if got := fake.Sent(); len(got) != 1 || !reflect.DeepEqual(got[0], chattest.Sent{UserID: "2468", Text: "Xin chào"}) {
			t.Fatalf("sent %+v", got)
		}
		if fake.Refreshes() != 0 {
			t.Fatal("refreshed a valid token")
		}
		// A server error is returned, for the job to retry.
		fake.FailNext(1)
		if err := z.Send(ctx, "2468", "lần hai"); err == nil || !strings.Contains(err.Error(), "HTTP 500") {
			t.Fatalf("server error: %v", err)
		}
	})
}

// An anonymous visitor's reply goes to {"anonymous_id", "conversation_id"},
// through the same token refresh; a follower's still to {"user_id"}.
func TestZaloSendToAnonymousVisitor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fake := seededZalo(t, d)
		z := zaloReplica(d, fake)
		to := channels.Message{Channel: channels.Zalo, UserID: "anon-7", ZaloConversationID: "conv-9"}.Recipient()
		fake.Expire()
		if err := z.Send(ctx, to, "Xin chào"); err != nil {
			t.Fatal(err)
		}
		if err := z.Send(ctx, "2468", "Chào bạn"); err != nil {
			t.Fatal(err)
		}
		want := []chattest.Sent{{AnonymousID: "anon-7", ConversationID: "conv-9", Text: "Xin chào"}, {UserID: "2468", Text: "Chào bạn"}}
		if got := fake.Sent(); !reflect.DeepEqual(got, want) {
			t.Fatalf("sent %+v, want %+v", got, want)
		}
		if n := fake.Refreshes(); n != 1 {
			t.Fatalf("%d refreshes", n)
		}
		// An address that cannot be read is given up, not retried.
		if err := z.Send(ctx, "zalo-anonymous:anon-7", "x"); !errors.Is(err, channels.ErrUndeliverable) || strings.Contains(err.Error(), "anon-7") {
			t.Fatalf("malformed address: %v", err)
		}
		if n := len(fake.Sent()); n != 2 {
			t.Fatalf("%d sends", n)
		}
	})
}

func TestZaloExpiredTokenIsRefreshedOnceForManyConcurrentSends(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fake := seededZalo(t, d)
		fake.RefreshDelay = 50 * time.Millisecond
		replicas := []*platform.Zalo{zaloReplica(d, fake), zaloReplica(d, fake)}
		fake.Expire()
		var wg sync.WaitGroup
		errs := make([]error, 24)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = replicas[i%2].Send(ctx, fmt.Sprint(1000+i), "tin "+fmt.Sprint(i))
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		if n := fake.Refreshes(); n != 1 {
			t.Fatalf("%d refreshes, want exactly 1", n)
		}
		if n := len(fake.Sent()); n != len(errs) {
			t.Fatalf("%d messages delivered, want %d", n, len(errs))
		}
		var refresh string
		if err := d.QueryRow(ctx, `SELECT refresh_token FROM channel_tokens WHERE name = ?`, "zalo:app-1").Scan(&refresh); err != nil {
			t.Fatal(err)
		}
		if refresh != fake.RefreshToken() || refresh == "refresh-0" {
			t.Fatalf("stored refresh token %q, Zalo's current %q", refresh, fake.RefreshToken())
		}
	})
}

func TestZaloRefreshRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fake := chattest.NewZalo(t, "app-1", "app-secret", "access-0", "refresh-0")
		// The database holds a refresh token Zalo no longer accepts.
		if err := channels.NewTokenStore(d, "zalo:app-1", nil).Seed(ctx, "access-0", "refresh-old"); err != nil {
			t.Fatal(err)
		}
		fake.Expire()
		err := zaloReplica(d, fake).Send(ctx, "1", "x")
		if err == nil || !strings.Contains(err.Error(), "-14014") {
			t.Fatalf("Send = %v, want Zalo's invalid refresh token error", err)
		}
		if len(fake.Sent()) != 0 {
			t.Fatal("sent with an invalid token")
		}
	})
}

func TestZaloOAuthParsesExpiry(t *testing.T) {
	fake := chattest.NewZalo(t, "app-1", "app-secret", "a", "r")
	before := time.Now()
	tok, err := platform.NewZaloOAuth(fake.URL, "app-1", "app-secret", http.DefaultClient).Refresh(context.Background(), "r")
	if err != nil {
		t.Fatal(err)
	}
	if tok.Access != "access-1" || tok.Refresh != "refresh-1" {
		t.Fatalf("token %+v", tok)
	}
	if life := tok.ExpiresAt.Sub(before); life < 24*time.Hour || life > 26*time.Hour {
		t.Fatalf("lifetime %v, want 25 h (expires_in 90000)", life)
	}
	// A wrong app secret is refused.
	if _, err := platform.NewZaloOAuth(fake.URL, "app-1", "wrong", http.DefaultClient).Refresh(context.Background(), "refresh-1"); err == nil {
		t.Fatal("wrong secret accepted")
	}
}
