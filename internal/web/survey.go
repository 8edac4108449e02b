package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/surveys"
)

// surveyRoutes are the citizens' side of surveys: the hosted page (one
// page of questions at a time, routed on the server, without JavaScript),
// the same page for an iframe, the thanks, the QR code and the results the
// owner chose to publish.
func (s *Server) surveyRoutes() []Route {
	site := SurfaceSite
	return []Route{
		{"GET", "/khao-sat/{slug}", PermPublic, nil, site, s.surveyStart},
		{"POST", "/khao-sat/{slug}", PermPublic, nil, site, s.surveyPost},
		{"GET", "/khao-sat/{slug}/cam-on", PermPublic, nil, site, s.surveyThanks},
		{"GET", "/khao-sat/{slug}/nhung", PermPublic, nil, site, s.surveyStart},
		{"POST", "/khao-sat/{slug}/nhung", PermPublic, nil, site, s.surveyPost},
		{"GET", "/khao-sat/{slug}/nhung/cam-on", PermPublic, nil, site, s.surveyThanks},
		{"GET", "/khao-sat/{slug}/qr.svg", PermPublic, nil, site, s.surveyQR},
		{"GET", "/khao-sat/{slug}/ket-qua", PermPublic, nil, site, s.surveyPublicResults},
	}
}

// surveySitePages are this feature's public templates. survey_embed has
// its own bare layout for iframes.
var surveySitePages = []string{"survey", "survey_embed", "survey_thanks", "survey_results"}

// Responses are public writes: limited per address, and per survey so that
// many addresses cannot flood one survey. Every page posted counts, so
// the per-address limit allows a few long surveys in a row from one
// shared connection (a one-stop counter's tablet).
var (
	surveyPerClient = ratelimit.Rule{Name: "survey-ip", Max: 120, Window: 10 * time.Minute}
	surveyPerForm   = ratelimit.Rule{Name: "survey-form", Max: 1200, Window: time.Minute}
)

// Request size limits: a page of questions is small; a page with file
// questions may carry one file per question, each up to the 5 MB limit
// (the question's own limit is checked after sniffing, with a clear
// message; this bound only stops abuse).
const (
	maxSurveyForm   = 256 << 10
	maxSurveyUpload = 2*surveys.MaxFileKB<<10 + maxSurveyForm
)

// embedded reports whether the request came through the iframe routes.
func embedded(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, "/nhung") || strings.Contains(r.URL.Path, "/nhung/")
}

// allowFraming lets any site put the page in an iframe: only the survey's
// embed routes call it, every other page keeps frame-ancestors 'none'.
func allowFraming(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'")
	h.Del("X-Frame-Options")
}

// surveyBase returns the survey named in the path, and its URL prefix.
func (s *Server) surveyBySlug(r *http.Request) (*surveys.Survey, error) {
	sv, err := s.cfg.Surveys.BySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(err, surveys.ErrNotFound) {
		return nil, notFoundErr(s.msg.T("survey.not_found"))
	}
	return sv, err
}

// surveyURL is the path of the survey's form: the hosted page or the
// iframe's.
func surveyURL(sv *surveys.Survey, embed bool) string {
	u := "/khao-sat/" + sv.Slug
	if embed {
		u += "/nhung"
	}
	return u
}

// newFormToken draws the token a form carries from its first page to the
// last, used as the idempotency key of the response.
func newFormToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "form-" + hex.EncodeToString(b[:])
}

// surveyHeaders marks a survey page as never to be cached (it carries the
// answers given so far) and lets a portal frame it when it is embedded,
// which it reports.
func surveyHeaders(w http.ResponseWriter, r *http.Request) bool {
	w.Header().Set("Cache-Control", "no-store")
	embed := embedded(r)
	if embed {
		allowFraming(w)
	}
	return embed
}

// surveyStart shows the first page, or says the survey is not open.
func (s *Server) surveyStart(w http.ResponseWriter, r *http.Request) error {
	embed := surveyHeaders(w, r)
	sv, err := s.surveyBySlug(r)
	if err != nil {
		return err
	}
	if !sv.Accepting() {
		return s.renderSurveyClosed(w, sv, embed)
	}
	v, err := s.cfg.Surveys.Live(r.Context(), sv)
	if err != nil {
		return err
	}
	f := &surveyForm{sv: sv, v: v, raw: surveys.Answers{}, token: newFormToken(), embed: embed}
	return s.renderSurveyPage(w, r, http.StatusOK, f, 0, nil, "")
}

func (s *Server) renderSurveyClosed(w http.ResponseWriter, sv *surveys.Survey, embed bool) error {
	view := surveyPageView{Base: Base{Title: sv.Title}, Title: sv.Title, Closed: true, Embed: embed,
		ResultsURL: resultsURL(sv)}
	return s.render(w, http.StatusOK, surveyTemplate(embed), view)
}

