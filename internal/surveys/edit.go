package surveys

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// The edits below change a definition one step at a time, for the
// form-based builder. They only move things around: whether the result is
// a sound survey is decided by Parse, which the caller runs on the edited
// copy before saving it, so an edit never needs its own copy of the rules.

// ErrCannotMove: the question or page is already first (last) and cannot
// move further up (down).
var ErrCannotMove = errors.New("surveys: cannot move further")

// Clone returns a deep copy of d, to edit without touching d (versions
// share their parsed definitions).
func (d *Definition) Clone() *Definition {
	var c Definition
	if err := json.Unmarshal(d.JSON(), &c); err != nil {
		// JSON wrote it a line above; reading it back cannot fail.
		panic("surveys: clone definition: " + err.Error())
	}
	return &c
}

// Locate returns the page and position of the question with the id.
func (d *Definition) Locate(id string) (page, index int, ok bool) {
	for i := range d.Pages {
		for j := range d.Pages[i].Questions {
			if d.Pages[i].Questions[j].ID == id {
				return i, j, true
			}
		}
	}
	return -1, -1, false
}

// Path is the JSON path of the question with the id
// ("pages[1].questions[0]"), "" when there is none; Problem paths under it
// are about that question.
func (d *Definition) Path(id string) string {
	i, j, ok := d.Locate(id)
	if !ok {
		return ""
	}
	return fmt.Sprintf("pages[%d].questions[%d]", i, j)
}

// NewQuestionID returns an id no question uses: cau_N, N counting from
// the number of questions so that ids follow the order they were added.
func (d *Definition) NewQuestionID() string {
	return freeID("cau_", len(d.Questions())+1, func(id string) bool { return d.Question(id) != nil })
}

// NewPageID returns an id no page uses: trang_N.
func (d *Definition) NewPageID() string {
	return freeID("trang_", len(d.Pages)+1, func(id string) bool { return d.PageIndex(id) >= 0 })
}

func freeID(prefix string, n int, used func(string) bool) string {
	for ; ; n++ {
		if id := prefix + strconv.Itoa(n); !used(id) {
			return id
		}
	}
}

// AddQuestion appends q to the page with the id.
func (d *Definition) AddQuestion(pageID string, q Question) error {
	i := d.PageIndex(pageID)
	if i < 0 {
		return ErrNotFound
	}
	d.Pages[i].Questions = append(d.Pages[i].Questions, q)
	return nil
}

// AddPage inserts a new page holding q after the page with the id (at the
// end when after is "") and returns the new page's id.
func (d *Definition) AddPage(after, title string, q Question) (string, error) {
	at := len(d.Pages)
	if after != "" {
		i := d.PageIndex(after)
		if i < 0 {
			return "", ErrNotFound
		}
		at = i + 1
	}
	p := Page{ID: d.NewPageID(), Title: title, Questions: []Question{q}}
	d.Pages = append(d.Pages[:at], append([]Page{p}, d.Pages[at:]...)...)
	return p.ID, nil
}

// ReplaceQuestion puts q in the place of the question with the id. q keeps
// that id: conditions and stored answers refer to it.
func (d *Definition) ReplaceQuestion(id string, q Question) error {
	i, j, ok := d.Locate(id)
	if !ok {
		return ErrNotFound
	}
	q.ID = id
	d.Pages[i].Questions[j] = q
	return nil
}

// MoveQuestion moves the question one place up (delta -1) or down (+1).
// From the top of a page it goes to the end of the page before, from the
// bottom to the start of the page after.
func (d *Definition) MoveQuestion(id string, delta int) error {
	i, j, ok := d.Locate(id)
	if !ok {
		return ErrNotFound
	}
	qs := d.Pages[i].Questions
	switch k := j + delta; {
	case k >= 0 && k < len(qs):
		qs[j], qs[k] = qs[k], qs[j]
	case k < 0 && i > 0:
		q := qs[j]
		d.Pages[i].Questions = append(qs[:j:j], qs[j+1:]...)
		d.Pages[i-1].Questions = append(d.Pages[i-1].Questions, q)
	case k >= len(qs) && i+1 < len(d.Pages):
		q := qs[j]
		d.Pages[i].Questions = append(qs[:j:j], qs[j+1:]...)
		d.Pages[i+1].Questions = append([]Question{q}, d.Pages[i+1].Questions...)
	default:
		return ErrCannotMove
	}
	return nil
}

// DeleteQuestion removes the question with the id. Conditions that refer
// to it are left for Parse to report: silently dropping them would change
// who sees other questions.
func (d *Definition) DeleteQuestion(id string) error {
	i, j, ok := d.Locate(id)
	if !ok {
		return ErrNotFound
	}
	qs := d.Pages[i].Questions
	d.Pages[i].Questions = append(qs[:j:j], qs[j+1:]...)
	return nil
}

// RenamePage sets the title of the page with the id.
func (d *Definition) RenamePage(id, title string) error {
	i := d.PageIndex(id)
	if i < 0 {
		return ErrNotFound
	}
	d.Pages[i].Title = title
	return nil
}

