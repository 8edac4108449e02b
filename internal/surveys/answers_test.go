package surveys

import (
	"reflect"
	"testing"
)

// mapLookup is a Lookup over fixed sets.
type mapLookup struct {
	provinces map[string]bool
	communes  map[string]string // commune → province
	files     map[string]string // token → question
}

func (m mapLookup) Province(c string) bool    { return m.provinces[c] }
func (m mapLookup) Commune(p, c string) bool  { return m.communes[c] == p && p != "" }
func (m mapLookup) File(q, token string) bool { return m.files[token] == q && q != "" }

var testLookup = mapLookup{
	provinces: map[string]bool{"01": true, "79": true},
	communes:  map[string]string{"00004": "01", "26734": "79"},
	files:     map[string]string{"ftoken": "tep"},
}

func mustParse(t testing.TB, src string) *Definition {
	t.Helper()
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

func TestCleanByType(t *testing.T) {
	one := func(q string) *Definition {
		return mustParse(t, defJSON(`{"id":"p1","questions":[`+q+`]}`))
	}
	tests := []struct {
		name string
		q    string
		in   []string
		want []string // nil with ok false means an error
		ok   bool
	}{
		{"short text trimmed NFC", `{"id":"a","type":"short_text","label":"x"}`, []string{"  Hoa\u0300  "}, []string{"Hòa"}, true},
		{"short text too long", `{"id":"a","type":"short_text","label":"x","max_length":3}`, []string{"abcd"}, nil, false},
		{"short text too short", `{"id":"a","type":"short_text","label":"x","min_length":3}`, []string{"ab"}, nil, false},
		{"long text keeps lines", `{"id":"a","type":"long_text","label":"x"}`, []string{"một\r\nhai"}, []string{"một\nhai"}, true},
		{"required empty", `{"id":"a","type":"short_text","label":"x","required":true}`, []string{"   "}, nil, false},
		{"optional empty", `{"id":"a","type":"short_text","label":"x"}`, []string{""}, nil, true},
		{"single option", `{"id":"a","type":"single","label":"x","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}`, []string{"b"}, []string{"b"}, true},
		{"single not an option", `{"id":"a","type":"single","label":"x","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}`, []string{"c"}, nil, false},
		{"single two values", `{"id":"a","type":"single","label":"x","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}`, []string{"a", "b"}, nil, false},
		{"multiple in option order", `{"id":"a","type":"multiple","label":"x","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}`, []string{"b", "a", "b"}, []string{"a", "b"}, true},
		{"multiple max", `{"id":"a","type":"multiple","label":"x","max_choices":1,"options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}`, []string{"a", "b"}, nil, false},
		{"multiple unknown", `{"id":"a","type":"multiple","label":"x","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}`, []string{"a", "z"}, nil, false},
		{"rating 5", `{"id":"a","type":"rating","label":"x"}`, []string{"5"}, []string{"5"}, true},
		{"rating 0", `{"id":"a","type":"rating","label":"x"}`, []string{"0"}, nil, false},
		{"scale 0", `{"id":"a","type":"scale","label":"x"}`, []string{"0"}, []string{"0"}, true},
		{"scale 11", `{"id":"a","type":"scale","label":"x"}`, []string{"11"}, nil, false},
		{"yes", `{"id":"a","type":"yes_no","label":"x"}`, []string{"yes"}, []string{"yes"}, true},
		{"yes in Vietnamese is not a value", `{"id":"a","type":"yes_no","label":"x"}`, []string{"có"}, nil, false},
		{"date", `{"id":"a","type":"date","label":"x"}`, []string{"2026-02-28"}, []string{"2026-02-28"}, true},
		{"date not in calendar", `{"id":"a","type":"date","label":"x"}`, []string{"2026-02-30"}, nil, false},
		{"date before min", `{"id":"a","type":"date","label":"x","min_date":"2026-01-01"}`, []string{"2025-12-31"}, nil, false},
		{"number comma", `{"id":"a","type":"number","label":"x"}`, []string{"12,5"}, []string{"12.5"}, true},
		{"number integer", `{"id":"a","type":"number","label":"x","integer":true}`, []string{"12,5"}, nil, false},
		{"number max", `{"id":"a","type":"number","label":"x","max":10}`, []string{"11"}, nil, false},
		{"number NaN", `{"id":"a","type":"number","label":"x"}`, []string{"NaN"}, nil, false},
		{"number huge", `{"id":"a","type":"number","label":"x"}`, []string{"1e300"}, nil, false},
		{"email", `{"id":"a","type":"email","label":"x"}`, []string{"an@example.vn"}, []string{"an@example.vn"}, true},
		{"email with name", `{"id":"a","type":"email","label":"x"}`, []string{"An <an@example.vn>"}, nil, false},
		{"email no dot", `{"id":"a","type":"email","label":"x"}`, []string{"an@localhost"}, nil, false},
		{"phone +84", `{"id":"a","type":"phone","label":"x"}`, []string{"+84 912 345 678"}, []string{"0912345678"}, true},
		{"phone landline", `{"id":"a","type":"phone","label":"x"}`, []string{"024 3823 4567"}, nil, false},
		{"cccd", `{"id":"a","type":"cccd","label":"x"}`, []string{"001 099 012345"}, []string{"001099012345"}, true},
		{"cccd bad province", `{"id":"a","type":"cccd","label":"x"}`, []string{"099099012345"}, nil, false},
		{"province", `{"id":"a","type":"place","label":"x"}`, []string{"79"}, []string{"79"}, true},
		{"province unknown", `{"id":"a","type":"place","label":"x"}`, []string{"99"}, nil, false},
		{"commune", `{"id":"a","type":"place","label":"x","level":"commune"}`, []string{"01", "00004"}, []string{"01", "00004"}, true},
		{"commune of another province", `{"id":"a","type":"place","label":"x","level":"commune"}`, []string{"79", "00004"}, nil, false},
		{"commune missing, required", `{"id":"a","type":"place","label":"x","level":"commune","required":true}`, []string{"01", ""}, nil, false},
		{"commune missing, optional", `{"id":"a","type":"place","label":"x","level":"commune"}`, []string{"01", ""}, nil, true},
		{"file", `{"id":"tep","type":"file","label":"x"}`, []string{"ftoken"}, []string{"ftoken"}, true},
		{"file of another question", `{"id":"other","type":"file","label":"x"}`, []string{"ftoken"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := one(tt.q)
			id := d.Pages[0].Questions[0].ID
			st := d.Walk(Answers{id: tt.in}, "", testLookup)
			if st.Done != tt.ok {
				t.Fatalf("Done = %v (errors %+v), want %v", st.Done, st.Errors, tt.ok)
			}
			if !tt.ok {
				if len(st.Errors) != 1 || st.Errors[0].Field != id || st.Errors[0].Message == "" {
					t.Errorf("errors %+v, want one for %s", st.Errors, id)
				}
				return
			}
			if got := st.Answers[id]; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("answer %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWalkDemo(t *testing.T) {
	d, err := Parse(DemoDefinition())
	if err != nil {
		t.Fatal(err)
	}
	base := Answers{"dich_vu": {"khai_sinh"}, "hai_long": {"4"}, "gap_kho": {"no"}}

	// No difficulty: the route skips the difficulty page, whose answers
	// are dropped even when posted.
	raw := Answers{"loai_kho_khan": {"khac"}, "kho_khan_khac": {"x"}, "unknown": {"y"}}
	for k, v := range base {
		raw[k] = v
	}
	st := d.Walk(raw, "", testLookup)
	if !st.Done || !reflect.DeepEqual(st.Path, []int{0, 2}) {
		t.Fatalf("walk = %+v, want done via pages 0, 2", st)
	}
	for _, k := range []string{"loai_kho_khan", "kho_khan_khac", "unknown"} {
		if _, ok := st.Answers[k]; ok {
			t.Errorf("answer %s kept; its page was skipped or it is no question", k)
		}
	}

	// Page by page: after the first page with a difficulty, the second.
	base["gap_kho"] = []string{"yes"}
	st = d.Walk(base, "chung", testLookup)
	if st.Done || st.Page != 1 || len(st.Errors) != 0 {
		t.Fatalf("after page chung: %+v, want page 1", st)
	}
	// The second page needs its required question.
	st = d.Walk(base, "kho_khan", testLookup)
	if st.Page != 1 || len(st.Errors) != 1 || st.Errors[0].Field != "loai_kho_khan" {
		t.Fatalf("page kho_khan without answer: %+v", st)
	}
	// The follow-up is required only... it is optional, but hidden unless
	// "khac" is ticked: its answer is dropped when hidden.
	base["loai_kho_khan"] = []string{"dang_nhap"}
	base["kho_khan_khac"] = []string{"bị treo"}
	st = d.Walk(base, "", testLookup)
	if !st.Done {
		t.Fatalf("walk: %+v", st)
	}
	if _, ok := st.Answers["kho_khan_khac"]; ok {
		t.Error("hidden question's answer kept")
	}
	base["loai_kho_khan"] = []string{"dang_nhap", "khac"}
	st = d.Walk(base, "", testLookup)
	if got := st.Answers["kho_khan_khac"]; !reflect.DeepEqual(got, []string{"bị treo"}) {
		t.Errorf("shown question's answer %q", got)
	}
	// An error on the first page stops there, whatever upTo says.
	base["hai_long"] = []string{"9"}
	st = d.Walk(base, "kho_khan", testLookup)
	if st.Page != 0 || st.Done || len(st.Errors) != 1 || st.Errors[0].Field != "hai_long" {
		t.Errorf("bad first page: %+v", st)
	}
}

func TestRequiredOnlyWhenShown(t *testing.T) {
	d := mustParse(t, defJSON(`{"id":"p1","questions":[
		{"id":"a","type":"yes_no","label":"x","required":true},
		{"id":"b","type":"short_text","label":"y","required":true,"show_if":[{"question":"a","op":"equals","value":"yes"}]}]}`))
	if st := d.Walk(Answers{"a": {"no"}}, "", testLookup); !st.Done {
		t.Errorf("hidden required question blocked: %+v", st)
	}
	if st := d.Walk(Answers{"a": {"yes"}}, "", testLookup); st.Done || st.Errors[0].Field != "b" {
		t.Errorf("shown required question not enforced: %+v", st)
	}
}

func TestWalkIdentity(t *testing.T) {
	d := mustParse(t, `{"identity":"phone","one_per_identity":true,"pages":[{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x"}]}]}`)
	if st := d.Walk(Answers{}, "", testLookup); st.Done || st.Errors[0].Field != IdentityField {
		t.Errorf("missing identity accepted: %+v", st)
	}
	st := d.Walk(Answers{IdentityField: {"(+84) 912.345.678"}}, "", testLookup)
	if !st.Done || st.Identity != "0912345678" {
		t.Errorf("identity: %+v", st)
	}
	if _, ok := st.Answers[IdentityField]; ok {
		t.Error("identity kept among the answers")
	}
}

func TestConditionOps(t *testing.T) {
	d := mustParse(t, defJSON(`{"id":"p1","questions":[
		{"id":"n","type":"scale","label":"x"},
		{"id":"m","type":"multiple","label":"y","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]},
		{"id":"hi","type":"yes_no","label":"z","show_if":[{"question":"n","op":"at_least","value":"9"}]},
		{"id":"lo","type":"yes_no","label":"z","show_if":[{"question":"n","op":"at_most","value":"6"}]},
		{"id":"any","type":"yes_no","label":"z","show_if":[{"question":"m","op":"any_of","values":["b"]}]},
		{"id":"none","type":"yes_no","label":"z","show_if":[{"question":"m","op":"not_answered"}]}]}`))
	all := Answers{"hi": {"yes"}, "lo": {"yes"}, "any": {"yes"}, "none": {"yes"}}
	with := func(extra Answers) Answers {
		out := Answers{}
		for k, v := range all {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		raw  Answers
		kept []string
	}{
		{with(Answers{"n": {"10"}}), []string{"hi", "n", "none"}},
		{with(Answers{"n": {"3"}, "m": {"a", "b"}}), []string{"any", "lo", "m", "n"}},
		{with(Answers{"m": {"a"}}), []string{"m"}},
	}
	for _, tt := range tests {
		st := d.Walk(tt.raw, "", testLookup)
		var kept []string
		for _, q := range d.Questions() {
			if _, ok := st.Answers[q.ID]; ok {
				kept = append(kept, q.ID)
			}
		}
		want := map[string]bool{}
		for _, k := range tt.kept {
			want[k] = true
		}
		for _, k := range kept {
			if !want[k] {
				t.Errorf("%v: kept %s", tt.raw, k)
			}
			delete(want, k)
		}
		if len(want) > 0 {
			t.Errorf("%v: dropped %v", tt.raw, want)
		}
	}
}
