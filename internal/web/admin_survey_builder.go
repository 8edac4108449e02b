package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/surveys"
)

// The form-based survey builder: the newest version shown as pages and
// questions, and one small form per change. It works without JavaScript.
// Every change is a POST that loads the draft, applies one edit
// (surveys.Definition.MoveQuestion …), and saves it with SaveDraft, which
// runs the same parser as the JSON editor: what the builder saves is
// always a definition the JSON editor would have accepted. Each form
// carries the draft's ETag; a change made from a page older than the
// draft is refused rather than undoing someone else's.

// builderRoutes are the builder's pages and changes, all scoped to the
// survey's agency like the JSON editor.
func (s *Server) builderRoutes() []Route {
	admin, manage := SurfaceAdmin, need(staff.PermSurveyManage)
	const b = "/quan-tri/khao-sat/{survey_id}/soan"
	return []Route{
		{"GET", b, manage, s.surveyScope, admin, s.adminBuilder},
		{"GET", b + "/them", manage, s.surveyScope, admin, s.adminBuilderNewQuestion},
		{"POST", b + "/them", manage, s.surveyScope, admin, s.adminBuilderAddQuestion},
		{"GET", b + "/cau-hoi/{question_id}", manage, s.surveyScope, admin, s.adminBuilderQuestion},
		{"POST", b + "/cau-hoi/{question_id}", manage, s.surveyScope, admin, s.adminBuilderSaveQuestion},
		{"POST", b + "/cau-hoi/{question_id}/di-chuyen", manage, s.surveyScope, admin, s.adminBuilderMoveQuestion},
		{"GET", b + "/cau-hoi/{question_id}/xoa", manage, s.surveyScope, admin, s.adminBuilderConfirmQuestion},
		{"POST", b + "/cau-hoi/{question_id}/xoa", manage, s.surveyScope, admin, s.adminBuilderDeleteQuestion},
		{"POST", b + "/trang/{page_id}", manage, s.surveyScope, admin, s.adminBuilderRenamePage},
		{"POST", b + "/trang/{page_id}/di-chuyen", manage, s.surveyScope, admin, s.adminBuilderMovePage},
		{"GET", b + "/trang/{page_id}/xoa", manage, s.surveyScope, admin, s.adminBuilderConfirmPage},
		{"POST", b + "/trang/{page_id}/xoa", manage, s.surveyScope, admin, s.adminBuilderDeletePage},
		{"POST", b + "/trang/{page_id}/chuyen-trang", manage, s.surveyScope, admin, s.adminBuilderAddRoute},
		{"POST", b + "/trang/{page_id}/chuyen-trang/xoa", manage, s.surveyScope, admin, s.adminBuilderDeleteRoute},
	}
}

// builderPages are the builder's templates.
var builderPages = []string{"survey_builder", "survey_question", "survey_confirm"}

func builderURL(sv *surveys.Survey) string {
	return "/quan-tri/khao-sat/" + strconv.FormatInt(sv.ID, 10) + "/soan"
}

// builderView is the builder's main page.
type builderView struct {
	Admin    AdminBase
	Survey   *surveys.Survey
	URL      string
	ETag     string
	Version  *surveys.Version
	Live     bool
	Error    string
	Problems []builderProblem
	Pages    []builderPage
	Types    []typeHelp
}

// builderProblem is one line of the error summary, linking to what it is
// about.
type builderProblem struct{ Anchor, Message string }

type builderPage struct {
	ID, Title   string
	N           int
	First, Last bool
	Questions   []builderQuestion
	Routes      []string
	RouteConds  []condGroup
	Targets     []condChoice
	Problems    []string
}

type builderQuestion struct {
	ID, Label, Help, Type string
	N                     int
	Required              bool
	First, Last           bool
	Options               []string
	Limits                string
	ShowIf                string
	Problems              []string
}

// adminBuilder shows the draft as pages and questions.
func (s *Server) adminBuilder(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return err
	}
	return s.renderBuilder(w, r, http.StatusOK, sv, "", nil, nil)
}

