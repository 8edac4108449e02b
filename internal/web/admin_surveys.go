package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/surveys"
)

// surveyAdminRoutes are the survey builder of the back office: the list
// of the user's agencies' surveys, the builder (a JSON definition checked
// on the server, with a preview), publication, closing, the results with
// charts and their CSV and XLSX downloads, and the uploaded files.
func (s *Server) surveyAdminRoutes() []Route {
	admin, manage := SurfaceAdmin, need(staff.PermSurveyManage)
	return append([]Route{
		{"GET", "/quan-tri/khao-sat", manage, nil, admin, s.adminSurveys},
		{"POST", "/quan-tri/khao-sat", manage, nil, admin, s.adminSurveyCreate},
		{"GET", "/quan-tri/khao-sat/{survey_id}", manage, s.surveyScope, admin, s.adminSurvey},
		{"POST", "/quan-tri/khao-sat/{survey_id}", manage, s.surveyScope, admin, s.adminSurveySave},
		{"GET", "/quan-tri/khao-sat/{survey_id}/xem-truoc", manage, s.surveyScope, admin, s.adminSurveyPreview},
		{"POST", "/quan-tri/khao-sat/{survey_id}/xuat-ban", manage, s.surveyScope, admin, s.adminSurveyPublish},
		{"POST", "/quan-tri/khao-sat/{survey_id}/trang-thai", manage, s.surveyScope, admin, s.adminSurveyState},
		{"POST", "/quan-tri/khao-sat/{survey_id}/cong-khai", manage, s.surveyScope, admin, s.adminSurveyResultsPublic},
		{"GET", "/quan-tri/khao-sat/{survey_id}/ket-qua", manage, s.surveyScope, admin, s.adminSurveyResults},
		{"GET", "/quan-tri/khao-sat/{survey_id}/ket-qua.csv", manage, s.surveyScope, admin, s.adminSurveyCSV},
		{"GET", "/quan-tri/khao-sat/{survey_id}/ket-qua.xlsx", manage, s.surveyScope, admin, s.adminSurveyXLSX},
		{"GET", "/quan-tri/khao-sat/{survey_id}/tep/{file_id}", manage, s.surveyScope, admin, s.adminSurveyFile},
	}, s.builderRoutes()...)
}

// surveyAdminPages are this feature's back-office templates.
var surveyAdminPages = append([]string{"surveys", "survey", "survey_results"}, builderPages...)

// surveyScope finds the agency owning the survey named by {survey_id}.
func (s *Server) surveyScope(r *http.Request) (string, error) {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return "", err
	}
	return sv.Agency, nil
}

func (s *Server) adminSurveyByID(r *http.Request) (*surveys.Survey, error) {
	id, err := s.pathID(r, "survey_id")
	if err != nil {
		return nil, err
	}
	sv, err := s.cfg.Surveys.Get(r.Context(), id)
	if errors.Is(err, surveys.ErrNotFound) {
		return nil, notFoundErr(s.msg.T("survey.not_found"))
	}
	return sv, err
}

// adminSurveyDraft loads the survey named by {survey_id} and its latest
// version, the draft the builder shows and edits.
func (s *Server) adminSurveyDraft(r *http.Request) (*surveys.Survey, *surveys.Version, error) {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.cfg.Surveys.Latest(r.Context(), sv.ID)
	if err != nil {
		return nil, nil, err
	}
	return sv, v, nil
}

// adminSurveyForm loads the survey named by {survey_id} and parses the
// posted form: the start of every small POST that changes a survey.
func (s *Server) adminSurveyForm(w http.ResponseWriter, r *http.Request) (*surveys.Survey, error) {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return nil, err
	}
	if err := s.parseAdminForm(w, r); err != nil {
		return nil, err
	}
	return sv, nil
}

// surveyRow is one line of the survey list.
type surveyRow struct {
	ID                         int64
	Title, Slug, Agency, State string
	Live                       bool
	UpdatedAt                  string
}

type surveysView struct {
	Admin    AdminBase
	Surveys  []surveyRow
	Error    string
	Errors   map[string]string
	Form     struct{ Title, Slug, Agency string }
	Agencies []agencyGroup
}

