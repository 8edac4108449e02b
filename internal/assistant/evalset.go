package assistant

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// OutOfScopeLabel is the expected value of an evaluation question that is
// not about public services.
const OutOfScopeLabel = "out_of_scope"

// EvalQuestion is one row of an evaluation set: a question, the slugs of
// the services that answer it (any of them is right) or none when it is
// out of scope, and the style it is written in (accented, unaccented,
// abbrev, colloquial, typo, out of scope).
type EvalQuestion struct {
	Line       int
	Question   string
	Expected   []string
	OutOfScope bool
	Style      string
}

// ReadEvalSet reads an evaluation set: tab-separated question, expected
// (slugs separated by "|", or out_of_scope) and style, with an optional
// header line starting "question"; blank lines and lines starting with #
// are skipped.
func ReadEvalSet(r io.Reader) ([]EvalQuestion, error) {
	var out []EvalQuestion
	err := eachRow(r, func(line int, f []string) error {
		if line == 1 && strings.EqualFold(strings.TrimSpace(f[0]), "question") {
			return nil
		}
		if len(f) < 2 {
			return fmt.Errorf("line %d: want question<TAB>expected[<TAB>style]", line)
		}
		q, err := evalRow(line, f[0], f[1])
		if err != nil {
			return err
		}
		if len(f) > 2 && strings.TrimSpace(f[2]) != "" {
			q.Style = strings.TrimSpace(f[2])
		}
		out = append(out, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assistant: eval set %w", err)
	}
	return out, nil
}

// eachRow calls fn with the tab-separated fields of each line of r, with
// its number, skipping blank lines and lines starting with #.
func eachRow(r io.Reader, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if err := fn(line, strings.Split(text, "\t")); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return nil
}

// Outcome is how an answer fares against an evaluation question.
type Outcome string

// The outcomes.
const (
	// OutcomeCorrect: answered, and sources[0] is an expected service.
	OutcomeCorrect Outcome = "correct"
	// OutcomeRecovered: a clarifying question offering an expected service.
	OutcomeRecovered Outcome = "recovered"
	// OutcomeWrong: answered about another service.
	OutcomeWrong Outcome = "wrong"
	// OutcomeMissed: an in-scope question neither answered nor recovered
	// (out of scope, handoff, or options without the right one).
	OutcomeMissed Outcome = "missed"
	// OutcomeHandled: an out-of-scope question answered out_of_scope or
	// handed to a person.
	OutcomeHandled Outcome = "handled"
	// OutcomeNotHandled: an out-of-scope question answered or clarified.
	OutcomeNotHandled Outcome = "not_handled"
)

// Judge classifies a.
func (q EvalQuestion) Judge(a *Answer) Outcome {
	if q.OutOfScope {
		if a.Status == StatusOutOfScope || a.Status == StatusHandoff {
			return OutcomeHandled
		}
		return OutcomeNotHandled
	}
	switch a.Status {
	case StatusAnswered:
		if len(a.Sources) > 0 && slices.Contains(q.Expected, a.Sources[0].Slug) {
			return OutcomeCorrect
		}
		return OutcomeWrong
	case StatusClarify:
		for _, o := range a.Options {
			if slices.Contains(q.Expected, o.Slug) {
				return OutcomeRecovered
			}
		}
	}
	return OutcomeMissed
}

// EvalCounts are the outcomes of a set of questions, with the rates the
// quality bars are stated in (shares of the in-scope questions, and of the
// out-of-scope ones for OutOfScopeHandledRate).
type EvalCounts struct {
	Questions             int     `json:"questions"`
	InScope               int     `json:"in_scope"`
	OutOfScope            int     `json:"out_of_scope"`
	Correct               int     `json:"answered_correct"`
	Recovered             int     `json:"recovered"`
	Wrong                 int     `json:"wrong"`
	Missed                int     `json:"missed"`
	Handled               int     `json:"out_of_scope_handled"`
	CorrectRate           float64 `json:"answered_correct_rate"`
	CorrectOrRecovered    float64 `json:"correct_or_recovered_rate"`
	WrongRate             float64 `json:"wrong_rate"`
	OutOfScopeHandledRate float64 `json:"out_of_scope_handled_rate"`
}

func (c *EvalCounts) add(q EvalQuestion, o Outcome) {
	c.Questions++
	if q.OutOfScope {
		c.OutOfScope++
	} else {
		c.InScope++
	}
	switch o {
	case OutcomeCorrect:
		c.Correct++
	case OutcomeRecovered:
		c.Recovered++
	case OutcomeWrong:
		c.Wrong++
	case OutcomeMissed:
		c.Missed++
	case OutcomeHandled:
		c.Handled++
	}
}

func (c *EvalCounts) finish() {
	share := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return math.Round(float64(n)/float64(of)*10000) / 10000
	}
	c.CorrectRate = share(c.Correct, c.InScope)
	c.CorrectOrRecovered = share(c.Correct+c.Recovered, c.InScope)
	c.WrongRate = share(c.Wrong, c.InScope)
	c.OutOfScopeHandledRate = share(c.Handled, c.OutOfScope)
	if c.OutOfScope == 0 {
		c.OutOfScopeHandledRate = 1
	}
}

// The quality bars of the assistant (issue 4), on the in-scope questions.
const (
	BarCorrect            = 0.90
	BarCorrectOrRecovered = 0.97
	BarWrong              = 0.03
)

// Pass reports whether the counts meet the quality bars: answered-correct
// ≥ 90 %, answered-correct + recovered ≥ 97 %, wrong ≤ 3 % of the
// in-scope questions, and every out-of-scope question handled.
func (c *EvalCounts) Pass() bool {
	return c.CorrectRate >= BarCorrect && c.CorrectOrRecovered >= BarCorrectOrRecovered &&
		c.WrongRate <= BarWrong && c.Handled == c.OutOfScope
}

// EvalReport is the result of running an evaluation set.
type EvalReport struct {
	EvalCounts
	ByStyle map[string]*EvalCounts `json:"by_style"`
	// LatencyMS are the answering times seen by the evaluator.
	LatencyMS struct {
		P50 float64 `json:"p50"`
		P99 float64 `json:"p99"`
	} `json:"latency_ms"`
	Pass      bool `json:"pass"`
	latencies []time.Duration
}

// NewEvalReport returns an empty report.
func NewEvalReport() *EvalReport { return &EvalReport{ByStyle: map[string]*EvalCounts{}} }

// Add records the answer to q and returns its outcome.
func (r *EvalReport) Add(q EvalQuestion, a *Answer, latency time.Duration) Outcome {
	o := q.Judge(a)
	r.EvalCounts.add(q, o)
	s := r.ByStyle[q.Style]
	if s == nil {
		s = &EvalCounts{}
		r.ByStyle[q.Style] = s
	}
	s.add(q, o)
	r.latencies = append(r.latencies, latency)
	return o
}

// Finish computes the rates, the latency percentiles and Pass.
func (r *EvalReport) Finish() {
	r.EvalCounts.finish()
	for _, s := range r.ByStyle {
		s.finish()
	}
	r.Pass = r.EvalCounts.Pass()
	if len(r.latencies) > 0 {
		l := slices.Clone(r.latencies)
		slices.Sort(l)
		at := func(p float64) float64 {
			i := int(math.Ceil(p*float64(len(l)))) - 1
			return math.Round(float64(l[max(i, 0)].Microseconds())) / 1000
		}
		r.LatencyMS.P50, r.LatencyMS.P99 = at(0.50), at(0.99)
	}
}

// Styles returns the styles seen, sorted.
func (r *EvalReport) Styles() []string {
	out := make([]string, 0, len(r.ByStyle))
	for s := range r.ByStyle {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