func resultsURL(sv *surveys.Survey) string {
	if sv.ResultsPublic {
		return "/khao-sat/" + sv.Slug + "/ket-qua"
	}
	return ""
}

func surveyTemplate(embed bool) string {
	if embed {
		return "survey_embed"
	}
	return "survey"
}

// surveyPost takes one posted page: it goes back, reloads the page (to
// list a province's communes), or validates everything up to this page
// and shows the next one — or, after the last page, stores the response.
func (s *Server) surveyPost(w http.ResponseWriter, r *http.Request) error {
	embed := surveyHeaders(w, r)
	sv, err := s.surveyBySlug(r)
	if err != nil {
		return err
	}
	if err := s.allowSurvey(r, sv); err != nil {
		return err
	}
	if !sv.Accepting() {
		return s.renderSurveyClosed(w, sv, embed)
	}
	v, err := s.cfg.Surveys.Live(r.Context(), sv)
	if err != nil {
		return err
	}
	if err := parseSurveyForm(w, r, v.Definition.HasFiles()); err != nil {
		return badRequest("invalid_form", s.msg.T("survey.too_large"))
	}
	thanks := surveyURL(sv, embed) + "/cam-on"
	// A robot fills the field people cannot see: it is told "thank you"
	// and nothing is stored.
	if r.PostFormValue("website") != "" {
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return nil
	}
	f := &surveyForm{sv: sv, v: v, embed: embed, token: r.PostFormValue("token")}
	if key := r.Header.Get("Idempotency-Key"); key != "" {
		f.token = key
	}
	if !surveys.ValidIdempotencyKey(f.token) {
		f.token = newFormToken()
	}
	// The same form sent again after it was stored (a double tap, a
	// reload): the first response stands.
	if _, err := s.cfg.Surveys.ResponseByKey(r.Context(), sv.ID, f.token); err == nil {
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return nil
	} else if !errors.Is(err, surveys.ErrNotFound) {
		return err
	}
	def := v.Definition
	page := def.PageIndex(r.PostFormValue("page"))
	if page < 0 {
		page = 0
	}
	f.raw = readState(r.PostFormValue("state"))
	uploadErrs := s.readPage(r, f, page)
	lk := s.cfg.Surveys.Lookup(r.Context(), sv.ID)
	switch r.PostFormValue("action") {
	case "back":
		st := def.Walk(f.raw, def.Pages[page].ID, lk)
		prev := 0
		for i, p := range st.Path {
			if p == page && i > 0 {
				prev = st.Path[i-1]
			}
		}
		return s.renderSurveyPage(w, r, http.StatusOK, f, prev, nil, "")
	case "refresh":
		return s.renderSurveyPage(w, r, http.StatusOK, f, page, uploadErrs, "")
	}
	st := def.Walk(f.raw, def.Pages[page].ID, lk)
	if len(uploadErrs) > 0 && (st.Page == page || st.Page < 0 || len(st.Errors) == 0) {
		// An upload refused on this page: show it with its message, and
		// any other problem of the page.
		errs := uploadErrs
		if st.Page == page {
			errs = mergeErrors(uploadErrs, st.Errors)
		}
		return s.renderSurveyPage(w, r, http.StatusUnprocessableEntity, f, page, errs, "")
	}
	if len(st.Errors) > 0 {
		return s.renderSurveyPage(w, r, http.StatusUnprocessableEntity, f, st.Page, st.Errors, "")
	}
	if !st.Done {
		return s.renderSurveyPage(w, r, http.StatusOK, f, st.Page, nil, "")
	}
	channel := "web"
	if embed {
		channel = "embed"
	}
	_, err = s.cfg.Surveys.Submit(r.Context(), sv.ID, surveys.Submission{Raw: f.raw, IdempotencyKey: f.token, Channel: channel})
	var inv *surveys.InvalidError
	switch {
	case errors.As(err, &inv):
		return s.renderSurveyPage(w, r, http.StatusUnprocessableEntity, f, pageOf(def, inv.Fields), inv.Fields, "")
	case errors.Is(err, surveys.ErrAlreadyResponded):
		return s.renderSurveyPage(w, r, http.StatusConflict, f, 0, nil, s.msg.T("survey.already"))
	case errors.Is(err, surveys.ErrClosed):
		return s.renderSurveyClosed(w, sv, embed)
	case err != nil:
		return err
	}
	http.Redirect(w, r, thanks, http.StatusSeeOther)
	return nil
}

// allowSurvey applies the rate limits of a posted page.
func (s *Server) allowSurvey(r *http.Request, sv *surveys.Survey) error {
	ok, err := s.cfg.Limiter.Allow(r.Context(), surveyPerClient, clientIP(r))
	if err == nil && ok {
		ok, err = s.cfg.Limiter.Allow(r.Context(), surveyPerForm, sv.Slug)
	}
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", Message: s.msg.T("survey.too_many")}
	}
	return nil
}

