package web

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/ratelimit"
)

// channelRoutes are the chat platforms' webhooks. They answer 404 while
// their channel is not configured; their callers are the platforms, which
// prove who they are by signing the body, checked before anything else.
func (s *Server) channelRoutes() []Route {
	api := SurfaceAPI
	return []Route{
		{"POST", "/webhooks/zalo", PermPublic, nil, api, s.zaloWebhook},
		{"GET", "/webhooks/messenger", PermPublic, nil, api, s.messengerVerify},
		{"POST", "/webhooks/messenger", PermPublic, nil, api, s.messengerWebhook},
	}
}

// Webhook bodies are small: one Zalo event, or a batch of Messenger
// events of at most a few thousand characters each.
const (
	maxZaloBody      = 64 << 10
	maxMessengerBody = 256 << 10
)

// askPerChatUser limits one platform user's messages, as askPerClient does
// for an address: the platform's servers share a few addresses, so the
// limit is per user. Messages over it are acknowledged and dropped.
var askPerChatUser = ratelimit.Rule{Name: "assistant-chat-user", Max: 20, Window: time.Minute}

// channelOff is the 404 of a channel that is not configured.
func (s *Server) channelOff(channel string) bool {
	return s.cfg.Channels == nil || !s.cfg.Channels.Enabled(channel)
}

// readWebhook reads a webhook's raw body, up to limit bytes.
func (s *Server) readWebhook(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: s.msg.T("webhook.too_large")}
		}
		return nil, badRequest("invalid_body", s.msg.T("webhook.bad_body"))
	}
	return body, nil
}

// badSignature is the 401 of an unsigned or wrongly signed call.
func (s *Server) badSignature(err error) error {
	code := "bad_signature"
	if errors.Is(err, channels.ErrNoSignature) {
		code = "missing_signature"
	}
	return &Error{Status: http.StatusUnauthorized, Code: code, Message: s.msg.T("webhook.bad_signature")}
}

// receive queues the messages of a verified webhook call for the
// assistant. A user over the rate limit is dropped silently: the platform
// only needs to know the call arrived.
func (s *Server) receive(r *http.Request, msgs []channels.Message) error {
	base := s.baseURL(r)
	for _, m := range msgs {
		ok, err := s.cfg.Limiter.Allow(r.Context(), askPerChatUser, s.cfg.Channels.UserKey(m.Channel, m.UserID))
		if err != nil {
			return err
		}
		if !ok {
			s.log.WarnContext(r.Context(), "webhook: message over the rate limit dropped", "channel", m.Channel,
				"request_id", requestID(r.Context()))
			continue
		}
		if _, err := s.cfg.Channels.Receive(r.Context(), m, base); err != nil {
			return err
		}
	}
	return nil
}

// webhookOK is the platforms' expected quick answer.
func webhookOK(w http.ResponseWriter) error {
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, map[string]bool{"ok": true})
}
