package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/surveys"
)

// surveyForm is a respondent's progress through one survey: the answers
// of every page so far (raw, as posted) and the form's token.
type surveyForm struct {
	sv      *surveys.Survey
	v       *surveys.Version
	raw     surveys.Answers
	token   string
	embed   bool
	preview bool
}

// surveyPageView is one page of a survey.
type surveyPageView struct {
	Base  Base
	Title string
	// Intro is shown on the first page only.
	Intro []string
	// Closed says the survey takes no responses; ResultsURL links its
	// published results.
	Closed     bool
	ResultsURL string
	Embed      bool
	Preview    bool
	Action     string
	Multipart  bool
	PageID     string
	PageTitle  string
	PageNumber int
	PageCount  int
	// Notice is a message about the whole form (already answered).
	Notice   string
	Errors   []surveyErrorLink
	Identity *surveyField
	Fields   []surveyField
	State    string
	Token    string
	Back     bool
	// Last says the page ends the survey whatever the answers.
	Last bool
}

// surveyErrorLink is one line of the error summary, linking to the field.
type surveyErrorLink struct {
	Anchor, Label, Message string
}

// surveyField is one question as the template draws it.
type surveyField struct {
	ID, Name, Type, Label, Help, Error string
	Required                           bool
	// Group is true for questions drawn as a fieldset of choices.
	Group     bool
	Value     string
	Options   []surveyChoice
	InputType string
	InputMode string
	Autocomp  string
	MaxLength int
	Min, Max  string
	// Condition explains when a question that depends on an answer on the
	// same page applies (without JavaScript it is always shown).
	Condition string
	// Place pickers: the provinces, and the communes of the chosen one.
	Provinces, Communes []surveyChoice
	CommuneLevel        bool
	// File already uploaded.
	FileName, FileToken string
	MaxKB               int
	Describe            string
}

// surveyChoice is one radio button, check box or select option.
type surveyChoice struct {
	ID, Value, Label string
	Checked          bool
}

// renderSurveyPage draws page i of the form with the answers so far and
// errs about the page.
func (s *Server) renderSurveyPage(w http.ResponseWriter, r *http.Request, status int, f *surveyForm, i int, errs []surveys.FieldError, notice string) error {
	def := f.v.Definition
	if i < 0 || i >= len(def.Pages) {
		i = 0
	}
	page := def.Pages[i]
	view := surveyPageView{
		Base: Base{Title: f.sv.Title}, Title: f.sv.Title, Embed: f.embed, Preview: f.preview,
		Action: surveyURL(f.sv, f.embed), Multipart: def.HasFiles(), PageID: page.ID, PageTitle: page.Title,
		PageNumber: i + 1, PageCount: len(def.Pages), Notice: notice, Token: f.token, Back: i > 0,
		Last: def.EndsAfter(i),
	}
	if i == 0 && def.Intro != "" {
		view.Intro = strings.Split(def.Intro, "\n")
	}
	msgs := map[string]string{}
	for _, e := range errs {
		msgs[e.Field] = e.Message
	}
	if i == 0 && def.Identity != surveys.IdentityNone {
		id := s.identityField(def.Identity, f.raw[surveys.IdentityField], msgs[surveys.IdentityField])
		view.Identity = &id
		if id.Error != "" {
			view.Errors = append(view.Errors, surveyErrorLink{Anchor: id.ID, Label: id.Label, Message: id.Error})
		}
	}
	onPage := map[string]bool{}
	for k := range page.Questions {
		q := &page.Questions[k]
		onPage[q.ID] = true
		field, err := s.surveyField(r, def, page, q, f.raw[q.ID], msgs[q.ID])
		if err != nil {
			return err
		}
		view.Fields = append(view.Fields, field)
		if field.Error != "" {
			view.Errors = append(view.Errors, surveyErrorLink{Anchor: field.ID, Label: field.Label, Message: field.Error})
		}
	}
	// The other pages' answers travel in one hidden field.
	state := surveys.Answers{}
	for k, v := range f.raw {
		if !onPage[k] && !(i == 0 && k == surveys.IdentityField) && len(v) > 0 {
			state[k] = v
		}
	}
	b, err := json.Marshal(state)
	if err != nil {
		return err
	}
	view.State = string(b)
	if f.preview {
		view.Action = ""
	}
	return s.render(w, status, surveyTemplate(f.embed), view)
}

// identityField draws the identity an identified survey asks for.
func (s *Server) identityField(kind string, vals []string, msg string) surveyField {
	f := surveyField{ID: "identity", Name: "identity", Type: "identity", Required: true, Error: msg, Describe: "identity-help"}
	if len(vals) > 0 {
		f.Value = vals[0]
	}
	if kind == surveys.IdentityPhone {
		f.Label, f.Help, f.InputType, f.InputMode, f.Autocomp = s.msg.T("survey.identity_phone"), s.msg.T("survey.identity_phone_help"), "tel", "tel", "tel"
	} else {
		f.Label, f.Help, f.InputType, f.InputMode, f.Autocomp = s.msg.T("survey.identity_email"), s.msg.T("survey.identity_email_help"), "email", "email", "email"
	}
	f.MaxLength = 254
	if msg != "" {
		f.Describe += " identity-error"
	}
	return f
}

