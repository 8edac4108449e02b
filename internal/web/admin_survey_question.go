package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/surveys"
)

// The builder's question form: one form for a new question (on a page, or
// on a new page) and for editing one. It shows only the fields that apply
// to the question's type; the show-if editor offers only questions before
// this one.

// questionFields are the form's values, as typed.
type questionFields struct {
	Label, Help, Options            string
	Required, Integer               bool
	MinLength, MaxLength, Min, Max  string
	MinChoices, MaxChoices, MinDate string
	MaxDate, Level, MaxKB           string
}

// keptCond is a show-if condition already set, with a box to remove it.
type keptCond struct {
	Index int
	Text  string
	Drop  bool
}

type questionView struct {
	Admin      AdminBase
	Survey     *surveys.Survey
	Back       string
	Action     string
	ETag       string
	New        bool
	NewPage    bool
	PageID     string
	After      string
	PageTitle  string
	Type       string
	TypeName   string
	ID         string
	F          questionFields
	Conds      []keptCond
	CondGroups []condGroup
	AddCond    string
	// Which fields apply.
	Choice, Multiple, Text, Number, Date, Place, File bool
	Error                                             string
	Errors                                            map[string]string
	Summary                                           []builderProblem
}

// questionFormFields are the form's fields in display order, for the
// error summary.
var questionFormFields = []string{"page_title", "label", "help", "options", "choices", "length", "number", "dates", "level", "max_kb", "show_if"}

// fieldsOf fills the form from a stored question.
func fieldsOf(q *surveys.Question) questionFields {
	in := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	fl := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	f := questionFields{Label: q.Label, Help: q.Help, Required: q.Required, Integer: q.Integer,
		MinLength: in(q.MinLength), MaxLength: in(q.MaxLength), Min: fl(q.Min), Max: fl(q.Max),
		MinChoices: in(q.MinChoices), MaxChoices: in(q.MaxChoices), MinDate: q.MinDate, MaxDate: q.MaxDate, Level: q.Level}
	if q.MaxKB != 0 {
		f.MaxKB = strconv.Itoa(q.MaxKB)
	}
	labels := make([]string, len(q.Options))
	for i, o := range q.Options {
		labels[i] = o.Label
	}
	f.Options = strings.Join(labels, "\n")
	return f
}

