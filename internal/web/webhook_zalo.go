package web

import (
	"net/http"

	"github.com/loa-vn/loa/internal/channels"
)

// zaloWebhook receives a Zalo Official Account event. The signature is
// checked first; an unsigned or wrongly signed call gets 401 and changes
// nothing. A verified user message (text, or media answered with a
// notice) is stored and its reply queued, and Zalo gets its 200 at once
// (it waits two seconds, then delivers again).
func (s *Server) zaloWebhook(w http.ResponseWriter, r *http.Request) error {
	if s.channelOff(channels.Zalo) {
		return notFoundErr(s.msg.T("webhook.off"))
	}
	body, err := s.readWebhook(w, r, maxZaloBody)
	if err != nil {
		return err
	}
	if err := s.cfg.Channels.VerifyZalo(body, r.Header.Get(channels.ZaloSignatureHeader)); err != nil {
		return s.badSignature(err)
	}
	msgs, err := channels.ParseZalo(body)
	if err != nil {
		return badRequest("invalid_json", s.msg.T("webhook.bad_body"))
	}
	if err := s.receive(r, msgs); err != nil {
		return err
	}
	return webhookOK(w)
}