// adminSurveys lists the surveys of the agencies in the user's scope, with
// the creation form.
func (s *Server) adminSurveys(w http.ResponseWriter, r *http.Request) error {
	view := surveysView{}
	view.Form.Agency = r.URL.Query().Get("agency")
	return s.renderSurveys(w, r, http.StatusOK, view)
}

func (s *Server) renderSurveys(w http.ResponseWriter, r *http.Request, status int, view surveysView) error {
	ctx, u := r.Context(), currentUser(r)
	view.Admin = s.adminBase(r, s.msg.T("admin.surveys.title"))
	scope, err := s.scopeAgencies(ctx, u)
	if err != nil {
		return err
	}
	list, err := s.cfg.Surveys.List(ctx, scope)
	if err != nil {
		return err
	}
	names := s.newAgencyNames(ctx)
	for _, sv := range list {
		view.Surveys = append(view.Surveys, surveyRow{ID: sv.ID, Title: sv.Title, Slug: sv.Slug, Agency: names.name(sv.Agency),
			State: s.surveyStateLabel(sv), Live: sv.Accepting(), UpdatedAt: vnTime(sv.UpdatedAt)})
	}
	if view.Form.Agency == "" {
		view.Form.Agency = u.Agency
	}
	if view.Agencies, err = s.agencyGroups(ctx, u, view.Form.Agency); err != nil {
		return err
	}
	return s.render(w, status, "admin/surveys", view)
}

// staffActor is the audit actor for a signed-in staff member.
func staffActor(u *staff.User) audit.Actor {
	return audit.Actor{ID: u.ID, Name: u.Username, Agency: u.Agency}
}

func (s *Server) surveyStateLabel(sv *surveys.Survey) string {
	switch {
	case sv.LiveVersionID == 0:
		return s.msg.T("admin.surveys.state_draft")
	case sv.State == surveys.StateClosed:
		return s.msg.T("admin.surveys.state_closed")
	}
	return s.msg.T("admin.surveys.state_open")
}

// adminSurveyCreate creates a survey owned by an agency in the user's
// scope, then opens its builder.
func (s *Server) adminSurveyCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	u := currentUser(r)
	view := surveysView{Errors: map[string]string{}}
	view.Form.Title, view.Form.Slug, view.Form.Agency = r.PostForm.Get("title"), strings.ToLower(strings.TrimSpace(r.PostForm.Get("slug"))), r.PostForm.Get("agency")
	if view.Form.Agency == "" {
		// A survey belongs to an agency; the form offers the user's own.
		view.Form.Agency = u.Agency
	}
	if !s.inUserScope(u, view.Form.Agency) {
		return s.forbidden()
	}
	sv, err := s.cfg.Surveys.Create(r.Context(), surveys.NewSurvey{Slug: view.Form.Slug, Agency: view.Form.Agency, Title: view.Form.Title, By: staffActor(u)})
	var inv *surveys.InvalidError
	switch {
	case errors.As(err, &inv):
		for _, f := range inv.Fields {
			view.Errors[f.Field] = f.Message
		}
		view.Error = s.msg.T("admin.surveys.fix")
		return s.renderSurveys(w, r, http.StatusBadRequest, view)
	case errors.Is(err, surveys.ErrSlugTaken):
		view.Errors["slug"] = s.msg.T("admin.surveys.slug_taken")
		view.Error = s.msg.T("admin.surveys.fix")
		return s.renderSurveys(w, r, http.StatusConflict, view)
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/quan-tri/khao-sat/"+strconv.FormatInt(sv.ID, 10)+"?ok=survey_created", http.StatusSeeOther)
	return nil
}

// versionRow is one version in the builder's history.
type versionRow struct {
	ID                         int64
	Number, Responses          int
	Note, CreatedAt, Published string
	Live                       bool
}

type surveyEditView struct {
	Admin       AdminBase
	Survey      *surveys.Survey
	State       string
	Source      string
	Note        string
	Problems    []surveys.Problem
	Versions    []versionRow
	Latest      int64
	ETag        string
	PublicURL   string
	EmbedURL    string
	EmbedIframe string
	EmbedScript string
	QR          template.HTML
	Types       []typeHelp
}

