package surveys

import (
	"reflect"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the definition parser: it must never
// panic, and what it accepts must be canonical — its JSON parses back to
// the same definition, and checking it finds nothing.
func FuzzParse(f *testing.F) {
	f.Add(DemoDefinition())
	f.Add([]byte(starter))
	f.Add([]byte(`{"pages":[{"id":"a","questions":[{"id":"q","type":"yes_no","label":"x"}],"routes":[{"if":[{"question":"q","op":"equals","value":"yes"}],"goto":"a"}]}]}`))
	f.Add([]byte(`{"identity":"email","one_per_identity":true,"pages":[{"id":"p","questions":[{"id":"n","type":"number","label":"x","min":-1,"max":1e15}]}]}`))
	f.Add([]byte(`{"pages":[{"id":"p","questions":[{"id":"m","type":"multiple","label":"x","min_choices":1,"options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse(b)
		if err != nil {
			if _, ok := err.(*DefinitionError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if probs := d.Check(); len(probs) > 0 {
			t.Fatalf("accepted definition has problems: %+v", probs)
		}
		again, err := Parse(d.JSON())
		if err != nil {
			t.Fatalf("canonical JSON refused: %v\n%s", err, d.JSON())
		}
		if !reflect.DeepEqual(d, again) {
			t.Fatalf("canonical JSON does not round-trip:\n%s", d.JSON())
		}
		if d.routeCycle() != nil {
			t.Fatal("accepted definition has a route loop")
		}
	})
}

// FuzzWalk feeds arbitrary answers to the validator of the demo survey:
// it must never panic; what it accepts must validate again to itself (the
// clean form is a fixed point), hold only questions of the survey, and
// never break a rule of a question.
func FuzzWalk(f *testing.F) {
	d, err := Parse(DemoDefinition())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("khai_sinh", "5", "10", "yes", "khac", "dang_nhap", "Lỗi =cmd", "79", "", "ftoken", "chung")
	f.Add("dat_dai", "1", "0", "no", "", "", "", "01", "00004", "", "")
	f.Add("x", "6", "-1", "có", "z", "z", "\x00", "99", "1", "f", "kho_khan")
	f.Fuzz(func(t *testing.T, svc, rating, scale, yn, kk1, kk2, text, prov, comm, file, upTo string) {
		raw := Answers{
			"dich_vu": {svc}, "hai_long": {rating}, "gioi_thieu": {scale}, "gap_kho": {yn},
			"loai_kho_khan": {kk1, kk2}, "kho_khan_khac": {text}, "dia_ban": {prov, comm},
			"anh_loi": {file}, "gop_y": {text},
		}
		st := d.Walk(raw, upTo, testLookup)
		if st.Done && len(st.Errors) > 0 {
			t.Fatalf("done with errors: %+v", st)
		}
		for id, vals := range st.Answers {
			q := d.Question(id)
			if q == nil {
				t.Fatalf("answer to unknown question %q", id)
			}
			if _, msg := q.clean(vals, testLookup); msg != "" {
				t.Fatalf("kept answer %q to %s breaks a rule: %s", vals, id, msg)
			}
		}
		if !st.Done || upTo != "" {
			return
		}
		again := d.Walk(st.Answers, "", testLookup)
		if !again.Done || !reflect.DeepEqual(again.Answers, st.Answers) {
			t.Fatalf("clean answers are not a fixed point: %+v → %+v", st.Answers, again.Answers)
		}
	})
}