func (s *Server) adminBuilderNewQuestion(w http.ResponseWriter, r *http.Request) error {
	sv, v, err := s.adminSurveyDraft(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	view, err := s.newQuestionView(r, sv, v, q.Get("trang"), q.Get("sau"), q.Get("loai"))
	if err != nil {
		return err
	}
	view.PageTitle = q.Get("tieu_de")
	if view.Choice {
		view.F.Options = s.msg.T("admin.builder.options_example")
	}
	return s.render(w, http.StatusOK, "admin/survey_question", view)
}

// newQuestionView prepares the form for a new question of type typ on
// page pageID, or on a new page after page after.
func (s *Server) newQuestionView(r *http.Request, sv *surveys.Survey, v *surveys.Version, pageID, after, typ string) (questionView, error) {
	d := v.Definition
	t := surveys.QuestionType(typ)
	if !t.Valid() {
		return questionView{}, badRequest("invalid_type", s.msg.T("admin.builder.no_type"))
	}
	view := questionView{Survey: sv, Back: builderURL(sv), Action: builderURL(sv) + "/them", ETag: v.ETag(), New: true,
		Type: typ, TypeName: t.Name(), Errors: map[string]string{}}
	switch {
	case pageID != "" && d.PageIndex(pageID) >= 0:
		view.PageID = pageID
		view.CondGroups = s.condGroups(d, d.Earlier("", pageID))
	case after != "" && d.PageIndex(after) >= 0:
		view.NewPage, view.After = true, after
		view.CondGroups = s.condGroups(d, d.Earlier("", after))
	default:
		return questionView{}, notFoundErr(s.msg.T("admin.builder.gone"))
	}
	view.Admin = s.adminBase(r, s.msg.Tf("admin.builder.new_question", t.Name()))
	view.setKind(t)
	return view, nil
}

func (v *questionView) setKind(t surveys.QuestionType) {
	v.Choice = t == surveys.TypeSingle || t == surveys.TypeMultiple
	v.Multiple = t == surveys.TypeMultiple
	v.Text = t == surveys.TypeShortText || t == surveys.TypeLongText
	v.Number, v.Date, v.Place, v.File = t == surveys.TypeNumber, t == surveys.TypeDate, t == surveys.TypePlace, t == surveys.TypeFile
}

func (s *Server) adminBuilderQuestion(w http.ResponseWriter, r *http.Request) error {
	sv, v, err := s.adminSurveyDraft(r)
	if err != nil {
		return err
	}
	view, q, err := s.editQuestionView(r, sv, v)
	if err != nil {
		return err
	}
	view.F = fieldsOf(q)
	return s.render(w, http.StatusOK, "admin/survey_question", view)
}

// editQuestionView prepares the form for the question named in the path.
func (s *Server) editQuestionView(r *http.Request, sv *surveys.Survey, v *surveys.Version) (questionView, *surveys.Question, error) {
	d := v.Definition
	id := r.PathValue("question_id")
	q := d.Question(id)
	if q == nil {
		return questionView{}, nil, notFoundErr(s.msg.T("admin.builder.gone"))
	}
	view := questionView{Admin: s.adminBase(r, s.msg.Tf("admin.builder.edit_question", q.Label)), Survey: sv,
		Back: builderURL(sv) + "#q-" + id, Action: builderURL(sv) + "/cau-hoi/" + id, ETag: v.ETag(), ID: id,
		Type: string(q.Type), TypeName: q.Type.Name(), Errors: map[string]string{}}
	for i, c := range q.ShowIf {
		view.Conds = append(view.Conds, keptCond{Index: i, Text: s.describeCond(d, c)})
	}
	view.CondGroups = s.condGroups(d, d.Earlier(id, ""))
	view.setKind(q.Type)
	return view, q, nil
}

// questionFromForm reads the form into a question of type t; old is the
// question edited (nil for a new one), whose option values and
// conditions carry over. Fields that are not numbers or dates give
// errors by field; the rest is for the parser.
func (s *Server) questionFromForm(r *http.Request, t surveys.QuestionType, old *surveys.Question, earlier []*surveys.Question) (surveys.Question, questionFields, string, map[string]string) {
	pf := r.PostForm
	f := questionFields{Label: pf.Get("label"), Help: pf.Get("help"), Options: pf.Get("options"), Required: pf.Get("required") == "1",
		Integer: pf.Get("integer") == "1", MinLength: pf.Get("min_length"), MaxLength: pf.Get("max_length"), Min: pf.Get("min"),
		Max: pf.Get("max"), MinChoices: pf.Get("min_choices"), MaxChoices: pf.Get("max_choices"), MinDate: pf.Get("min_date"),
		MaxDate: pf.Get("max_date"), Level: pf.Get("level"), MaxKB: pf.Get("max_kb")}
	errs := map[string]string{}
	q := surveys.Question{Type: t, Label: f.Label, Help: f.Help, Required: f.Required}
	intField := func(field, v string) *int {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			errs[field] = s.msg.T("admin.builder.not_integer")
			return nil
		}
		return &n
	}
	floatField := func(field, v string) *float64 {
		v = strings.ReplaceAll(strings.TrimSpace(v), ",", ".")
		if v == "" {
			return nil
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			errs[field] = s.msg.T("admin.builder.not_number")
			return nil
		}
		return &x
	}
	var oldOptions []surveys.Option
	if old != nil {
		oldOptions = old.Options
	}
	switch t {
	case surveys.TypeSingle, surveys.TypeMultiple:
		q.Options = surveys.OptionsFromLines(oldOptions, f.Options)
		if t == surveys.TypeMultiple {
			q.MinChoices, q.MaxChoices = intField("choices", f.MinChoices), intField("choices", f.MaxChoices)
		}
	case surveys.TypeShortText, surveys.TypeLongText:
		q.MinLength, q.MaxLength = intField("length", f.MinLength), intField("length", f.MaxLength)
	case surveys.TypeNumber:
		q.Min, q.Max, q.Integer = floatField("number", f.Min), floatField("number", f.Max), f.Integer
	case surveys.TypeDate:
		q.MinDate, q.MaxDate = strings.TrimSpace(f.MinDate), strings.TrimSpace(f.MaxDate)
	case surveys.TypePlace:
		if f.Level == surveys.LevelCommune {
			q.Level = surveys.LevelCommune
		}
	case surveys.TypeFile:
		if p := intField("max_kb", f.MaxKB); p != nil {
			q.MaxKB = *p
		}
	}
	// Show-if: the conditions kept, then the one added.
	drop := map[string]bool{}
	for _, k := range pf["drop_cond"] {
		drop[k] = true
	}
	if old != nil {
		for i, c := range old.ShowIf {
			if !drop[strconv.Itoa(i)] {
				q.ShowIf = append(q.ShowIf, c)
			}
		}
	}
	add := pf.Get("add_cond")
	if add != "" {
		c, ok := parseCondToken(add, earlier)
		if !ok {
			errs["show_if"] = s.msg.T("admin.builder.cond_invalid")
		} else {
			q.ShowIf = append(q.ShowIf, c)
		}
	}
	return q, f, add, errs
}

