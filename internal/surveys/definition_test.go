package surveys

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseDemo(t *testing.T) {
	d, err := Parse(DemoDefinition())
	if err != nil {
		t.Fatalf("Parse(demo): %v", err)
	}
	if len(d.Pages) != 3 || d.Question("hai_long") == nil || d.Question("hai_long").Type != TypeRating {
		t.Fatalf("demo parsed wrong: %+v", d.Pages)
	}
	// The canonical form parses back to the same definition.
	again, err := Parse(d.JSON())
	if err != nil {
		t.Fatalf("Parse(JSON()): %v", err)
	}
	if !reflect.DeepEqual(d, again) {
		t.Error("canonical JSON does not round-trip")
	}
}

// page builds a definition of pages, each a JSON object's inside.
func defJSON(pages ...string) string {
	return `{"pages": [` + strings.Join(pages, ",") + `]}`
}

func TestParseRejects(t *testing.T) {
	q := func(id string) string { return `{"id": "` + id + `", "type": "yes_no", "label": "Câu ` + id + `"}` }
	tests := []struct {
		name, src  string
		path, want string // a problem at path whose message contains want
	}{
		{"not json", `{"pages": [`, "", "JSON"},
		{"trailing data", defJSON(`{"id":"p1","questions":[`+q("a")+`]}`) + `{}`, "", "thừa"},
		{"unknown field", `{"pages": [], "colour": "red"}`, "", "colour"},
		{"unknown question field", defJSON(`{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x","colour":1}]}`), "", "colour"},
		{"wrong type", `{"pages": "one"}`, "pages", "sai kiểu"},
		{"no pages", `{"pages": []}`, "pages", "ít nhất một trang"},
		{"bad page id", defJSON(`{"id":"Trang 1","questions":[` + q("a") + `]}`), "pages[0].id", "không hợp lệ"},
		{"page id end", defJSON(`{"id":"end","questions":[` + q("a") + `]}`), "pages[0].id", "end"},
		{"duplicate page", defJSON(`{"id":"p1","questions":[`+q("a")+`]}`, `{"id":"p1","questions":[`+q("b")+`]}`), "pages[1].id", "trùng"},
		{"duplicate question", defJSON(`{"id":"p1","questions":[`+q("a")+`]}`, `{"id":"p2","questions":[`+q("a")+`]}`), "pages[1].questions[0].id", "trùng"},
		{"unknown type", defJSON(`{"id":"p1","questions":[{"id":"a","type":"slider","label":"x"}]}`), "pages[0].questions[0].type", "slider"},
		{"no label", defJSON(`{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"  "}]}`), "pages[0].questions[0].label", "nội dung"},
		{"one option", defJSON(`{"id":"p1","questions":[{"id":"a","type":"single","label":"x","options":[{"value":"a","label":"A"}]}]}`), "pages[0].questions[0].options", "hai phương án"},
		{"duplicate option", defJSON(`{"id":"p1","questions":[{"id":"a","type":"single","label":"x","options":[{"value":"a","label":"A"},{"value":"a","label":"B"}]}]}`), "pages[0].questions[0].options[1].value", "trùng"},
		{"rule not for type", defJSON(`{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x","max_length":5}]}`), "pages[0].questions[0].max_length", "không áp dụng"},
		{"min above max", defJSON(`{"id":"p1","questions":[{"id":"a","type":"number","label":"x","min":5,"max":1}]}`), "pages[0].questions[0].max", "min ≤ max"},
		{"bad date", defJSON(`{"id":"p1","questions":[{"id":"a","type":"date","label":"x","min_date":"01/02/2026"}]}`), "pages[0].questions[0].min_date", "NNNN-TT-NN"},
		{"too many choices", defJSON(`{"id":"p1","questions":[{"id":"a","type":"multiple","label":"x","max_choices":3,"options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}]}`), "pages[0].questions[0].max_choices", "max_choices"},
		{"file too big", defJSON(`{"id":"p1","questions":[{"id":"a","type":"file","label":"x","max_kb":99999}]}`), "pages[0].questions[0].max_kb", "5120"},
		{"condition on later question", defJSON(`{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x","show_if":[{"question":"b","op":"answered"}]},` + q("b") + `]}`), "pages[0].questions[0].show_if[0].question", "đứng trước"},
		{"condition on itself", defJSON(`{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x","show_if":[{"question":"a","op":"answered"}]}]}`), "pages[0].questions[0].show_if[0].question", "đứng trước"},
		{"condition on unknown", defJSON(`{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x","show_if":[{"question":"zz","op":"answered"}]}]}`), "pages[0].questions[0].show_if[0].question", "không tồn tại"},
		{"condition bad value", defJSON(`{"id":"p1","questions":[` + q("a") + `,{"id":"b","type":"yes_no","label":"x","show_if":[{"question":"a","op":"equals","value":"maybe"}]}]}`), "pages[0].questions[1].show_if[0]", "yes"},
		{"condition bad op", defJSON(`{"id":"p1","questions":[` + q("a") + `,{"id":"b","type":"yes_no","label":"x","show_if":[{"question":"a","op":"like"}]}]}`), "pages[0].questions[1].show_if[0]", "like"},
		{"at_least on choice", defJSON(`{"id":"p1","questions":[` + q("a") + `,{"id":"b","type":"yes_no","label":"x","show_if":[{"question":"a","op":"at_least","value":"1"}]}]}`), "pages[0].questions[1].show_if[0]", "số"},
		{"route to nowhere", defJSON(`{"id":"p1","questions":[` + q("a") + `],"routes":[{"goto":"p9"}]}`), "pages[0].routes[0].goto", "p9"},
		{"route on later page's question", defJSON(`{"id":"p1","questions":[`+q("a")+`],"routes":[{"if":[{"question":"b","op":"answered"}],"goto":"end"}]}`, `{"id":"p2","questions":[`+q("b")+`]}`), "pages[0].routes[0].if[0].question", "đứng trước"},
		{"one per identity without identity", `{"one_per_identity": true, "pages": [{"id":"p1","questions":[` + q("a") + `]}]}`, "one_per_identity", "danh tính"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			var de *DefinitionError
			if !errors.As(err, &de) {
				t.Fatalf("Parse = %v, want a DefinitionError", err)
			}
			for _, p := range de.Problems {
				if p.Path == tt.path && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("problems %+v, want one at %q containing %q", de.Problems, tt.path, tt.want)
		})
	}
}