// typeHelp names a question type for the builder's reference list.
type typeHelp struct{ Code, Name string }

// adminSurvey is the builder: the newest version's definition to edit,
// the versions, and how to share the survey.
func (s *Server) adminSurvey(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return err
	}
	return s.renderSurveyEdit(w, r, http.StatusOK, sv, "", "", nil)
}

func (s *Server) renderSurveyEdit(w http.ResponseWriter, r *http.Request, status int, sv *surveys.Survey, src, note string, problems []surveys.Problem) error {
	ctx := r.Context()
	versions, err := s.cfg.Surveys.Versions(ctx, sv.ID)
	if err != nil {
		return err
	}
	counts, err := s.cfg.Surveys.Counts(ctx, sv.ID)
	if err != nil {
		return err
	}
	base := s.baseURL(r)
	view := surveyEditView{Admin: s.adminBase(r, sv.Title), Survey: sv, State: s.surveyStateLabel(sv), Source: src, Note: note, Problems: problems,
		PublicURL: base + "/khao-sat/" + sv.Slug, EmbedURL: base + "/khao-sat/" + sv.Slug + "/nhung"}
	view.EmbedIframe = `<iframe src="` + view.EmbedURL + `" title="` + template.HTMLEscapeString(sv.Title) + `" style="width:100%;min-height:640px;border:0"></iframe>`
	view.EmbedScript = `<script src="` + base + `/static/survey-embed.js" data-survey="` + sv.Slug + `" defer></script>`
	for _, v := range versions {
		row := versionRow{ID: v.ID, Number: v.Number, Responses: counts[v.ID], Note: v.Note, CreatedAt: vnTime(v.CreatedAt),
			Published: vnTime(v.PublishedAt), Live: v.ID == sv.LiveVersionID}
		view.Versions = append(view.Versions, row)
	}
	if len(versions) > 0 {
		view.Latest, view.ETag = versions[0].ID, versions[0].ETag()
		if view.Source == "" && problems == nil {
			view.Source = versions[0].Source
		}
	}
	if view.QR, err = qrSVG(view.PublicURL, sv.Title); err != nil {
		return err
	}
	for _, t := range []surveys.QuestionType{surveys.TypeShortText, surveys.TypeLongText, surveys.TypeSingle, surveys.TypeMultiple,
		surveys.TypeRating, surveys.TypeScale, surveys.TypeYesNo, surveys.TypeDate, surveys.TypeNumber, surveys.TypeEmail,
		surveys.TypePhone, surveys.TypeCCCD, surveys.TypePlace, surveys.TypeFile} {
		view.Types = append(view.Types, typeHelp{Code: string(t), Name: t.Name()})
	}
	return s.render(w, status, "admin/survey", view)
}

// maxDefinitionForm bounds the builder's form: the definition and a note.
const maxDefinitionForm = surveys.MaxDefinitionBytes + 4<<10

// adminSurveySave stores the edited definition as a new version; problems
// come back beside the text, each with its place in the JSON.
func (s *Server) adminSurveySave(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxDefinitionForm)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.surveys.too_large"))
	}
	src, note := r.PostForm.Get("definition"), r.PostForm.Get("note")
	// The form carries the newest version's ETag: saving text read before
	// a change made in the form-based builder would silently undo it.
	if etag := r.PostForm.Get("etag"); etag != "" {
		latest, err := s.cfg.Surveys.Latest(r.Context(), sv.ID)
		if err != nil {
			return err
		}
		if latest.ETag() != etag {
			return s.renderSurveyEdit(w, r, http.StatusConflict, sv, src, note, []surveys.Problem{{Message: s.msg.T("admin.surveys.stale")}})
		}
	}
	v, err := s.cfg.Surveys.SaveVersion(r.Context(), staffActor(currentUser(r)), sv.ID, []byte(src), note)
	var de *surveys.DefinitionError
	var inv *surveys.InvalidError
	switch {
	case errors.As(err, &de):
		return s.renderSurveyEdit(w, r, http.StatusBadRequest, sv, src, note, de.Problems)
	case errors.As(err, &inv):
		probs := make([]surveys.Problem, len(inv.Fields))
		for i, f := range inv.Fields {
			probs[i] = surveys.Problem{Path: f.Field, Message: f.Message}
		}
		return s.renderSurveyEdit(w, r, http.StatusBadRequest, sv, src, note, probs)
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/quan-tri/khao-sat/"+strconv.FormatInt(sv.ID, 10)+"?ok=survey_saved#phien-ban-"+strconv.Itoa(v.Number), http.StatusSeeOther)
	return nil
}

