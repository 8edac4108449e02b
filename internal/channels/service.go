package channels

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/jobs"
)

// Asker answers a question, and says which options a conversation's last
// clarifying question offered; *assistant.Engine is one.
type Asker interface {
	Ask(ctx context.Context, req assistant.Request) (*assistant.Answer, error)
	Offered(ctx context.Context, conversationID string) ([]string, error)
}

// Sender delivers one text message of at most MaxText characters to a user
// of a platform; the platform package has one per platform. to is the
// user's address as Receive stored it: the platform's user id, or for a
// Zalo anonymous visitor their anonymous id and conversation id together
// (ParseZaloRecipient reads either).
type Sender interface {
	Send(ctx context.Context, to, text string) error
}

// ErrUndeliverable marks (with errors.Is) a Sender's error the platform
// gives for good — the user blocked the page, or the time allowed to answer
// has passed — so that the reply is given up instead of retried.
var ErrUndeliverable = errors.New("channels: the platform will not deliver this message")

// Options configure a Service. A channel is on when its configuration is
// Enabled; it then needs a Sender.
type Options struct {
	Zalo      ZaloConfig
	Messenger MessengerConfig
	// Senders deliver replies, by channel name (Zalo, Messenger).
	Senders map[string]Sender
	// BaseURL is the site's public address, for the links of answers when
	// a message does not bring its own (see Receive).
	BaseURL string
	Logger  *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Service receives the chat channels' messages and answers them in the
// background.
type Service struct {
	db      *db.DB
	queue   *jobs.Queue
	asker   Asker
	opts    Options
	userKey []byte
	log     *slog.Logger
}

// userKeyMeta names the installation's secret for hashing platform user
// ids, shared by every replica through the meta table.
const userKeyMeta = "channels_user_key"

// New returns the service, enqueueing replies on q; the jobs run it once
// it is set with Replies.Serve (RegisterJobs).
func New(ctx context.Context, d *db.DB, q *jobs.Queue, asker Asker, opts Options) (*Service, error) {
	if err := errors.Join(opts.Zalo.Validate(), opts.Messenger.Validate()); err != nil {
		return nil, err
	}
	for name, on := range map[string]bool{Zalo: opts.Zalo.Enabled(), Messenger: opts.Messenger.Enabled()} {
		if on && opts.Senders[name] == nil {
			return nil, fmt.Errorf("channels: %s is on but has no sender", name)
		}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("channels: user key: %w", err)
	}
	key, err := d.MetaOnce(ctx, userKeyMeta, hex.EncodeToString(b[:]))
	if err != nil {
		return nil, err
	}
	return &Service{db: d, queue: q, asker: asker, opts: opts, userKey: []byte(key), log: opts.Logger}, nil
}

// Enabled reports whether channel is configured; the web layer answers 404
// for a channel that is not.
func (s *Service) Enabled(channel string) bool {
	if s == nil {
		return false
	}
	switch channel {
	case Zalo:
		return s.opts.Zalo.Enabled()
	case Messenger:
		return s.opts.Messenger.Enabled()
	}
	return false
}

// VerifyZalo checks a Zalo webhook's signature (see the package function).
func (s *Service) VerifyZalo(body []byte, header string) error {
	return VerifyZalo(s.opts.Zalo.AppID, s.opts.Zalo.OASecret, body, header)
}

// VerifyMessenger checks a Messenger webhook's signature.
func (s *Service) VerifyMessenger(body []byte, header string) error {
	return VerifyMessenger(s.opts.Messenger.AppSecret, body, header)
}

// MessengerChallenge answers Meta's subscription check.
func (s *Service) MessengerChallenge(q url.Values) (string, bool) {
	return MessengerChallenge(s.opts.Messenger.VerifyToken, q)
}

// UserKey is the pseudonym of a platform user: an HMAC of the channel and
// the user's id under the installation's secret. It keys the user's
// conversation (for a Zalo anonymous visitor, taken over the anonymous id
// and the conversation id together) and may key rate limits; it cannot be
// turned back into the id.
func (s *Service) UserKey(channel, userID string) string {
	m := hmac.New(sha256.New, s.userKey)
	m.Write([]byte(channel + "\x00" + userID))
	return hex.EncodeToString(m.Sum(nil))
}
