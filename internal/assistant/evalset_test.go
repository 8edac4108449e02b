package assistant

import (
	"strings"
	"testing"
	"time"
)

const evalSample = "question\texpected\tstyle\n" +
	"làm căn cước\tcap-the-can-cuoc\taccented\n" +
	"doi bang lai\tcap-doi-giay-phep-lai-xe|cap-lai-giay-phep-lai-xe\tunaccented\n" +
	"\n# a comment\n" +
	"giá vàng\tout_of_scope\tout of scope\n" +
	"khai sinh\tdang-ky-khai-sinh\n"

func TestReadEvalSet(t *testing.T) {
	set, err := ReadEvalSet(strings.NewReader(evalSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(set) != 4 {
		t.Fatalf("%d questions", len(set))
	}
	if q := set[1]; len(q.Expected) != 2 || q.Style != "unaccented" || q.Line != 3 {
		t.Errorf("%+v", q)
	}
	if q := set[2]; !q.OutOfScope || len(q.Expected) != 0 {
		t.Errorf("%+v", q)
	}
	if q := set[3]; q.Style != "unknown" {
		t.Errorf("%+v", q)
	}
	for _, bad := range []string{"only a question\n", "\tcap-the-can-cuoc\n", "q\t\tstyle\n"} {
		if _, err := ReadEvalSet(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestJudgeAndReport(t *testing.T) {
	set, _ := ReadEvalSet(strings.NewReader(evalSample))
	answered := func(slug string) *Answer {
		return &Answer{Status: StatusAnswered, Sources: []Source{{Slug: slug}}}
	}
	clarify := func(slugs ...string) *Answer {
		a := &Answer{Status: StatusClarify}
		for _, s := range slugs {
			a.Options = append(a.Options, Option{Slug: s})
		}
		return a
	}
	tests := []struct {
		q    EvalQuestion
		a    *Answer
		want Outcome
	}{
		{set[0], answered("cap-the-can-cuoc"), OutcomeCorrect},
		{set[0], answered("cap-ho-chieu-pho-thong"), OutcomeWrong},
		{set[1], answered("cap-lai-giay-phep-lai-xe"), OutcomeCorrect},
		{set[1], clarify("cap-the-can-cuoc", "cap-lai-giay-phep-lai-xe"), OutcomeRecovered},
		{set[1], clarify("cap-the-can-cuoc"), OutcomeMissed},
		{set[1], &Answer{Status: StatusOutOfScope}, OutcomeMissed},
		{set[2], &Answer{Status: StatusOutOfScope}, OutcomeHandled},
		{set[2], &Answer{Status: StatusHandoff}, OutcomeHandled},
		{set[2], answered("cap-the-can-cuoc"), OutcomeNotHandled},
	}
	for _, tt := range tests {
		if got := tt.q.Judge(tt.a); got != tt.want {
			t.Errorf("%q with %+v: %s, want %s", tt.q.Question, tt.a, got, tt.want)
		}
	}

	r := NewEvalReport()
	r.Add(set[0], answered("cap-the-can-cuoc"), time.Millisecond)
	r.Add(set[1], clarify("cap-lai-giay-phep-lai-xe"), 2*time.Millisecond)
	r.Add(set[2], &Answer{Status: StatusOutOfScope}, 3*time.Millisecond)
	r.Add(set[3], answered("dang-ky-khai-tu"), 4*time.Millisecond)
	r.Finish()
	if r.InScope != 3 || r.Correct != 1 || r.Recovered != 1 || r.Wrong != 1 || r.Handled != 1 {
		t.Errorf("%+v", r.EvalCounts)
	}
	if r.CorrectRate != 0.3333 || r.CorrectOrRecovered != 0.6667 || r.WrongRate != 0.3333 || r.OutOfScopeHandledRate != 1 {
		t.Errorf("rates %+v", r.EvalCounts)
	}
	if r.Pass {
		t.Error("a report with a third wrong passes")
	}
	if s := r.ByStyle["accented"]; s == nil || s.Correct != 1 || s.CorrectRate != 1 {
		t.Errorf("by style %+v", r.ByStyle)
	}
	if r.LatencyMS.P50 != 2 || r.LatencyMS.P99 != 4 {
		t.Errorf("latency %+v", r.LatencyMS)
	}
	good := EvalCounts{InScope: 100, Correct: 90, Recovered: 7, Wrong: 3, OutOfScope: 2, Handled: 2}
	good.finish()
	if !good.Pass() {
		t.Errorf("the bars exactly met do not pass: %+v", good)
	}
	good.Handled = 1
	good.finish()
	if good.Pass() {
		t.Error("an unhandled out-of-scope question passes")
	}
}
