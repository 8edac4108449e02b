package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/ratings"
	"github.com/loa-vn/loa/internal/staff"
)

// ratingRoutes are the ratings after a service: the form under every
// guide (it works without JavaScript), the JSON API used by the widget and
// other systems, the one-time links agencies' systems ask for, the public
// results and the back office's.
func (s *Server) ratingRoutes() []Route {
	site, api, admin := SurfaceSite, SurfaceAPI, SurfaceAdmin
	read := need(staff.PermDashboardRead)
	return []Route{
		{"GET", "/dich-vu/{slug}/danh-gia", PermPublic, nil, site, s.ratingPage},
		{"POST", "/dich-vu/{slug}/danh-gia", PermPublic, nil, site, s.ratingFormPost},
		{"GET", "/danh-gia/thong-ke", PermPublic, nil, site, s.ratingStatsPage},
		{"GET", "/danh-gia/thong-ke.json", PermPublic, nil, site, s.ratingStatsJSON},
		{"GET", "/danh-gia/{code}", PermPublic, nil, site, s.ratingLinkPage},
		{"POST", "/danh-gia/{code}", PermPublic, nil, site, s.ratingLinkPost},
		{"POST", "/api/v1/ratings", PermPublic, nil, api, s.apiRating},
		{"OPTIONS", "/api/v1/ratings", PermPublic, nil, api, ratingCORS.preflight},
		{"POST", "/api/v1/rating-links", need(staff.PermRatingLinkCreate), nil, api, s.apiRatingLink},
		{"GET", "/quan-tri/danh-gia", read, nil, admin, s.adminRatings},
		{"GET", "/quan-tri/danh-gia.csv", read, nil, admin, s.adminRatingsCSV},
	}
}

// ratingSitePages and ratingAdminPages are the templates of this file's
// pages, parsed with the others.
var (
	ratingSitePages  = []string{"rating", "rating_stats"}
	ratingAdminPages = []string{"ratings"}
)

// Ratings are public writes: limited per address, and per service so that
// many addresses cannot flood one service's results. A one-stop counter's
// tablet rates from one address all day, hence the generous per-address
// limit.
var (
	ratingPerClient  = ratelimit.Rule{Name: "rating-ip", Max: 30, Window: 10 * time.Minute}
	ratingPerService = ratelimit.Rule{Name: "rating-service", Max: 600, Window: time.Minute}
)

// allowRating applies the rate limits of a rating of service (a national
// code, or "" for a one-time link, which can rate only once anyway).
func (s *Server) allowRating(r *http.Request, service string) error {
	ok, err := s.cfg.Limiter.Allow(r.Context(), ratingPerClient, clientIP(r))
	if err == nil && ok && service != "" {
		ok, err = s.cfg.Limiter.Allow(r.Context(), ratingPerService, service)
	}
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: s.msg.T("rating.too_many")}
	}
	return nil
}

// ratingError turns the store's errors into answers with Vietnamese
// messages; anything else stays a 500.
func (s *Server) ratingError(err error) error {
	var inv *ratings.InvalidError
	switch {
	case errors.As(err, &inv):
		f := inv.First()
		return badRequest("invalid_"+f.Field, f.Message)
	case errors.Is(err, ratings.ErrKeyReused):
		return &Error{Status: http.StatusUnprocessableEntity, Code: "idempotency_key_reused", Message: s.msg.T("rating.key_reused")}
	case errors.Is(err, ratings.ErrNotFound):
		return notFoundErr(s.msg.T("rating.link_not_found"))
	case errors.Is(err, ratings.ErrLinkUsed):
		return &Error{Status: http.StatusGone, Code: "link_used", Message: s.msg.T("rating.link_used")}
	case errors.Is(err, ratings.ErrLinkExpired):
		return &Error{Status: http.StatusGone, Code: "link_expired", Message: s.msg.T("rating.link_expired")}
	}
	return err
}

