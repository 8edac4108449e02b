package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/ratelimit"
)

// assistantFeedbackRoutes let citizens say whether an answer helped: the
// JSON API the widget calls (open to every origin, like /ask) and a form
// on the page that works without JavaScript. Votes feed the back office's
// inbox (thumbs down) and analytics.
func (s *Server) assistantFeedbackRoutes() []Route {
	site, api := SurfaceSite, SurfaceAPI
	return []Route{
		{"POST", "/api/v1/assistant/feedback", PermPublic, nil, api, s.apiFeedback},
		{"OPTIONS", "/api/v1/assistant/feedback", PermPublic, nil, api, assistantCORS.preflight},
		{"POST", "/tro-ly/danh-gia", PermPublic, nil, site, s.assistantVoteForm},
	}
}

// feedbackPerClient limits votes per address. A person votes once per
// answer; the limit leaves room for a school or office behind one address
// and stops a script from filling the analytics.
var feedbackPerClient = ratelimit.Rule{Name: "assistant-feedback-ip", Max: 60, Window: time.Minute}

// maxFeedbackBody bounds a vote's JSON: an id, a number and a word.
const maxFeedbackBody = 1 << 10

// feedbackRequest is the JSON body of POST /api/v1/assistant/feedback.
type feedbackRequest struct {
	ConversationID string `json:"conversation_id"`
	Turn           int    `json:"turn"`
	Vote           string `json:"vote"`
}

func (s *Server) apiFeedback(w http.ResponseWriter, r *http.Request) error {
	assistantCORS.allow(w)
	w.Header().Set("Cache-Control", "no-store")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFeedbackBody))
	if err != nil {
		return badRequest("invalid_body", s.msg.T("assistant.feedback_too_large"))
	}
	var req feedbackRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return badRequest("invalid_json", s.msg.T("assistant.feedback_bad_json"))
	}
	f := assistant.Feedback{ConversationID: req.ConversationID, Turn: req.Turn, Vote: assistant.Vote(req.Vote)}
	if err := s.rate(r, f); err != nil {
		return err
	}
	return writeJSON(w, f)
}

// rate applies the rate limit and records the vote, turning the engine's
// refusals into 400s with its Vietnamese message.
func (s *Server) rate(r *http.Request, f assistant.Feedback) error {
	ok, err := s.cfg.Limiter.Allow(r.Context(), feedbackPerClient, clientIP(r))
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: s.msg.T("assistant.too_many")}
	}
	err = s.cfg.Assistant.Rate(r.Context(), f)
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return badRequest("invalid_"+invalid.Field, invalid.Message)
	}
	return err
}

// assistantVoteForm records a vote from the page's form and shows the
// page again, the conversation continuing, with a thank-you.
func (s *Server) assistantVoteForm(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, maxFeedbackBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("assistant.feedback_too_large"))
	}
	conv := r.PostForm.Get("conversation_id")
	turn, _ := strconv.Atoi(r.PostForm.Get("turn"))
	err := s.rate(r, assistant.Feedback{ConversationID: conv, Turn: turn, Vote: assistant.Vote(r.PostForm.Get("vote"))})
	view := assistantView{Base: s.assistantBase()}
	var he *Error
	if errors.As(err, &he) && he.Status < 500 {
		view.Error = he.Message
		return s.render(w, he.Status, "assistant", view)
	}
	if err != nil {
		return err
	}
	view.ConversationID, view.Feedback = conv, s.msg.T("assistant.feedback_thanks")
	turns, err := s.cfg.Assistant.Turns(r.Context(), conv)
	if err != nil {
		return err
	}
	for _, t := range turns {
		view.Asked = append(view.Asked, t.Question)
	}
	return s.render(w, http.StatusOK, "assistant", view)
}