// parseSurveyForm reads the posted page within the size limits.
func parseSurveyForm(w http.ResponseWriter, r *http.Request, files bool) error {
	if files && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, maxSurveyUpload)
		return r.ParseMultipartForm(1 << 20)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSurveyForm)
	return r.ParseForm()
}

// readState reads the answers of the other pages, carried in a hidden
// field as JSON. Anything malformed is dropped: every answer is validated
// again anyway.
func readState(s string) surveys.Answers {
	out := surveys.Answers{}
	if s == "" || len(s) > maxSurveyForm {
		return out
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return surveys.Answers{}
	}
	return out
}

// readPage puts the posted answers of the page's questions into f.raw and
// stores the files chosen on it; refused files come back as errors.
func (s *Server) readPage(r *http.Request, f *surveyForm, page int) []surveys.FieldError {
	def := f.v.Definition
	var errs []surveys.FieldError
	form := r.PostForm
	if page == 0 && def.Identity != surveys.IdentityNone {
		f.raw[surveys.IdentityField] = form["identity"]
	}
	for _, q := range def.Pages[page].Questions {
		name := "q_" + q.ID
		switch q.Type {
		case surveys.TypePlace:
			f.raw[q.ID] = []string{form.Get(name), form.Get(name + "_xa")}
		case surveys.TypeFile:
			f.raw[q.ID] = form[name] // the token of a file uploaded earlier
			if r.MultipartForm == nil || len(r.MultipartForm.File[name]) == 0 {
				continue
			}
			fh := r.MultipartForm.File[name][0]
			if fh.Size == 0 && fh.Filename == "" {
				continue
			}
			var inv *surveys.InvalidError
			if err := surveys.CheckFileSize(&q, fh.Size); errors.As(err, &inv) {
				errs = append(errs, inv.Fields...)
				delete(f.raw, q.ID)
				continue
			}
			data, err := readUpload(fh, q.FileLimitKB()<<10)
			if err != nil {
				errs = append(errs, surveys.FieldError{Field: q.ID, Message: s.msg.T("survey.upload_failed")})
				continue
			}
			file, err := s.cfg.Surveys.SaveFile(r.Context(), f.sv, &q, fh.Filename, data)
			if errors.As(err, &inv) {
				errs = append(errs, inv.Fields...)
				delete(f.raw, q.ID)
				continue
			}
			if err != nil {
				errs = append(errs, surveys.FieldError{Field: q.ID, Message: s.msg.T("survey.upload_failed")})
				continue
			}
			f.raw[q.ID] = []string{file.Token}
		default:
			f.raw[q.ID] = form[name]
		}
	}
	return errs
}

// readUpload reads at most limit+1 bytes: a file whose declared size lied
// is still recognised as too large without reading all of it.
func readUpload(fh *multipart.FileHeader, limit int) ([]byte, error) {
	file, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, int64(limit)+1))
}

// mergeErrors puts upload errors first, then the page's other problems
// about other questions.
func mergeErrors(first, more []surveys.FieldError) []surveys.FieldError {
	out := append([]surveys.FieldError{}, first...)
	for _, e := range more {
		dup := false
		for _, f := range first {
			dup = dup || f.Field == e.Field
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

// pageOf is the page of the first field with a problem.
func pageOf(def *surveys.Definition, errs []surveys.FieldError) int {
	for _, e := range errs {
		for i, p := range def.Pages {
			for _, q := range p.Questions {
				if q.ID == e.Field {
					return i
				}
			}
		}
	}
	return 0
}

type surveyThanksView struct {
	Base       Base
	Title      string
	Thanks     []string
	Again      string
	ResultsURL string
	Embed      bool
}

// surveyThanks thanks the respondent with the live version's words.
func (s *Server) surveyThanks(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	embed := strings.Contains(r.URL.Path, "/nhung/")
	if embed {
		allowFraming(w)
	}
	sv, err := s.surveyBySlug(r)
	if err != nil {
		return err
	}
	view := surveyThanksView{Base: Base{Title: s.msg.T("survey.thanks_title")}, Title: sv.Title, Embed: embed,
		Again: surveyURL(sv, embed), ResultsURL: resultsURL(sv)}
	if v, err := s.cfg.Surveys.Live(r.Context(), sv); err == nil && v.Definition.Thanks != "" {
		view.Thanks = strings.Split(v.Definition.Thanks, "\n")
	} else if err != nil && !errors.Is(err, surveys.ErrClosed) {
		return err
	}
	return s.render(w, http.StatusOK, "survey_thanks", view)
}

// surveyQR is the survey's QR code as an SVG file, for posters and
// leaflets.
func (s *Server) surveyQR(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.surveyBySlug(r)
	if err != nil {
		return err
	}
	svg, err := qrSVG(s.baseURL(r)+"/khao-sat/"+sv.Slug, sv.Title)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err = io.WriteString(w, string(svg))
	return err
}