// ratingLevelChoice is one radio button of the scale.
type ratingLevelChoice struct {
	Value   int
	Label   string
	Checked bool
}

// ratingDriverChoice is one driver, offered under "went well" and "did not".
type ratingDriverChoice struct {
	Value, Good, Bad string
	Well, Not        bool
}

// ratingFormView is the rating form partial (templates/rating_form.html).
type ratingFormView struct {
	Action  string
	Levels  []ratingLevelChoice
	Drivers []ratingDriverChoice
	Comment string
	Max     int
	Error   string
	// Open unfolds the optional part (drivers, comment), when it was used.
	Open bool
}

// newRatingForm returns the empty form posting to action. It depends on
// nothing but action, so the service page that includes it stays
// cacheable.
func newRatingForm(action string) ratingFormView {
	f := ratingFormView{Action: action, Max: ratings.MaxComment}
	for _, l := range ratings.Levels() {
		f.Levels = append(f.Levels, ratingLevelChoice{Value: int(l), Label: l.Name()})
	}
	for _, d := range ratings.Drivers() {
		f.Drivers = append(f.Drivers, ratingDriverChoice{Value: string(d), Good: d.Good(), Bad: d.Bad()})
	}
	return f
}

// serviceRatingForm is the form under a guide (template function
// ratingForm).
func serviceRatingForm(slug string) ratingFormView {
	return newRatingForm("/dich-vu/" + url.PathEscape(slug) + "/danh-gia")
}

// maxRatingBody bounds a rating: 1,000 characters of Vietnamese are at
// most 4,000 bytes, and the rest is small.
const maxRatingBody = 8 << 10

// readRatingForm reads a posted form into a submission and refills the
// form with what was chosen, for showing it again with an error.
func readRatingForm(v url.Values, form *ratingFormView) ratings.Submission {
	var in ratings.Submission
	if n, err := strconv.Atoi(v.Get("level")); err == nil {
		in.Level = ratings.Level(n)
	}
	for _, d := range v["well"] {
		in.WentWell = append(in.WentWell, ratings.Driver(d))
	}
	for _, d := range v["not"] {
		in.DidNot = append(in.DidNot, ratings.Driver(d))
	}
	in.Comment = v.Get("comment")
	for i := range form.Levels {
		form.Levels[i].Checked = form.Levels[i].Value == int(in.Level)
	}
	for i := range form.Drivers {
		d := &form.Drivers[i]
		d.Well, d.Not = slices.Contains(v["well"], d.Value), slices.Contains(v["not"], d.Value)
		form.Open = form.Open || d.Well || d.Not
	}
	form.Comment = in.Comment
	form.Open = form.Open || in.Comment != ""
	return in
}

// ratingPageView is the standalone rating page: a service's (for a QR code
// at the counter, and for the form's answers) or a one-time link's.
type ratingPageView struct {
	Base    Base
	Service *catalog.Service
	Agency  string
	Form    ratingFormView
	// Thanks shows the acknowledgement instead of the form.
	Thanks bool
	// Gone says why a link can no longer rate.
	Gone string
}

func (s *Server) serviceRatingView(svc *catalog.Service) ratingPageView {
	return ratingPageView{
		Base:    Base{Title: s.msg.T("rating.title"), Description: svc.Name},
		Service: svc, Form: serviceRatingForm(svc.Slug),
	}
}

// ratingPage shows a service's rating form alone, or the thanks after it
// was sent (the form redirects here, so reloading does not send it again).
func (s *Server) ratingPage(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	view := s.serviceRatingView(svc)
	if r.URL.Query().Has("cam-on") {
		view.Thanks = true
		w.Header().Set("Cache-Control", "no-store")
	}
	return s.render(w, http.StatusOK, "rating", view)
}

// honeypot reports whether the hidden field that people never see was
// filled: a robot. It is answered as if accepted, so it learns nothing.
func honeypot(v url.Values) bool { return v.Get("website") != "" }

