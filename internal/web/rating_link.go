package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/ratings"
)

// ratingLinksPerToken bounds how fast one agency's system asks for links:
// far above one per dossier, low enough that a runaway loop is stopped.
var ratingLinksPerToken = ratelimit.Rule{Name: "rating-link-token", Max: 1200, Window: time.Minute}

// ratingLinkRequest is the JSON body of POST /api/v1/rating-links.
type ratingLinkRequest struct {
	// Service is the slug or national code of the service of the dossier.
	Service string `json:"service"`
	// Agency is the agency that handled the dossier; empty means the
	// token's own agency. It must lie within the token's scope.
	Agency string `json:"agency"`
	// TTLDays is the link's lifetime in days; 0 means 30.
	TTLDays int `json:"ttl_days"`
}

// ratingLinkResponse is the created link: URL is shown once (only a hash
// of its code is stored).
type ratingLinkResponse struct {
	URL       string    `json:"url"`
	Service   string    `json:"service"`
	Agency    string    `json:"agency"`
	ExpiresAt time.Time `json:"expires_at"`
}

// apiRatingLink creates a one-time rating link for an agency's system,
// authenticated by its API token (checked by the adapter), for an agency
// within the token's scope.
func (s *Server) apiRatingLink(w http.ResponseWriter, r *http.Request) error {
	tok := apiToken(r)
	if tok == nil {
		return &Error{Status: http.StatusUnauthorized, Code: "token_required", Message: s.msg.T("api.token_required")}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 4<<10))
	if err != nil {
		return badRequest("invalid_body", s.msg.T("rating.too_large"))
	}
	var req ratingLinkRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return badRequest("invalid_json", s.msg.T("rating.bad_json"))
	}
	if req.Agency == "" {
		req.Agency = tok.Agency
	}
	if !s.cfg.Staff.InScope(tok.Agency, req.Agency) {
		return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: s.msg.T("api.token_forbidden")}
	}
	if req.TTLDays < 0 || req.TTLDays > int(ratings.MaxLinkTTL/(24*time.Hour)) {
		return badRequest("invalid_ttl", s.msg.T("rating.bad_ttl"))
	}
	ok, err := s.cfg.Limiter.Allow(r.Context(), ratingLinksPerToken, "token:"+strconv.FormatInt(tok.ID, 10))
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: s.msg.T("rating.too_many")}
	}
	code, link, err := s.cfg.Ratings.CreateLink(r.Context(), ratings.NewLink{
		Service: req.Service, Agency: req.Agency, TokenID: tok.ID, TTL: time.Duration(req.TTLDays) * 24 * time.Hour,
	})
	if err != nil {
		return s.ratingError(err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(ratingLinkResponse{
		URL: s.baseURL(r) + "/danh-gia/" + code, Service: link.ServiceCode, Agency: link.Agency, ExpiresAt: link.ExpiresAt,
	})
}

// ratingLinkView builds the one-time page of link: its service and agency
// named, the form posting back to the link.
func (s *Server) ratingLinkView(r *http.Request, code string, link *ratings.Link) ratingPageView {
	view := ratingPageView{
		Base:   Base{Title: s.msg.T("rating.title")},
		Agency: s.agencyNameCtx(r.Context(), link.Agency),
		Form:   newRatingForm("/danh-gia/" + url.PathEscape(code)),
	}
	if svc := s.cfg.Catalog.Current().ByCode(link.ServiceCode); svc != nil {
		view.Service, view.Base.Description = svc, svc.Name
	} else {
		view.Service = &catalog.Service{Code: link.ServiceCode, Name: link.ServiceCode}
	}
	return view
}

// ratingLink loads the one-time link whose code is in the URL. The URL is
// the credential, so no answer about it is cached or indexed.
func (s *Server) ratingLink(w http.ResponseWriter, r *http.Request) (string, *ratings.Link, error) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	code := r.PathValue("code")
	link, err := s.cfg.Ratings.LinkByCode(r.Context(), code)
	if err != nil {
		return code, nil, s.ratingError(err)
	}
	return code, link, nil
}

// ratingLinkPage is the page a one-time link opens.
func (s *Server) ratingLinkPage(w http.ResponseWriter, r *http.Request) error {
	code, link, err := s.ratingLink(w, r)
	if err != nil {
		return err
	}
	view := s.ratingLinkView(r, code, link)
	status := http.StatusOK
	switch {
	case link.Used() && r.URL.Query().Has("cam-on"):
		view.Thanks = true
	case link.Used():
		view.Gone, status = s.msg.T("rating.link_used"), http.StatusGone
	case link.Expired(time.Now()):
		view.Gone, status = s.msg.T("rating.link_expired"), http.StatusGone
	}
	return s.render(w, status, "rating", view)
}

// ratingLinkPost stores the rating sent through a one-time link.
func (s *Server) ratingLinkPost(w http.ResponseWriter, r *http.Request) error {
	code, link, err := s.ratingLink(w, r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRatingBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("rating.too_large"))
	}
	thanks := "/danh-gia/" + url.PathEscape(code) + "?cam-on"
	if honeypot(r.PostForm) {
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return nil
	}
	view := s.ratingLinkView(r, code, link)
	in := readRatingForm(r.PostForm, &view.Form)
	err = s.allowRating(r, "")
	if err == nil {
		_, err = s.cfg.Ratings.SubmitLink(r.Context(), code, in, "")
	}
	if err != nil {
		return s.ratingFormError(w, err, view)
	}
	http.Redirect(w, r, thanks, http.StatusSeeOther)
	return nil
}