// renderBuilder shows the stored draft; msg and problems (found in the
// refused edit, whose paths edited names) explain a refused change.
func (s *Server) renderBuilder(w http.ResponseWriter, r *http.Request, status int, sv *surveys.Survey, msg string, problems []surveys.Problem, edited *surveys.Definition) error {
	v, err := s.cfg.Surveys.Latest(r.Context(), sv.ID)
	if err != nil {
		return err
	}
	d := v.Definition
	view := builderView{Admin: s.adminBase(r, s.msg.Tf("admin.builder.title", sv.Title)), Survey: sv, URL: builderURL(sv),
		ETag: v.ETag(), Version: v, Live: v.ID == sv.LiveVersionID, Error: msg, Types: questionTypes()}
	byAnchor := map[string][]string{}
	for _, p := range problems {
		anchor := problemAnchor(edited, p.Path)
		view.Problems = append(view.Problems, builderProblem{Anchor: anchor, Message: p.Message})
		byAnchor[anchor] = append(byAnchor[anchor], p.Message)
	}
	if len(problems) > 0 && view.Error == "" {
		view.Error = s.msg.T("admin.builder.refused")
	}
	all := d.Questions()
	n := 0
	for i := range d.Pages {
		p := &d.Pages[i]
		bp := builderPage{ID: p.ID, Title: p.Title, N: i + 1, First: i == 0, Last: i == len(d.Pages)-1, Problems: byAnchor["trang-"+p.ID]}
		for j := range p.Questions {
			q := &p.Questions[j]
			n++
			bq := builderQuestion{ID: q.ID, Label: q.Label, Help: q.Help, Type: q.Type.Name(), N: n, Required: q.Required,
				First: n == 1, Last: n == len(all), Limits: s.questionLimits(q), Problems: byAnchor["q-"+q.ID]}
			for _, o := range q.Options {
				bq.Options = append(bq.Options, o.Label)
			}
			if len(q.ShowIf) > 0 {
				bq.ShowIf = s.describeConds(d, q.ShowIf)
			}
			bp.Questions = append(bp.Questions, bq)
		}
		for _, rt := range p.Routes {
			bp.Routes = append(bp.Routes, s.describeRoute(d, rt))
		}
		bp.RouteConds = s.condGroups(d, d.UpTo(p.ID))
		for k := i + 1; k < len(d.Pages); k++ {
			bp.Targets = append(bp.Targets, condChoice{Value: d.Pages[k].ID, Label: s.pageName(d, k)})
		}
		bp.Targets = append(bp.Targets, condChoice{Value: surveys.End, Label: s.msg.T("admin.builder.goto_end")})
		view.Pages = append(view.Pages, bp)
	}
	if byAnchor[""] != nil {
		// Problems about the whole survey (a loop) stay in the summary.
		for k := range view.Problems {
			if view.Problems[k].Anchor == "" {
				view.Problems[k].Anchor = "cac-trang"
			}
		}
	}
	return s.render(w, status, "admin/survey_builder", view)
}

// questionTypes lists the 14 types with their Vietnamese names.
func questionTypes() []typeHelp {
	var out []typeHelp
	for _, t := range []surveys.QuestionType{surveys.TypeShortText, surveys.TypeLongText, surveys.TypeSingle, surveys.TypeMultiple,
		surveys.TypeRating, surveys.TypeScale, surveys.TypeYesNo, surveys.TypeDate, surveys.TypeNumber, surveys.TypeEmail,
		surveys.TypePhone, surveys.TypeCCCD, surveys.TypePlace, surveys.TypeFile} {
		out = append(out, typeHelp{Code: string(t), Name: t.Name()})
	}
	return out
}

// pageName is "Trang 2: title".
func (s *Server) pageName(d *surveys.Definition, i int) string {
	if t := d.Pages[i].Title; t != "" {
		return s.msg.Tf("admin.builder.page_n_title", i+1, t)
	}
	return s.msg.Tf("admin.builder.page_n", i+1)
}