// ratingFormPost stores a rating sent from the form under a guide.
func (s *Server) ratingFormPost(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, maxRatingBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("rating.too_large"))
	}
	thanks := "/dich-vu/" + url.PathEscape(svc.Slug) + "/danh-gia?cam-on"
	if honeypot(r.PostForm) {
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return nil
	}
	view := s.serviceRatingView(svc)
	in := readRatingForm(r.PostForm, &view.Form)
	in.Service, in.Source = svc.Code, ratings.SourcePage
	if r.PostForm.Get("nguon") == string(ratings.SourceAssistant) {
		in.Source = ratings.SourceAssistant
	}
	err = s.allowRating(r, svc.Code)
	if err == nil {
		_, err = s.cfg.Ratings.Submit(r.Context(), in, "")
	}
	if err != nil {
		return s.ratingFormError(w, err, view)
	}
	http.Redirect(w, r, thanks, http.StatusSeeOther)
	return nil
}

// ratingFormError shows the form again with the message of a client error;
// other errors go to the adapter.
func (s *Server) ratingFormError(w http.ResponseWriter, err error, view ratingPageView) error {
	var he *Error
	if !errors.As(s.ratingError(err), &he) || he.Status >= 500 {
		return err
	}
	if he.Status == http.StatusGone || he.Status == http.StatusNotFound {
		view.Gone = he.Message
	} else {
		view.Form.Error = he.Message
		view.Form.Open = view.Form.Open || he.Code == "invalid_comment" || he.Code == "invalid_did_not" || he.Code == "invalid_went_well"
	}
	return s.render(w, he.Status, "rating", view)
}

// ratingRequest is the JSON body of POST /api/v1/ratings. Service is a
// slug or national code; Link is the code of a one-time link instead
// (then service and agency are the link's).
type ratingRequest struct {
	Service  string   `json:"service"`
	Agency   string   `json:"agency"`
	Level    int      `json:"level"`
	WentWell []string `json:"went_well"`
	DidNot   []string `json:"did_not"`
	Comment  string   `json:"comment"`
	Source   string   `json:"source"`
	Link     string   `json:"link"`
}

// ratingResponse is the answer to an accepted rating; a repeat with the
// same Idempotency-Key gets it again, byte for byte.
type ratingResponse struct {
	ratings.Receipt
	Message string `json:"message"`
}

// apiRating stores a rating sent as JSON. With an Idempotency-Key header a
// client may resend until it gets an answer: the rating is stored once
// and every repeat gets the first answer (with Idempotent-Replayed: true).
func (s *Server) apiRating(w http.ResponseWriter, r *http.Request) error {
	ratingCORS.allow(w)
	w.Header().Set("Cache-Control", "no-store")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRatingBody))
	if err != nil {
		return badRequest("invalid_body", s.msg.T("rating.too_large"))
	}
	var req ratingRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return badRequest("invalid_json", s.msg.T("rating.bad_json"))
	}
	in := ratings.Submission{Service: req.Service, Agency: req.Agency, Level: ratings.Level(req.Level),
		Comment: req.Comment, Source: ratings.Source(req.Source)}
	for _, d := range req.WentWell {
		in.WentWell = append(in.WentWell, ratings.Driver(d))
	}
	for _, d := range req.DidNot {
		in.DidNot = append(in.DidNot, ratings.Driver(d))
	}
	key := r.Header.Get("Idempotency-Key")
	limitKey := req.Service
	if req.Link != "" {
		limitKey = ""
	}
	if err := s.allowRating(r, limitKey); err != nil {
		return err
	}
	var out ratings.Outcome
	if req.Link != "" {
		out, err = s.cfg.Ratings.SubmitLink(r.Context(), req.Link, in, key)
	} else {
		out, err = s.cfg.Ratings.Submit(r.Context(), in, key)
	}
	if err != nil {
		return s.ratingError(err)
	}
	if out.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(ratingResponse{Receipt: out.Receipt, Message: s.msg.T("rating.thanks")})
}
