package surveys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// QuestionType says what a question asks for and how its answer is checked.
type QuestionType string

// The question types.
const (
	TypeShortText QuestionType = "short_text" // one line of text
	TypeLongText  QuestionType = "long_text"  // paragraphs
	TypeSingle    QuestionType = "single"     // one of the options
	TypeMultiple  QuestionType = "multiple"   // any of the options
	TypeRating    QuestionType = "rating"     // 1 to 5 (rất không hài lòng … rất hài lòng)
	TypeScale     QuestionType = "scale"      // 0 to 10 (would you recommend …)
	TypeYesNo     QuestionType = "yes_no"     // "yes" or "no"
	TypeDate      QuestionType = "date"       // YYYY-MM-DD
	TypeNumber    QuestionType = "number"     // a decimal number
	TypeEmail     QuestionType = "email"      // an e-mail address
	TypePhone     QuestionType = "phone"      // a Vietnamese mobile number
	TypeCCCD      QuestionType = "cccd"       // a citizen identity number
	TypePlace     QuestionType = "place"      // a province, or a province and a commune
	TypeFile      QuestionType = "file"       // an uploaded PDF, JPEG or PNG
)

// questionTypes lists the types with their Vietnamese names, in the order
// the builder's help shows them.
var questionTypes = []struct {
	Type QuestionType
	Name string
}{
	{TypeShortText, "Văn bản ngắn"}, {TypeLongText, "Đoạn văn"},
	{TypeSingle, "Chọn một"}, {TypeMultiple, "Chọn nhiều"},
	{TypeRating, "Đánh giá 5 mức"}, {TypeScale, "Thang điểm 0–10"},
	{TypeYesNo, "Có/Không"}, {TypeDate, "Ngày"}, {TypeNumber, "Số"},
	{TypeEmail, "Thư điện tử"}, {TypePhone, "Số điện thoại di động"},
	{TypeCCCD, "Số CCCD"}, {TypePlace, "Tỉnh/xã"}, {TypeFile, "Tệp đính kèm"},
}

// Valid reports whether t is a known type.
func (t QuestionType) Valid() bool { return t.Name() != "" }

// Name is the type's Vietnamese name, "" for an unknown type.
func (t QuestionType) Name() string {
	for _, qt := range questionTypes {
		if qt.Type == t {
			return qt.Name
		}
	}
	return ""
}

// Identity kinds: what an identified survey asks the respondent for.
const (
	IdentityNone  = ""
	IdentityPhone = "phone"
	IdentityEmail = "email"
)

// Place levels.
const (
	LevelProvince = "province"
	LevelCommune  = "commune"
)

// End is the route target that ends the survey (submits it).
const End = "end"

// Definition is one version of a survey: what is asked, in which order,
// and when. Parse builds it; it is never changed afterwards.
type Definition struct {
	// Intro is shown above the first page; Thanks after submitting.
	Intro  string `json:"intro,omitempty"`
	Thanks string `json:"thanks,omitempty"`
	// Identity is "" for an anonymous survey, or the identity a respondent
	// must give: "phone" or "email".
	Identity string `json:"identity,omitempty"`
	// OnePerIdentity refuses a second response with the same identity.
	OnePerIdentity bool   `json:"one_per_identity,omitempty"`
	Pages          []Page `json:"pages"`
}

// Page is one screen of questions.
type Page struct {
	ID        string     `json:"id"`
	Title     string     `json:"title,omitempty"`
	Questions []Question `json:"questions"`
	// Routes say which page comes next: the first whose conditions all
	// hold wins; without one, the next page in order (or the end).
	Routes []Route `json:"routes,omitempty"`
}

// Question is one question. Which of the rule fields apply depends on
// Type; Parse refuses a rule that does not apply.
type Question struct {
	ID       string       `json:"id"`
	Type     QuestionType `json:"type"`
	Label    string       `json:"label"`
	Help     string       `json:"help,omitempty"`
	Required bool         `json:"required,omitempty"`
	// Options are the choices of single and multiple questions.
	Options []Option `json:"options,omitempty"`
	// MinLength and MaxLength bound text answers, in characters.
	MinLength *int `json:"min_length,omitempty"`
	MaxLength *int `json:"max_length,omitempty"`
	// Min and Max bound number answers; Integer refuses fractions.
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Integer bool     `json:"integer,omitempty"`
	// MinDate and MaxDate bound date answers (YYYY-MM-DD).
	MinDate string `json:"min_date,omitempty"`
	MaxDate string `json:"max_date,omitempty"`
	// MinChoices and MaxChoices bound how many options a multiple
	// question's answer may tick.
	MinChoices *int `json:"min_choices,omitempty"`
	MaxChoices *int `json:"max_choices,omitempty"`
	// Level of a place question: "province" (default) or "commune".
	Level string `json:"level,omitempty"`
	// MaxKB bounds an uploaded file; at most MaxFileKB, which is also the
	// default.
	MaxKB int `json:"max_kb,omitempty"`
	// ShowIf hides the question unless every condition holds.
	ShowIf []Condition `json:"show_if,omitempty"`
}