// describeRoute is "Nếu câu … là … thì chuyển tới trang …".
func (s *Server) describeRoute(d *surveys.Definition, rt surveys.Route) string {
	target := s.msg.T("admin.builder.goto_end")
	if i := d.PageIndex(rt.Goto); i >= 0 {
		target = s.pageName(d, i)
	}
	if len(rt.If) == 0 {
		return s.msg.Tf("admin.builder.route_always", target)
	}
	return s.msg.Tf("admin.builder.route_if", s.describeConds(d, rt.If), target)
}

// questionLimits summarises a question's rules: "Từ 10 đến 500 ký tự".
func (s *Server) questionLimits(q *surveys.Question) string {
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	in := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	switch q.Type {
	case surveys.TypeShortText, surveys.TypeLongText:
		return s.msg.Tf("admin.builder.limit_length", in(q.MinLength), strconv.Itoa(q.TextLimit()))
	case surveys.TypeNumber:
		if q.Min != nil || q.Max != nil {
			return s.msg.Tf("admin.builder.limit_number", num(q.Min), num(q.Max))
		}
	case surveys.TypeMultiple:
		if q.MinChoices != nil || q.MaxChoices != nil {
			return s.msg.Tf("admin.builder.limit_choices", in(q.MinChoices), in(q.MaxChoices))
		}
	case surveys.TypeDate:
		if q.MinDate != "" || q.MaxDate != "" {
			return s.msg.Tf("admin.builder.limit_dates", q.MinDate, q.MaxDate)
		}
	case surveys.TypePlace:
		if q.Level == surveys.LevelCommune {
			return s.msg.T("admin.builder.level_commune")
		}
	case surveys.TypeFile:
		return s.msg.Tf("admin.builder.limit_kb", q.FileLimitKB())
	}
	return ""
}

var pathIndex = regexp.MustCompile(`^pages\[(\d+)\](?:\.questions\[(\d+)\])?`)