// TestParseRejectsLoops checks that every route graph with a cycle is
// refused with a message naming the pages of the loop, and that forward
// and backward jumps without a loop are accepted.
func TestParseRejectsLoops(t *testing.T) {
	page := func(id, title, routes string) string {
		return `{"id":"` + id + `","title":"` + title + `","questions":[{"id":"q_` + id + `","type":"yes_no","label":"Câu hỏi"}],"routes":[` + routes + `]}`
	}
	yes := func(p string) string { return `{"question":"q_` + p + `","op":"equals","value":"yes"}` }
	tests := []struct {
		name  string
		pages []string
		loop  string // "" when accepted
	}{
		{"forward skip", []string{page("a", "", `{"if":[`+yes("a")+`],"goto":"c"}`), page("b", "", ""), page("c", "", "")}, ""},
		{"back jump with skip", []string{page("a", "", `{"goto":"c"}`), page("b", "", `{"goto":"end"}`), page("c", "", `{"goto":"b"}`)}, ""},
		{"self loop", []string{page("a", "Mở đầu", `{"if":[`+yes("a")+`],"goto":"a"}`)}, "trang 1 (a) «Mở đầu» → trang 1 (a) «Mở đầu»"},
		{"back to start", []string{page("a", "", ""), page("b", "", ""), page("c", "Cuối", `{"if":[`+yes("c")+`],"goto":"a"}`)},
			"trang 1 (a) → trang 2 (b) → trang 3 (c) «Cuối» → trang 1 (a)"},
		{"two-page loop", []string{page("a", "", `{"goto":"c"}`), page("b", "", ""), page("c", "", `{"if":[`+yes("c")+`],"goto":"b"}`)},
			"trang 3 (c) → trang 2 (b) → trang 3 (c)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(defJSON(tt.pages...)))
			if tt.loop == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			var de *DefinitionError
			if !errors.As(err, &de) || len(de.Problems) != 1 {
				t.Fatalf("Parse = %v, want one problem", err)
			}
			if msg := de.Problems[0].Message; !strings.Contains(msg, "vòng lặp") || !strings.Contains(msg, tt.loop) {
				t.Errorf("message %q, want the loop %q", msg, tt.loop)
			}
		})
	}
}

func TestParseNormalisesText(t *testing.T) {
	// "hoà" with a decomposed grave accent and old tone placement.
	d, err := Parse([]byte(defJSON(`{"id":"p1","title":"  Thu\u0309 tu\u0323c  ","questions":[{"id":"a","type":"yes_no","label":" Hoa\u0300 gia\u0309i? "}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Pages[0].Title; got != "Thủ tục" {
		t.Errorf("title %q", got)
	}
	if got := d.Pages[0].Questions[0].Label; got != "Hòa giải?" {
		t.Errorf("label %q", got)
	}
}

func TestParseTooLarge(t *testing.T) {
	_, err := Parse(make([]byte, MaxDefinitionBytes+1))
	var de *DefinitionError
	if !errors.As(err, &de) || !strings.Contains(de.Problems[0].Message, "quá lớn") {
		t.Fatalf("Parse(huge) = %v", err)
	}
}