// Option is one choice.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Condition tests the answer to an earlier question.
type Condition struct {
	Question string `json:"question"`
	// Op is one of the Op* constants.
	Op     string   `json:"op"`
	Value  string   `json:"value,omitempty"`
	Values []string `json:"values,omitempty"`
}

// The condition operators.
const (
	OpAnswered    = "answered"     // any answer
	OpNotAnswered = "not_answered" // no answer (skipped, or the question was hidden)
	OpEquals      = "equals"       // the answer is Value (a multiple answer includes it)
	OpNotEquals   = "not_equals"   // not OpEquals, unanswered included
	OpAnyOf       = "any_of"       // the answer is (includes) one of Values
	OpAtLeast     = "at_least"     // a number, rating or scale ≥ Value
	OpAtMost      = "at_most"      // a number, rating or scale ≤ Value
)

// Route sends the respondent to page Goto (a page id, or "end") when every
// condition in If holds; an empty If always holds.
type Route struct {
	If   []Condition `json:"if,omitempty"`
	Goto string      `json:"goto"`
}

// Limits of a definition. They keep a page light on a phone and bound the
// work of checking one.
const (
	MaxDefinitionBytes = 256 << 10
	MaxPages           = 30
	MaxQuestions       = 200
	MaxOptions         = 100
	MaxConditions      = 10
	MaxRoutes          = 20
	MaxLabel           = 500
	MaxHelp            = 1000
	MaxIntro           = 3000
	// MaxFileKB is the largest upload: 5 MB.
	MaxFileKB = 5 * 1024
	// DefaultShortText and DefaultLongText are the length limits of text
	// answers whose question sets none; MaxTextLength bounds any limit set.
	DefaultShortText = 300
	DefaultLongText  = 4000
	MaxTextLength    = 10000
)

// idPattern is the shape of page, question and option ids: safe in form
// field names, HTML ids and CSV headers.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Problem is one thing wrong with a definition: Path is where in the JSON
// ("pages[0].questions[2].options"), Message says what, in Vietnamese.
type Problem struct {
	Path    string
	Message string
}

// DefinitionError lists every problem Parse found.
type DefinitionError struct {
	Problems []Problem
}

// Error names the paths of the problems.
func (e *DefinitionError) Error() string {
	var b strings.Builder
	b.WriteString("surveys: invalid definition:")
	for i, p := range e.Problems {
		if i == 5 {
			fmt.Fprintf(&b, " (+%d)", len(e.Problems)-5)
			break
		}
		b.WriteString(" " + p.Path + ": " + p.Message)
	}
	return b.String()
}

// Parse reads a definition strictly: the JSON must be one object with only
// the known fields, and Check must find nothing wrong. Text is normalised
// (NFC, trimmed). Any problem gives a *DefinitionError listing them all.
func Parse(b []byte) (*Definition, error) {
	if len(b) > MaxDefinitionBytes {
		return nil, &DefinitionError{[]Problem{{"", fmt.Sprintf("Định nghĩa quá lớn (tối đa %d KB).", MaxDefinitionBytes>>10)}}}
	}
	if !utf8.Valid(b) {
		return nil, &DefinitionError{[]Problem{{"", "Định nghĩa không phải văn bản UTF-8 hợp lệ."}}}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var d Definition
	if err := dec.Decode(&d); err != nil {
		return nil, &DefinitionError{[]Problem{jsonProblem(err)}}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &DefinitionError{[]Problem{{"", "Sau đối tượng JSON còn nội dung thừa."}}}
	}
	d.normalize()
	if probs := d.Check(); len(probs) > 0 {
		return nil, &DefinitionError{probs}
	}
	return &d, nil
}

// jsonProblem turns a decoding error into a message a builder can act on.
func jsonProblem(err error) Problem {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return Problem{"", fmt.Sprintf("JSON sai cú pháp ở ký tự thứ %d.", syn.Offset)}
	case errors.As(err, &typ):
		return Problem{typ.Field, fmt.Sprintf("Giá trị của trường «%s» sai kiểu (cần %s).", typ.Field, typeName(typ.Type.Kind().String()))}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Problem{"", "JSON bị cắt cụt hoặc trống."}
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return Problem{"", "Trường không được hỗ trợ: " + f + "."}
	}
	return Problem{"", "JSON không hợp lệ."}
}