// problemAnchor is the id, on the builder page, of what a problem of the
// edited definition is about: "q-id" for a question, "trang-id" for a
// page, "" for the whole survey.
func problemAnchor(d *surveys.Definition, path string) string {
	m := pathIndex.FindStringSubmatch(path)
	if d == nil || m == nil {
		return ""
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(d.Pages) {
		return ""
	}
	if m[2] != "" {
		if j, _ := strconv.Atoi(m[2]); j < len(d.Pages[i].Questions) {
			return "q-" + d.Pages[i].Questions[j].ID
		}
	}
	return "trang-" + d.Pages[i].ID
}

// errStaleForm is a form sent without the draft's ETag.
var errStaleForm = errors.New("web: builder form without etag")

// builderEdit applies edit to a copy of the newest version and saves it
// as the draft, with note for the audit log. The error is ErrStale when
// the draft changed since the form's ETag, ErrNotFound when the edit
// names nothing, a *DefinitionError when the result is refused; edited is
// the refused definition, to place the problems.
func (s *Server) builderEdit(r *http.Request, sv *surveys.Survey, note string, edit func(d *surveys.Definition) error) (edited *surveys.Definition, err error) {
	etag := r.PostForm.Get("etag")
	if etag == "" {
		return nil, errStaleForm
	}
	v, err := s.cfg.Surveys.Latest(r.Context(), sv.ID)
	if err != nil {
		return nil, err
	}
	if v.ETag() != etag {
		// SaveDraft checks again under the lock; this spares the work.
		return nil, surveys.ErrStale
	}
	d := v.Definition.Clone()
	if err := edit(d); err != nil {
		return d, err
	}
	_, err = s.cfg.Surveys.SaveDraft(r.Context(), staffActor(currentUser(r)), sv.ID, etag, d, note)
	return d, err
}

// builderDone answers a change to the list: back to the builder at the
// anchor on success, the builder with the reason otherwise.
func (s *Server) builderDone(w http.ResponseWriter, r *http.Request, sv *surveys.Survey, anchor string, edited *surveys.Definition, err error) error {
	var de *surveys.DefinitionError
	switch {
	case err == nil:
		http.Redirect(w, r, builderURL(sv)+"?ok=builder_saved#"+anchor, http.StatusSeeOther)
		return nil
	case errors.Is(err, surveys.ErrStale), errors.Is(err, errStaleForm):
		return s.renderBuilder(w, r, http.StatusConflict, sv, s.msg.T("admin.builder.stale"), nil, nil)
	case errors.Is(err, surveys.ErrNotFound):
		return notFoundErr(s.msg.T("admin.builder.gone"))
	case errors.Is(err, surveys.ErrCannotMove):
		return s.renderBuilder(w, r, http.StatusBadRequest, sv, s.msg.T("admin.builder.cannot_move"), nil, nil)
	case errors.As(err, &de):
		return s.renderBuilder(w, r, http.StatusBadRequest, sv, "", de.Problems, edited)
	}
	return err
}

// direction reads the move buttons: "len" is up, anything else down.
func direction(r *http.Request) int {
	if r.PostForm.Get("huong") == "len" {
		return -1
	}
	return 1
}

func (s *Server) adminBuilderMoveQuestion(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("question_id")
	edited, err := s.builderEdit(r, sv, "Di chuyển câu hỏi "+id, func(d *surveys.Definition) error { return d.MoveQuestion(id, direction(r)) })
	return s.builderDone(w, r, sv, "q-"+id, edited, err)
}

func (s *Server) adminBuilderDeleteQuestion(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("question_id")
	anchor := "cac-trang"
	edited, err := s.builderEdit(r, sv, "Xóa câu hỏi "+id, func(d *surveys.Definition) error {
		if i, _, ok := d.Locate(id); ok {
			anchor = "trang-" + d.Pages[i].ID
		}
		return d.DeleteQuestion(id)
	})
	return s.builderDone(w, r, sv, anchor, edited, err)
}

func (s *Server) adminBuilderRenamePage(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("page_id")
	edited, err := s.builderEdit(r, sv, "Đổi tên trang "+id, func(d *surveys.Definition) error { return d.RenamePage(id, r.PostForm.Get("title")) })
	return s.builderDone(w, r, sv, "trang-"+id, edited, err)
}

func (s *Server) adminBuilderMovePage(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("page_id")
	edited, err := s.builderEdit(r, sv, "Di chuyển trang "+id, func(d *surveys.Definition) error { return d.MovePage(id, direction(r)) })
	return s.builderDone(w, r, sv, "trang-"+id, edited, err)
}

func (s *Server) adminBuilderDeletePage(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("page_id")
	edited, err := s.builderEdit(r, sv, "Xóa trang "+id, func(d *surveys.Definition) error { return d.DeletePage(id) })
	return s.builderDone(w, r, sv, "cac-trang", edited, err)
}

// adminBuilderAddRoute adds "if question … is … go to page …" to a page;
// the condition may test the page's own questions and earlier ones, and
// the target is a later page or the end, so a route cannot go back.
func (s *Server) adminBuilderAddRoute(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("page_id")
	edited, err := s.builderEdit(r, sv, "Thêm quy tắc chuyển trang ở trang "+id, func(d *surveys.Definition) error {
		i := d.PageIndex(id)
		if i < 0 {
			return surveys.ErrNotFound
		}
		rt := surveys.Route{Goto: r.PostForm.Get("goto")}
		if t := d.PageIndex(rt.Goto); rt.Goto != surveys.End && t <= i {
			return &surveys.DefinitionError{Problems: []surveys.Problem{{Path: fmt.Sprintf("pages[%d].routes", i), Message: s.msg.T("admin.builder.route_target")}}}
		}
		if tok := r.PostForm.Get("cond"); tok != "" {
			c, ok := parseCondToken(tok, d.UpTo(id))
			if !ok {
				return &surveys.DefinitionError{Problems: []surveys.Problem{{Path: fmt.Sprintf("pages[%d].routes", i), Message: s.msg.T("admin.builder.cond_invalid")}}}
			}
			rt.If = []surveys.Condition{c}
		}
		return d.AddRoute(id, rt)
	})
	return s.builderDone(w, r, sv, "trang-"+id, edited, err)
}

func (s *Server) adminBuilderDeleteRoute(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyForm(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("page_id")
	k, err := strconv.Atoi(r.PostForm.Get("route"))
	if err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	edited, err := s.builderEdit(r, sv, "Xóa quy tắc chuyển trang ở trang "+id, func(d *surveys.Definition) error { return d.DeleteRoute(id, k) })
	return s.builderDone(w, r, sv, "trang-"+id, edited, err)
}

// confirmView asks before a deletion, naming what depends on the thing
// deleted.
type confirmView struct {
	Admin    AdminBase
	Survey   *surveys.Survey
	Back     string
	Action   string
	ETag     string
	Question string
	Warnings []string
}

func (s *Server) adminBuilderConfirmQuestion(w http.ResponseWriter, r *http.Request) error {
	return s.builderConfirm(w, r, func(d *surveys.Definition) (string, []string, bool) {
		q := d.Question(r.PathValue("question_id"))
		if q == nil {
			return "", nil, false
		}
		return s.msg.Tf("admin.builder.confirm_question", s.questionName(d, q)), s.dependents(d, map[string]bool{q.ID: true}, ""), true
	})
}

func (s *Server) adminBuilderConfirmPage(w http.ResponseWriter, r *http.Request) error {
	return s.builderConfirm(w, r, func(d *surveys.Definition) (string, []string, bool) {
		i := d.PageIndex(r.PathValue("page_id"))
		if i < 0 {
			return "", nil, false
		}
		ids := map[string]bool{}
		for _, q := range d.Pages[i].Questions {
			ids[q.ID] = true
		}
		return s.msg.Tf("admin.builder.confirm_page", s.pageName(d, i), len(d.Pages[i].Questions)), s.dependents(d, ids, d.Pages[i].ID), true
	})
}

func (s *Server) builderConfirm(w http.ResponseWriter, r *http.Request, what func(d *surveys.Definition) (string, []string, bool)) error {
	sv, v, err := s.adminSurveyDraft(r)
	if err != nil {
		return err
	}
	q, warnings, ok := what(v.Definition)
	if !ok {
		return notFoundErr(s.msg.T("admin.builder.gone"))
	}
	view := confirmView{Admin: s.adminBase(r, s.msg.T("admin.builder.confirm_title")), Survey: sv, Back: builderURL(sv),
		Action: r.URL.Path, ETag: v.ETag(), Question: q, Warnings: warnings}
	return s.render(w, http.StatusOK, "admin/survey_confirm", view)
}

// dependents names the conditions and routes that use the questions or
// the page: deleting them would leave those pointing at nothing, which
// the parser refuses.
func (s *Server) dependents(d *surveys.Definition, ids map[string]bool, page string) []string {
	var out []string
	uses := func(cs []surveys.Condition) bool {
		for _, c := range cs {
			if ids[c.Question] {
				return true
			}
		}
		return false
	}
	for i := range d.Pages {
		p := &d.Pages[i]
		for j := range p.Questions {
			if q := &p.Questions[j]; !ids[q.ID] && uses(q.ShowIf) {
				out = append(out, s.msg.Tf("admin.builder.used_by_question", s.questionName(d, q)))
			}
		}
		if p.ID == page {
			continue
		}
		for _, rt := range p.Routes {
			if uses(rt.If) || (page != "" && rt.Goto == page) {
				out = append(out, s.msg.Tf("admin.builder.used_by_route", s.pageName(d, i), s.describeRoute(d, rt)))
			}
		}
	}
	return out
}
