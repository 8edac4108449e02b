package platform_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/assistant"
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
	if got := fake.Sent(); len(got) != 1 || !reflect.DeepEqual(got[0], chattest.Sent{UserID: "PSID1", Text: "Xin chào"}) {
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

func TestMessengerSendChoices(t *testing.T) {
	ctx := context.Background()
	fake := chattest.NewGraph(t, platform.GraphVersion, "page-token")
	m := platform.NewMessenger(fake.URL, "page-token", http.DefaultClient)
	opts := []assistant.Option{{Slug: "dang-ky-khai-sinh", Title: "Đăng ký khai sinh"},
		{Slug: "dang-ky-thuong-tru", Title: "Đăng ký thường trú cho trẻ em"}}
	if err := m.SendChoices(ctx, "PSID1", "Bạn muốn hỏi về thủ tục nào?", channels.Choices(opts)); err != nil {
		t.Fatal(err)
	}
	want := chattest.Sent{UserID: "PSID1", Text: "Bạn muốn hỏi về thủ tục nào?", QuickReplies: []chattest.QuickReply{
		{Title: "1. Đăng ký khai sinh", Payload: "LOA_OPTION:dang-ky-khai-sinh"},
		{Title: "2. Đăng ký thường…", Payload: "LOA_OPTION:dang-ky-thuong-tru"},
	}}
	if got := fake.Sent(); len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Fatalf("sent %+v", got)
	}
	// The fake's tap posts the button's title with its payload, which the
	// webhook parser reads back as the choice.
	tap, ok := fake.Tap("PSID1", 2)
	if !ok {
		t.Fatal("no second button")
	}
	body, _ := chattest.MessengerWebhook("secret", tap)
	msgs, err := channels.ParseMessenger(body)
	if err != nil || len(msgs) != 1 || msgs[0].Kind != channels.KindChoice || msgs[0].Choice != "dang-ky-thuong-tru" {
		t.Fatalf("tap parsed as %+v, %v", msgs, err)
	}
	// More than Messenger takes are cut to 13.
	var many []channels.Choice
	for i := range 20 {
		many = append(many, channels.Choice{Title: fmt.Sprint(i), Payload: channels.ChoicePayload("a")})
	}
	if err := m.SendChoices(ctx, "PSID1", "x", many); err != nil {
		t.Fatal(err)
	}
	if got := fake.Sent(); len(got[1].QuickReplies) != channels.MaxChoices {
		t.Fatalf("%d quick replies sent", len(got[1].QuickReplies))
	}
}
