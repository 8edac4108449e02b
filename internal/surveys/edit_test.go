package surveys

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// ids lists the question ids page by page: "a b|c".
func ids(d *Definition) string {
	var pages []string
	for _, p := range d.Pages {
		var qs []string
		for _, q := range p.Questions {
			qs = append(qs, q.ID)
		}
		pages = append(pages, strings.Join(qs, " "))
	}
	return strings.Join(pages, "|")
}

const editBase = `{"pages": [
 {"id": "p1", "questions": [
  {"id": "a", "type": "yes_no", "label": "A"},
  {"id": "b", "type": "short_text", "label": "B"}]},
 {"id": "p2", "questions": [
  {"id": "c", "type": "short_text", "label": "C", "show_if": [{"question": "a", "op": "equals", "value": "yes"}]}]}]}`

func TestMoveQuestion(t *testing.T) {
	cases := []struct {
		id    string
		delta int
		want  string
		err   error
	}{
		{"a", +1, "b a|c", nil},
		{"b", -1, "b a|c", nil},
		{"b", +1, "a|b c", nil},  // from the bottom of a page to the top of the next
		{"c", -1, "a b c|", nil}, // from the top of a page to the end of the one before
		{"a", -1, "a b|c", ErrCannotMove},
		{"c", +1, "a b|c", ErrCannotMove},
		{"x", +1, "a b|c", ErrNotFound},
	}
	for _, c := range cases {
		d := mustParse(t, editBase)
		err := d.MoveQuestion(c.id, c.delta)
		if !errors.Is(err, c.err) {
			t.Errorf("move %s %+d: err %v, want %v", c.id, c.delta, err, c.err)
		}
		if got := ids(d); got != c.want {
			t.Errorf("move %s %+d: %q, want %q", c.id, c.delta, got, c.want)
		}
	}
}

func TestEditsAreCheckedByParse(t *testing.T) {
	// Moving c above a breaks its condition; emptying p2 leaves a page
	// without questions: both are for Parse to refuse, with a path.
	d := mustParse(t, editBase)
	if err := d.MoveQuestion("c", -1); err != nil {
		t.Fatal(err)
	}
	if err := d.MoveQuestion("c", -1); err != nil {
		t.Fatal(err)
	}
	if err := d.MoveQuestion("c", -1); err != nil {
		t.Fatal(err)
	}
	if got := ids(d); got != "c a b|" {
		t.Fatalf("ids %q", got)
	}
	_, err := Parse(d.JSON())
	var de *DefinitionError
	if !errors.As(err, &de) {
		t.Fatalf("parse moved: %v", err)
	}
	paths := map[string]bool{}
	for _, p := range de.Problems {
		paths[p.Path] = true
	}
	if !paths["pages[0].questions[0].show_if[0].question"] || !paths["pages[1].questions"] {
		t.Errorf("problems %+v", de.Problems)
	}
}

func TestCloneIsDeep(t *testing.T) {
	d := mustParse(t, editBase)
	c := d.Clone()
	c.Pages[1].Questions[0].ShowIf[0].Value = "no"
	c.Pages[0].Questions[0].Label = "Khác"
	if d.Pages[1].Questions[0].ShowIf[0].Value != "yes" || d.Pages[0].Questions[0].Label != "A" {
		t.Error("editing the clone changed the original")
	}
}

func TestPageEdits(t *testing.T) {
	d := mustParse(t, editBase)
	id, err := d.AddPage("p1", "Giữa", Question{ID: d.NewQuestionID(), Type: TypeRating, Label: "Đánh giá"})
	if err != nil {
		t.Fatal(err)
	}
	if id != "trang_3" || ids(d) != "a b|cau_4|c" || d.Pages[1].Title != "Giữa" {
		t.Fatalf("add page: id %s, %q", id, ids(d))
	}
	if err := d.MovePage(id, -1); err != nil || ids(d) != "cau_4|a b|c" {
		t.Fatalf("move page: %v %q", err, ids(d))
	}
	if err := d.MovePage(id, -1); !errors.Is(err, ErrCannotMove) {
		t.Fatalf("move first page up: %v", err)
	}
	if err := d.RenamePage("p2", "Cuối"); err != nil || d.Pages[2].Title != "Cuối" {
		t.Fatalf("rename: %v", err)
	}
	if err := d.AddRoute("p1", Route{If: []Condition{{Question: "a", Op: OpEquals, Value: "no"}}, Goto: End}); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(d.JSON()); err != nil {
		t.Fatalf("edited definition: %v", err)
	}
	if err := d.DeleteRoute("p1", 1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete missing route: %v", err)
	}
	if err := d.DeleteRoute("p1", 0); err != nil || d.Pages[1].Routes != nil {
		t.Fatalf("delete route: %v %+v", err, d.Pages[1].Routes)
	}
	if err := d.DeletePage("p1"); err != nil || ids(d) != "cau_4|c" {
		t.Fatalf("delete page: %v %q", err, ids(d))
	}
	if err := d.DeletePage("p1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete page twice: %v", err)
	}
	// c's condition now names a question that is gone.
	if _, err := Parse(d.JSON()); err == nil || !strings.Contains(err.Error(), "show_if") {
		t.Fatalf("dangling condition: %v", err)
	}
}