func typeName(kind string) string {
	switch kind {
	case "string":
		return "chuỗi"
	case "bool":
		return "true/false"
	case "slice":
		return "danh sách"
	case "struct", "map":
		return "đối tượng"
	case "int", "float64", "ptr":
		return "số"
	}
	return kind
}

// JSON writes the definition in its canonical form, indented for the
// builder's text box.
func (d *Definition) JSON() []byte {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		// A Definition holds only strings, numbers and bools.
		panic("surveys: marshal definition: " + err.Error())
	}
	return b
}

// normalize puts every text in NFC with one tone placement and trims ids.
func (d *Definition) normalize() {
	d.Intro, d.Thanks = cleanText(d.Intro), cleanText(d.Thanks)
	d.Identity = strings.TrimSpace(d.Identity)
	for i := range d.Pages {
		p := &d.Pages[i]
		p.ID, p.Title = strings.TrimSpace(p.ID), vn.Normalize(p.Title)
		for j := range p.Questions {
			q := &p.Questions[j]
			q.ID, q.Label, q.Help = strings.TrimSpace(q.ID), vn.Normalize(q.Label), cleanText(q.Help)
			q.Level, q.MinDate, q.MaxDate = strings.TrimSpace(q.Level), strings.TrimSpace(q.MinDate), strings.TrimSpace(q.MaxDate)
			for k := range q.Options {
				q.Options[k].Value, q.Options[k].Label = strings.TrimSpace(q.Options[k].Value), vn.Normalize(q.Options[k].Label)
			}
			normalizeConds(q.ShowIf)
		}
		for j := range p.Routes {
			p.Routes[j].Goto = strings.TrimSpace(p.Routes[j].Goto)
			normalizeConds(p.Routes[j].If)
		}
	}
}

func normalizeConds(cs []Condition) {
	for i := range cs {
		c := &cs[i]
		c.Question, c.Op, c.Value = strings.TrimSpace(c.Question), strings.TrimSpace(c.Op), strings.TrimSpace(c.Value)
		for j := range c.Values {
			c.Values[j] = strings.TrimSpace(c.Values[j])
		}
	}
}

// cleanText prepares multi-line text: valid UTF-8, control characters
// other than line breaks dropped, each line normalised, no blank lines at
// either end and at most one in a row.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true
	for _, l := range lines {
		l = vn.Normalize(l)
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// Questions returns every question in order, across pages.
func (d *Definition) Questions() []*Question {
	var out []*Question
	for i := range d.Pages {
		for j := range d.Pages[i].Questions {
			out = append(out, &d.Pages[i].Questions[j])
		}
	}
	return out
}

// Question returns the question with the id, or nil.
func (d *Definition) Question(id string) *Question {
	for _, q := range d.Questions() {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// PageIndex returns the index of the page with the id, or -1.
func (d *Definition) PageIndex(id string) int {
	for i := range d.Pages {
		if d.Pages[i].ID == id {
			return i
		}
	}
	return -1
}

// HasFiles reports whether any question asks for a file, so the form must
// be sent as multipart.
func (d *Definition) HasFiles() bool {
	for _, q := range d.Questions() {
		if q.Type == TypeFile {
			return true
		}
	}
	return false
}

// OptionLabel returns the label of the option with the value, or the value.
func (q *Question) OptionLabel(value string) string {
	for _, o := range q.Options {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// FileLimitKB is the size limit of the question's uploads.
func (q *Question) FileLimitKB() int {
	if q.MaxKB > 0 {
		return q.MaxKB
	}
	return MaxFileKB
}

// TextLimit is the longest text answer the question accepts.
func (q *Question) TextLimit() int {
	if q.MaxLength != nil {
		return *q.MaxLength
	}
	if q.Type == TypeLongText {
		return DefaultLongText
	}
	return DefaultShortText
}