// adminSurveyPreview shows a version (the newest by default) as citizens
// will see it, without a way to send it.
func (s *Server) adminSurveyPreview(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return err
	}
	v, err := s.surveyVersionParam(r, sv)
	if err != nil {
		return err
	}
	page := 0
	if p, err := strconv.Atoi(r.URL.Query().Get("trang")); err == nil && p > 0 && p <= len(v.Definition.Pages) {
		page = p - 1
	}
	f := &surveyForm{sv: sv, v: v, raw: surveys.Answers{}, preview: true}
	return s.renderSurveyPage(w, r, http.StatusOK, f, page, nil, "")
}

// surveyVersionParam is the version named by ?v= (an id of this survey's
// versions), else the live one, else the newest.
func (s *Server) surveyVersionParam(r *http.Request, sv *surveys.Survey) (*surveys.Version, error) {
	ctx := r.Context()
	if id, err := strconv.ParseInt(r.URL.Query().Get("v"), 10, 64); err == nil {
		v, err := s.cfg.Surveys.Version(ctx, id)
		if errors.Is(err, surveys.ErrNotFound) || (err == nil && v.SurveyID != sv.ID) {
			return nil, notFoundErr(s.msg.T("error.not_found"))
		}
		return v, err
	}
	if sv.LiveVersionID != 0 {
		return s.cfg.Surveys.Version(ctx, sv.LiveVersionID)
	}
	versions, err := s.cfg.Surveys.Versions(ctx, sv.ID)
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, notFoundErr(s.msg.T("error.not_found"))
	}
	return versions[0], nil
}

// adminSurveyPublish makes a version the live one.
func (s *Server) adminSurveyPublish(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	if err != nil {
		return badRequest("invalid_version", s.msg.T("admin.surveys.no_version"))
	}
	err = s.cfg.Surveys.Publish(r.Context(), staffActor(currentUser(r)), sv.ID, id)
	if errors.Is(err, surveys.ErrNotFound) {
		return badRequest("invalid_version", s.msg.T("admin.surveys.no_version"))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/khao-sat/"+strconv.FormatInt(sv.ID, 10)+"?ok=survey_published", http.StatusSeeOther)
	return nil
}

// adminSurveyState closes a survey or opens it again.
func (s *Server) adminSurveyState(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	st, ok := surveys.StateOpen, "survey_opened"
	if r.PostForm.Get("state") == string(surveys.StateClosed) {
		st, ok = surveys.StateClosed, "survey_closed"
	}
	if err := s.cfg.Surveys.SetState(r.Context(), staffActor(currentUser(r)), sv.ID, st); err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/khao-sat/"+strconv.FormatInt(sv.ID, 10)+"?ok="+ok, http.StatusSeeOther)
	return nil
}

// adminSurveyResultsPublic publishes the results page or withdraws it.
func (s *Server) adminSurveyResultsPublic(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	public := r.PostForm.Get("public") == "1"
	if err := s.cfg.Surveys.SetResultsPublic(r.Context(), staffActor(currentUser(r)), sv.ID, public); err != nil {
		return err
	}
	ok := "survey_results_private"
	if public {
		ok = "survey_results_public"
	}
	http.Redirect(w, r, "/quan-tri/khao-sat/"+strconv.FormatInt(sv.ID, 10)+"/ket-qua?ok="+ok, http.StatusSeeOther)
	return nil
}