func TestQuestionEdits(t *testing.T) {
	d := mustParse(t, editBase)
	if err := d.AddQuestion("p2", Question{ID: d.NewQuestionID(), Type: TypeNumber, Label: "Số"}); err != nil {
		t.Fatal(err)
	}
	if err := d.AddQuestion("p9", Question{ID: "z", Type: TypeNumber, Label: "Số"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("add to missing page: %v", err)
	}
	if err := d.ReplaceQuestion("b", Question{ID: "other", Type: TypeLongText, Label: "B2"}); err != nil {
		t.Fatal(err)
	}
	if q := d.Question("b"); q == nil || q.Type != TypeLongText || d.Question("other") != nil {
		t.Fatalf("replace kept the id? %+v", q)
	}
	if p := d.Path("cau_4"); p != "pages[1].questions[1]" {
		t.Errorf("path %q", p)
	}
	var earlier []string
	for _, q := range d.Earlier("c", "") {
		earlier = append(earlier, q.ID)
	}
	if strings.Join(earlier, " ") != "a b" {
		t.Errorf("earlier than c: %v", earlier)
	}
	if n := len(d.Earlier("new", "p1")); n != 2 {
		t.Errorf("earlier than a new question on p1: %d", n)
	}
	if n := len(d.UpTo("p2")); n != 4 {
		t.Errorf("up to p2: %d", n)
	}
	if err := d.DeleteQuestion("a"); err != nil {
		t.Fatal(err)
	}
	if ids(d) != "b|c cau_4" {
		t.Errorf("after delete %q", ids(d))
	}
	if id := d.NewQuestionID(); id != "cau_5" {
		// cau_4 is taken; counting starts at len+1 = 4.
		t.Errorf("new id %s", id)
	}
}

func TestOptionsFromLines(t *testing.T) {
	old := []Option{{"khai_sinh", "Đăng ký khai sinh"}, {"cu_tru", "Cư trú"}, {"khac", "Khác"}}
	cases := []struct {
		text string
		want []Option
	}{
		// Reordered, one added, blank lines dropped: values follow labels.
		{"Khác\n\nĐăng ký khai sinh\r\nĐất đai\n", []Option{{"khac", "Khác"}, {"khai_sinh", "Đăng ký khai sinh"}, {"dat_dai", "Đất đai"}}},
		// A corrected typo on the same line keeps its value.
		{"Đăng ký khai sinh\nCư trú (thường trú)\nKhác", []Option{{"khai_sinh", "Đăng ký khai sinh"}, {"cu_tru", "Cư trú (thường trú)"}, {"khac", "Khác"}}},
		// Labels that slug alike, or to nothing usable, still get valid, distinct values.
		{"Có\nCó!\n2 lần\n???", []Option{{"co", "Có"}, {"co_2", "Có!"}, {"pa_2_lan", "2 lần"}, {"pa", "???"}}},
	}
	for i, c := range cases {
		prev := old
		if i == 2 {
			prev = nil
		}
		got := OptionsFromLines(prev, c.text)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %v\nwant %v", c.text, got, c.want)
		}
		for _, o := range got {
			if !idPattern.MatchString(o.Value) {
				t.Errorf("value %q is not a valid id", o.Value)
			}
		}
	}
	// A line replaced by something unrelated gets a new value: answers
	// given to the old option must not be counted for the new one.
	if got := OptionsFromLines(old, "Đăng ký khai sinh\nĐất đai\nKhác"); got[1].Value != "dat_dai" {
		t.Errorf("unrelated replacement kept value %q", got[1].Value)
	}
	long := strings.Repeat("Thủ tục hành chính ", 5)
	if v := OptionsFromLines(nil, long+"\n"+long+"!")[1].Value; len(v) > 32 || !idPattern.MatchString(v) {
		t.Errorf("long label value %q", v)
	}
}