// fieldOf maps a problem's path under a question to the form field it is
// about; "" for anything else.
func fieldOf(path, prefix string) string {
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok || (rest != "" && rest[0] != '.') {
		return ""
	}
	name := strings.TrimPrefix(rest, ".")
	if i := strings.IndexAny(name, ".["); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "label", "help", "options", "level", "max_kb", "show_if":
		return name
	case "min_length", "max_length":
		return "length"
	case "min", "max", "integer":
		return "number"
	case "min_choices", "max_choices":
		return "choices"
	case "min_date", "max_date":
		return "dates"
	}
	return ""
}

// questionErrors renders the form again with its errors: by field where
// a field is at fault, else at the top.
func (s *Server) questionErrors(w http.ResponseWriter, status int, view questionView, problems []surveys.Problem, prefix string) error {
	var general []string
	for _, p := range problems {
		field := fieldOf(p.Path, prefix)
		if view.NewPage && strings.HasSuffix(p.Path, ".title") {
			field = "page_title"
		}
		if field == "" {
			general = append(general, p.Message)
			continue
		}
		if view.Errors[field] == "" {
			view.Errors[field] = p.Message
		} else {
			view.Errors[field] += " " + p.Message
		}
	}
	for _, f := range questionFormFields {
		if m := view.Errors[f]; m != "" {
			view.Summary = append(view.Summary, builderProblem{Anchor: "f-" + f, Message: m})
		}
	}
	for _, m := range general {
		view.Summary = append(view.Summary, builderProblem{Message: m})
	}
	if view.Error == "" {
		view.Error = s.msg.T("admin.builder.refused")
	}
	return s.render(w, status, "admin/survey_question", view)
}

// maxQuestionForm bounds the question form: a hundred options of the
// longest label fit.
const maxQuestionForm = 256 << 10

func (s *Server) parseQuestionForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxQuestionForm)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	return nil
}

