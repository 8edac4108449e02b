package app

import (
	"context"
	"net/http"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/channels/platform"
)

// platformTimeout bounds one call to a chat platform; it is shorter than
// the token lease (channels), so a refresh always ends within its lease.
const platformTimeout = 15 * time.Second

// channelService wires the Zalo OA and Messenger channels: the platforms'
// clients, the Zalo token store (seeded from the configuration) and the
// service whose job answers their messages. It is built, and its job kind
// registered, even with no channel configured; the webhooks then answer
// 404.
func (a *App) channelService(ctx context.Context, engine *assistant.Engine, opts WebOptions) (*channels.Service, error) {
	hc := &http.Client{Timeout: platformTimeout}
	senders := map[string]channels.Sender{}
	if z := opts.Zalo; z.Enabled() {
		if err := z.Validate(); err != nil {
			return nil, err
		}
		oauth := platform.NewZaloOAuth(z.OAuthBase, z.AppID, z.AppSecret, hc)
		tokens := channels.NewTokenStore(a.DB, "zalo:"+z.AppID, oauth)
		if err := tokens.Seed(ctx, z.AccessToken, z.RefreshToken); err != nil {
			return nil, err
		}
		senders[channels.Zalo] = platform.NewZalo(z.APIBase, tokens, hc)
	}
	if m := opts.Messenger; m.Enabled() {
		senders[channels.Messenger] = platform.NewMessenger(m.GraphBase, m.PageToken, hc)
	}
	svc, err := channels.New(ctx, a.DB, a.Jobs, engine, channels.Options{
		Zalo: opts.Zalo, Messenger: opts.Messenger, Senders: senders,
		BaseURL: opts.BaseURL, Logger: opts.Logger,
	})
	if err != nil {
		return nil, err
	}
	// The job kind is registered once per queue, before it starts; a
	// second server built by the same process replaces the service.
	if a.chatReplies == nil {
		if a.chatReplies, err = channels.RegisterJobs(a.Jobs); err != nil {
			return nil, err
		}
	}
	a.chatReplies.Serve(svc)
	return svc, nil
}