// MovePage moves the page with the id one place up (delta -1) or down (+1).
func (d *Definition) MovePage(id string, delta int) error {
	i := d.PageIndex(id)
	if i < 0 {
		return ErrNotFound
	}
	k := i + delta
	if k < 0 || k >= len(d.Pages) {
		return ErrCannotMove
	}
	d.Pages[i], d.Pages[k] = d.Pages[k], d.Pages[i]
	return nil
}

// DeletePage removes the page with the id and its questions.
func (d *Definition) DeletePage(id string) error {
	i := d.PageIndex(id)
	if i < 0 {
		return ErrNotFound
	}
	d.Pages = append(d.Pages[:i:i], d.Pages[i+1:]...)
	return nil
}

// AddRoute appends a rule to the page's routes: it is tried after the
// existing ones.
func (d *Definition) AddRoute(pageID string, r Route) error {
	i := d.PageIndex(pageID)
	if i < 0 {
		return ErrNotFound
	}
	d.Pages[i].Routes = append(d.Pages[i].Routes, r)
	return nil
}

// DeleteRoute removes the page's route at the index.
func (d *Definition) DeleteRoute(pageID string, index int) error {
	i := d.PageIndex(pageID)
	if i < 0 || index < 0 || index >= len(d.Pages[i].Routes) {
		return ErrNotFound
	}
	rs := d.Pages[i].Routes
	d.Pages[i].Routes = append(rs[:index:index], rs[index+1:]...)
	if len(d.Pages[i].Routes) == 0 {
		d.Pages[i].Routes = nil
	}
	return nil
}

// Earlier returns the questions before the one with the id, in order: the
// only ones its show_if may test. An unknown id (a question being added)
// gets every question up to the end of page pageID, or all when pageID is
// not a page either.
func (d *Definition) Earlier(id, pageID string) []*Question {
	all := d.Questions()
	if i, j, ok := d.Locate(id); ok {
		return all[:d.position(i, j)]
	}
	if i := d.PageIndex(pageID); i >= 0 {
		return all[:d.position(i, len(d.Pages[i].Questions))]
	}
	return all
}

// UpTo returns the questions of the page with the id and of the pages
// before it: those its routes may test.
func (d *Definition) UpTo(pageID string) []*Question {
	i := d.PageIndex(pageID)
	if i < 0 {
		return nil
	}
	return d.Questions()[:d.position(i, len(d.Pages[i].Questions))]
}

// position is the document index of question j of page i.
func (d *Definition) position(i, j int) int {
	n := j
	for k := 0; k < i; k++ {
		n += len(d.Pages[k].Questions)
	}
	return n
}

// OptionsFromLines turns the builder's text box, one option label per
// line, into options. Values must stay stable across edits, since
// conditions and stored answers use them: a line keeps the value of the
// old option with the same label; else, of the old option on the same
// line when that one's label is gone and looks like this one (a corrected
// typo, a precision added); else a new value is made from the label.
// Blank lines are skipped.
func OptionsFromLines(old []Option, text string) []Option {
	var labels []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = vn.Normalize(l); l != "" {
			labels = append(labels, l)
		}
	}
	out := make([]Option, len(labels))
	used := map[string]bool{}
	byLabel := map[string]string{}
	for _, o := range old {
		if _, dup := byLabel[o.Label]; !dup {
			byLabel[o.Label] = o.Value
		}
	}
	for k, l := range labels {
		if v, ok := byLabel[l]; ok && !used[v] {
			out[k] = Option{Value: v, Label: l}
			used[v] = true
		}
	}
	kept := map[string]bool{}
	for _, l := range labels {
		kept[l] = true
	}
	for k, l := range labels {
		if out[k].Value != "" || k >= len(old) {
			continue
		}
		if o := old[k]; !kept[o.Label] && !used[o.Value] && alike(o.Label, l) {
			out[k] = Option{Value: o.Value, Label: l}
			used[o.Value] = true
		}
	}
	for k, l := range labels {
		if out[k].Value == "" {
			v := uniqueValue(slugValue(l), used)
			out[k] = Option{Value: v, Label: l}
			used[v] = true
		}
	}
	return out
}

// alike reports whether two labels are one edit apart or one holds the
// other, diacritics and case aside: the same option, reworded.
func alike(a, b string) bool {
	a, b = vn.Fold(a), vn.Fold(b)
	return vn.Near(a, b) || strings.Contains(a, b) || strings.Contains(b, a)
}

// slugValue makes an option value from a label: "Đăng ký khai sinh" gives
// "dang_ky_khai_sinh".
func slugValue(label string) string {
	var b strings.Builder
	under := false
	for _, r := range vn.Fold(label) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			under = false
		default:
			under = true
		}
	}
	s := b.String()
	if s == "" || s[0] < 'a' {
		s = "pa_" + s
	}
	return strings.TrimRight(s[:min(len(s), 28)], "_")
}

// uniqueValue adds _2, _3 … to v until no option uses it.
func uniqueValue(v string, used map[string]bool) string {
	if !used[v] {
		return v
	}
	for n := 2; ; n++ {
		if c := v + "_" + strconv.Itoa(n); !used[c] {
			return c
		}
	}
}
