package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/ratelimit"
)

// assistantRoutes are the assistant's surfaces: the JSON API used by the
// site, the widget and the channels, and a page that works without
// JavaScript.
func (s *Server) assistantRoutes() []Route {
	site, api := SurfaceSite, SurfaceAPI
	return []Route{
		{"POST", "/api/v1/assistant/ask", PermPublic, nil, api, s.apiAsk},
		{"OPTIONS", "/api/v1/assistant/ask", PermPublic, nil, api, assistantCORS.preflight},
		{"GET", "/tro-ly", PermPublic, nil, site, s.assistantPage},
		{"POST", "/tro-ly", PermPublic, nil, site, s.assistantForm},
		{"GET", "/tro-ly/nhung", PermPublic, nil, site, s.widgetDemo},
	}
}

// Questions are public writes: limited per address, and per conversation
// so that one chat cannot flood the inbox from many addresses.
var (
	askPerClient       = ratelimit.Rule{Name: "assistant-ip", Max: 60, Window: time.Minute}
	askPerConversation = ratelimit.Rule{Name: "assistant-conversation", Max: 30, Window: time.Minute}
)

// maxAskBody bounds a request: 1,000 characters of Vietnamese are at most
// 4,000 bytes, plus the JSON around them.
const maxAskBody = 8 << 10

// askRequest is the JSON body of POST /api/v1/assistant/ask.
type askRequest struct {
	Question       string `json:"question"`
	ConversationID string `json:"conversation_id"`
	Channel        string `json:"channel"`
}

func (s *Server) apiAsk(w http.ResponseWriter, r *http.Request) error {
	assistantCORS.allow(w)
	w.Header().Set("Cache-Control", "no-store")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAskBody))
	if err != nil {
		return badRequest("invalid_body", s.msg.T("assistant.too_large"))
	}
	var req askRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return badRequest("invalid_json", s.msg.T("assistant.bad_json"))
	}
	ans, err := s.ask(r, assistant.Request{Question: req.Question, ConversationID: req.ConversationID, Channel: req.Channel})
	if err != nil {
		return err
	}
	return writeJSON(w, ans)
}

// ask applies the rate limits and asks the engine, turning its input
// errors into 400s with the engine's Vietnamese message.
func (s *Server) ask(r *http.Request, req assistant.Request) (*assistant.Answer, error) {
	ok, err := s.cfg.Limiter.Allow(r.Context(), askPerClient, clientIP(r))
	if err == nil && ok && req.ConversationID != "" {
		ok, err = s.cfg.Limiter.Allow(r.Context(), askPerConversation, req.ConversationID)
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: s.msg.T("assistant.too_many")}
	}
	ans, err := s.cfg.Assistant.Ask(r.Context(), req)
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return nil, badRequest("invalid_"+invalid.Field, invalid.Message)
	}
	if err != nil {
		return nil, err
	}
	// The links in the text lead to this site from wherever the answer is
	// read: the widget shows it on another agency's portal. (Ask returns
	// a new answer each time.)
	ans.Answer = ans.AbsoluteText(s.baseURL(r))
	return ans, nil
}

type assistantView struct {
	Base           Base
	ConversationID string
	Asked          []string
	Question       string
	Answer         *assistant.Answer
	Error          string
	// Feedback thanks the citizen for a vote (assistant_feedback.go).
	Feedback string
}

func (s *Server) assistantPage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, http.StatusOK, "assistant", assistantView{Base: s.assistantBase()})
}

func (s *Server) assistantBase() Base {
	return Base{Title: s.msg.T("assistant.title"), Description: s.msg.T("assistant.lead")}
}

// assistantForm answers the page's form, for phones without JavaScript:
// the conversation continues through a hidden field.
func (s *Server) assistantForm(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, maxAskBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("assistant.too_large"))
	}
	view := assistantView{Base: s.assistantBase(), Question: r.PostForm.Get("question")}
	ans, err := s.ask(r, assistant.Request{Question: view.Question, ConversationID: r.PostForm.Get("conversation_id"), Channel: "web"})
	var he *Error
	if errors.As(err, &he) && he.Status < 500 {
		view.Error, view.ConversationID = he.Message, r.PostForm.Get("conversation_id")
		return s.render(w, he.Status, "assistant", view)
	}
	if err != nil {
		return err
	}
	view.Answer, view.ConversationID = ans, ans.ConversationID
	turns, err := s.cfg.Assistant.Turns(r.Context(), ans.ConversationID)
	if err != nil {
		return err
	}
	for _, t := range turns[:max(0, len(turns)-1)] {
		view.Asked = append(view.Asked, t.Question)
	}
	return s.render(w, http.StatusOK, "assistant", view)
}

type widgetDemoView struct {
	Base   Base
	Script string
}

// widgetDemo shows how a portal embeds the assistant, with the widget on
// the page itself.
func (s *Server) widgetDemo(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "widget", widgetDemoView{
		Base:   Base{Title: s.msg.T("assistant.embed_title"), Description: s.msg.T("assistant.embed_lead")},
		Script: `<script src="` + s.baseURL(r) + `/static/widget.js" data-agency="UBND-01" defer></script>`,
	})
}
