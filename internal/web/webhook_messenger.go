package web

import (
	"net/http"

	"github.com/loa-vn/loa/internal/channels"
)

// messengerVerify answers Meta's subscription check: the challenge echoed
// as plain text when hub.verify_token matches, 403 otherwise.
func (s *Server) messengerVerify(w http.ResponseWriter, r *http.Request) error {
	if s.channelOff(channels.Messenger) {
		return notFoundErr(s.msg.T("webhook.off"))
	}
	challenge, ok := s.cfg.Channels.MessengerChallenge(r.URL.Query())
	if !ok {
		return &Error{Status: http.StatusForbidden, Code: "verify_failed", Message: s.msg.T("webhook.verify_failed")}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write([]byte(challenge))
	return err
}

// messengerWebhook receives a batch of Messenger events (the page's
// "messages" and "messaging_postbacks" fields): signature first (401 and
// nothing changed when it fails), then users' messages — text, media, taps
// on the options of a clarifying question — are stored and their replies
// queued.
func (s *Server) messengerWebhook(w http.ResponseWriter, r *http.Request) error {
	if s.channelOff(channels.Messenger) {
		return notFoundErr(s.msg.T("webhook.off"))
	}
	body, err := s.readWebhook(w, r, maxMessengerBody)
	if err != nil {
		return err
	}
	if err := s.cfg.Channels.VerifyMessenger(body, r.Header.Get(channels.MessengerSignatureHeader)); err != nil {
		return s.badSignature(err)
	}
	msgs, err := channels.ParseMessenger(body)
	if err != nil {
		return badRequest("invalid_json", s.msg.T("webhook.bad_body"))
	}
	if err := s.receive(r, msgs); err != nil {
		return err
	}
	return webhookOK(w)
}