// surveyField builds the view of one question.
func (s *Server) surveyField(r *http.Request, def *surveys.Definition, page surveys.Page, q *surveys.Question, vals []string, msg string) (surveyField, error) {
	f := surveyField{ID: "q-" + q.ID, Name: "q_" + q.ID, Type: string(q.Type), Label: q.Label, Help: q.Help, Required: q.Required, Error: msg}
	if len(vals) > 0 {
		f.Value = vals[0]
	}
	var describe []string
	if f.Help != "" {
		describe = append(describe, f.ID+"-help")
	}
	if f.Condition = s.sameSurveyPageCondition(def, page, q); f.Condition != "" {
		describe = append(describe, f.ID+"-cond")
	}
	if msg != "" {
		describe = append(describe, f.ID+"-error")
	}
	f.Describe = strings.Join(describe, " ")
	choice := func(value, label string) surveyChoice {
		return surveyChoice{ID: f.ID + "-" + value, Value: value, Label: label, Checked: slices.Contains(vals, value)}
	}
	switch q.Type {
	case surveys.TypeSingle, surveys.TypeMultiple:
		f.Group = true
		for _, o := range q.Options {
			f.Options = append(f.Options, choice(o.Value, o.Label))
		}
	case surveys.TypeYesNo:
		f.Group = true
		f.Options = []surveyChoice{choice("yes", s.msg.T("survey.yes")), choice("no", s.msg.T("survey.no"))}
	case surveys.TypeRating:
		f.Group = true
		for n := 1; n <= 5; n++ {
			f.Options = append(f.Options, choice(strconv.Itoa(n), s.msg[fmt.Sprintf("survey.rating_%d", n)]))
		}
	case surveys.TypeScale:
		f.Group = true
		for n := 0; n <= 10; n++ {
			f.Options = append(f.Options, choice(strconv.Itoa(n), strconv.Itoa(n)))
		}
	case surveys.TypeShortText:
		f.InputType, f.MaxLength = "text", q.TextLimit()
	case surveys.TypeLongText:
		f.MaxLength = q.TextLimit()
	case surveys.TypeDate:
		f.InputType, f.Min, f.Max = "date", q.MinDate, q.MaxDate
	case surveys.TypeNumber:
		f.InputType, f.InputMode, f.MaxLength = "text", "decimal", 30
		if q.Integer {
			f.InputMode = "numeric"
		}
	case surveys.TypeEmail:
		f.InputType, f.InputMode, f.Autocomp, f.MaxLength = "email", "email", "email", 254
	case surveys.TypePhone:
		f.InputType, f.InputMode, f.Autocomp, f.MaxLength = "tel", "tel", "tel", 20
	case surveys.TypeCCCD:
		f.InputType, f.InputMode, f.MaxLength = "text", "numeric", 20
	case surveys.TypePlace:
		if err := s.placeChoices(r, &f, q, vals); err != nil {
			return f, err
		}
	case surveys.TypeFile:
		f.MaxKB = q.FileLimitKB()
		if len(vals) > 0 && vals[0] != "" {
			if file, err := s.cfg.Surveys.FileByToken(r.Context(), vals[0]); err == nil && file.ResponseID == 0 {
				f.FileName, f.FileToken = file.Name, file.Token
			}
		}
	}
	return f, nil
}

// placeChoices lists the provinces and, once one is chosen, its communes.
func (s *Server) placeChoices(r *http.Request, f *surveyField, q *surveys.Question, vals []string) error {
	provinces, err := s.cfg.Units.Provinces(r.Context())
	if err != nil {
		return err
	}
	prov := ""
	if len(vals) > 0 {
		prov = vals[0]
	}
	for _, p := range provinces {
		f.Provinces = append(f.Provinces, surveyChoice{Value: p.Code, Label: p.FullName, Checked: p.Code == prov})
	}
	f.CommuneLevel = q.Level == surveys.LevelCommune
	if !f.CommuneLevel || prov == "" {
		return nil
	}
	communes, err := s.cfg.Units.Communes(r.Context(), prov)
	if err != nil {
		return nil // an unknown province: the validator says so
	}
	commune := ""
	if len(vals) > 1 {
		commune = vals[1]
	}
	for _, c := range communes {
		f.Communes = append(f.Communes, surveyChoice{Value: c.Code, Label: c.FullName, Checked: c.Code == commune})
	}
	return nil
}

// sameSurveyPageCondition explains a show_if that depends on a question of
// the same page, which the server cannot apply before the page is sent:
// the question is shown with "Trả lời nếu …" and its answer is dropped on
// the server when the condition does not hold.
func (s *Server) sameSurveyPageCondition(def *surveys.Definition, page surveys.Page, q *surveys.Question) string {
	var parts []string
	for _, c := range q.ShowIf {
		if !slices.ContainsFunc(page.Questions, func(o surveys.Question) bool { return o.ID == c.Question }) {
			continue
		}
		dep := def.Question(c.Question)
		switch c.Op {
		case surveys.OpEquals, surveys.OpAnyOf:
			values := c.Values
			if c.Op == surveys.OpEquals {
				values = []string{c.Value}
			}
			labels := make([]string, len(values))
			for i, v := range values {
				labels[i] = "«" + choiceLabel(s, dep, v) + "»"
			}
			parts = append(parts, s.msg.Tf("survey.cond_chose", strings.Join(labels, ", "), dep.Label))
		default:
			parts = append(parts, s.msg.Tf("survey.cond_other", dep.Label))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return s.msg.Tf("survey.cond", strings.Join(parts, "; "))
}

// choiceLabel names a value of a choice-like question.
func choiceLabel(s *Server, q *surveys.Question, v string) string {
	switch q.Type {
	case surveys.TypeYesNo:
		if v == "yes" {
			return s.msg.T("survey.yes")
		}
		return s.msg.T("survey.no")
	}
	return q.OptionLabel(v)
}