// adminBuilderAddQuestion adds a question to a page, or a new page with
// the question, then opens the builder at it.
func (s *Server) adminBuilderAddQuestion(w http.ResponseWriter, r *http.Request) error {
	sv, v, err := s.adminSurveyDraft(r)
	if err != nil {
		return err
	}
	if err := s.parseQuestionForm(w, r); err != nil {
		return err
	}
	pf := r.PostForm
	view, err := s.newQuestionView(r, sv, v, pf.Get("trang"), pf.Get("sau"), pf.Get("loai"))
	if err != nil {
		return err
	}
	view.PageTitle = pf.Get("page_title")
	view.ETag = pf.Get("etag")
	d := v.Definition
	earlier := d.Earlier("", view.PageID)
	if view.NewPage {
		earlier = d.Earlier("", view.After)
	}
	q, f, add, errs := s.questionFromForm(r, surveys.QuestionType(view.Type), nil, earlier)
	view.F, view.AddCond = f, add
	q.ID = d.NewQuestionID()
	if len(errs) > 0 {
		view.Errors = errs
		return s.questionErrors(w, http.StatusBadRequest, view, nil, "")
	}
	note := "Thêm câu hỏi " + q.ID
	edited, err := s.builderEdit(r, sv, note, func(d *surveys.Definition) error {
		if view.NewPage {
			_, err := d.AddPage(view.After, view.PageTitle, q)
			return err
		}
		return d.AddQuestion(view.PageID, q)
	})
	return s.questionDone(w, r, sv, view, q.ID, edited, err)
}

// questionDone answers the question form: to the builder at the question
// on success, the form again with what to fix otherwise.
func (s *Server) questionDone(w http.ResponseWriter, r *http.Request, sv *surveys.Survey, view questionView, id string, edited *surveys.Definition, err error) error {
	var de *surveys.DefinitionError
	switch {
	case err == nil:
		http.Redirect(w, r, builderURL(sv)+"?ok=builder_saved#q-"+id, http.StatusSeeOther)
		return nil
	case errors.Is(err, surveys.ErrStale), errors.Is(err, errStaleForm):
		// What was typed stays; the form now carries the new draft's
		// ETag, so sending it again applies this question's fields to the
		// new draft — a choice made knowingly, after this message.
		latest, lerr := s.cfg.Surveys.Latest(r.Context(), sv.ID)
		if lerr != nil {
			return lerr
		}
		view.ETag, view.Error = latest.ETag(), s.msg.T("admin.builder.stale_form")
		return s.questionErrors(w, http.StatusConflict, view, nil, "")
	case errors.Is(err, surveys.ErrNotFound):
		return notFoundErr(s.msg.T("admin.builder.gone"))
	case errors.As(err, &de):
		return s.questionErrors(w, http.StatusBadRequest, view, de.Problems, edited.Path(id))
	}
	return err
}

// adminBuilderSaveQuestion saves the question form of an existing
// question. Its type does not change: answers already given are of it.
func (s *Server) adminBuilderSaveQuestion(w http.ResponseWriter, r *http.Request) error {
	sv, v, err := s.adminSurveyDraft(r)
	if err != nil {
		return err
	}
	if err := s.parseQuestionForm(w, r); err != nil {
		return err
	}
	view, old, err := s.editQuestionView(r, sv, v)
	if err != nil {
		return err
	}
	view.ETag = r.PostForm.Get("etag")
	q, f, add, errs := s.questionFromForm(r, old.Type, old, v.Definition.Earlier(old.ID, ""))
	view.F, view.AddCond = f, add
	for k := range view.Conds {
		view.Conds[k].Drop = slices.Contains(r.PostForm["drop_cond"], strconv.Itoa(view.Conds[k].Index))
	}
	if len(errs) > 0 {
		view.Errors = errs
		return s.questionErrors(w, http.StatusBadRequest, view, nil, "")
	}
	edited, err := s.builderEdit(r, sv, fmt.Sprintf("Sửa câu hỏi %s", old.ID), func(d *surveys.Definition) error { return d.ReplaceQuestion(old.ID, q) })
	return s.questionDone(w, r, sv, view, old.ID, edited, err)
}
