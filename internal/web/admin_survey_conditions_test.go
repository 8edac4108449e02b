package web

import (
	"testing"

	"github.com/loa-vn/loa/internal/surveys"
)

func TestParseCondToken(t *testing.T) {
	d, err := surveys.Parse([]byte(`{"pages":[{"id":"p","questions":[
		{"id":"a","type":"single","label":"A","options":[{"value":"x","label":"X"},{"value":"y","label":"Y"}]},
		{"id":"b","type":"rating","label":"B"},
		{"id":"c","type":"short_text","label":"C"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	earlier := d.Earlier("c", "")
	for tok, want := range map[string]bool{
		"a|equals|x":   true,
		"b|at_least|4": true,
		"b|answered|":  true,
		"a|equals|z":   false, // not an option
		"b|at_least|9": false, // out of the scale
		"b|at_least|5": false, // the same as equals 5: not offered
		"c|answered|":  false, // not earlier than c
		"a|equals":     false,
		"a|any_of|x":   false, // not offered by the select
		"a|equals|x|y": false,
		"zz|answered|": false,
	} {
		if _, ok := parseCondToken(tok, earlier); ok != want {
			t.Errorf("%q: ok %v, want %v", tok, ok, want)
		}
	}
}

func TestFieldOf(t *testing.T) {
	const q = "pages[1].questions[2]"
	for path, want := range map[string]string{
		q + ".label":                   "label",
		q + ".options":                 "options",
		q + ".options[3].value":        "options",
		q + ".max_length":              "length",
		q + ".max":                     "number",
		q + ".min_choices":             "choices",
		q + ".show_if[0].question":     "show_if",
		q + ".id":                      "",
		"pages[1].questions[20].label": "",
		"pages[1].questions[0].label":  "",
		"pages":                        "",
	} {
		if got := fieldOf(path, q); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
