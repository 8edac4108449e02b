package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/surveys"
)

// The builder's conditions without JavaScript: one select whose options
// are whole conditions ("câu 3 là «Có»"), grouped by question, each
// encoded as question|op|value. Conditions a select cannot offer (a
// number compared with a value typed in, any_of) are shown and kept, and
// written in the JSON editor.

// condGroup is the options of one question in a condition select.
type condGroup struct {
	Label   string
	Choices []condChoice
}

// condChoice is one condition a select offers.
type condChoice struct{ Value, Label string }

// condToken encodes a condition as a select value; ids and values never
// contain "|".
func condToken(c surveys.Condition) string {
	return c.Question + "|" + c.Op + "|" + c.Value
}

// parseCondToken decodes a select value into a condition on one of the
// allowed questions; ok is false for anything else, including a
// tampered value.
func parseCondToken(tok string, allowed []*surveys.Question) (surveys.Condition, bool) {
	parts := strings.Split(tok, "|")
	if len(parts) != 3 {
		return surveys.Condition{}, false
	}
	c := surveys.Condition{Question: parts[0], Op: parts[1], Value: parts[2]}
	for _, q := range allowed {
		if q.ID != c.Question {
			continue
		}
		for _, ch := range condChoices(q) {
			if ch.Op == c.Op && ch.Value == c.Value {
				return c, true
			}
		}
	}
	return surveys.Condition{}, false
}

// condChoices are the conditions the builder offers on q.
func condChoices(q *surveys.Question) []surveys.Condition {
	eq := func(v string) surveys.Condition {
		return surveys.Condition{Question: q.ID, Op: surveys.OpEquals, Value: v}
	}
	var out []surveys.Condition
	switch q.Type {
	case surveys.TypeSingle, surveys.TypeMultiple:
		for _, o := range q.Options {
			out = append(out, eq(o.Value))
		}
	case surveys.TypeYesNo:
		out = append(out, eq("yes"), eq("no"))
	case surveys.TypeRating, surveys.TypeScale:
		lo, hi := 1, 5
		if q.Type == surveys.TypeScale {
			lo, hi = 0, 10
		}
		for n := lo; n <= hi; n++ {
			out = append(out, eq(strconv.Itoa(n)))
		}
		// "At least" the lowest or the highest is "answered" or "equals":
		// only the values between are offered.
		for n := lo + 1; n < hi; n++ {
			out = append(out, surveys.Condition{Question: q.ID, Op: surveys.OpAtLeast, Value: strconv.Itoa(n)})
		}
		for n := lo + 1; n < hi; n++ {
			out = append(out, surveys.Condition{Question: q.ID, Op: surveys.OpAtMost, Value: strconv.Itoa(n)})
		}
	}
	return append(out, surveys.Condition{Question: q.ID, Op: surveys.OpAnswered}, surveys.Condition{Question: q.ID, Op: surveys.OpNotAnswered})
}

// condGroups builds the select of conditions on the questions.
func (s *Server) condGroups(d *surveys.Definition, qs []*surveys.Question) []condGroup {
	out := make([]condGroup, 0, len(qs))
	for _, q := range qs {
		g := condGroup{Label: s.questionName(d, q)}
		for _, c := range condChoices(q) {
			g.Choices = append(g.Choices, condChoice{Value: condToken(c), Label: s.condPredicate(q, c)})
		}
		out = append(out, g)
	}
	return out
}

// questionName is "Câu 3: label", numbered across the survey.
func (s *Server) questionName(d *surveys.Definition, q *surveys.Question) string {
	n := 0
	for i, x := range d.Questions() {
		if x.ID == q.ID {
			n = i + 1
		}
	}
	return s.msg.Tf("admin.builder.question_n", n, q.Label)
}

// describeConds says what conditions test, joined by "và": "câu 3
// «Bạn có gặp khó khăn?» là «Có»".
func (s *Server) describeConds(d *surveys.Definition, cs []surveys.Condition) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = s.describeCond(d, c)
	}
	return strings.Join(parts, s.msg.T("admin.builder.and"))
}

func (s *Server) describeCond(d *surveys.Definition, c surveys.Condition) string {
	q := d.Question(c.Question)
	if q == nil {
		return fmt.Sprintf("«%s» %s %s", c.Question, c.Op, c.Value)
	}
	n := 0
	for i, x := range d.Questions() {
		if x.ID == q.ID {
			n = i + 1
		}
	}
	return s.msg.Tf("admin.builder.cond", n, q.Label, s.condPredicate(q, c))
}

// condPredicate is what a condition says of the answer: "là «Có»", "từ 4
// trở lên", "có trả lời".
func (s *Server) condPredicate(q *surveys.Question, c surveys.Condition) string {
	value := func(v string) string {
		switch {
		case q.Type == surveys.TypeYesNo && v == "yes":
			return s.msg.T("survey.yes")
		case q.Type == surveys.TypeYesNo && v == "no":
			return s.msg.T("survey.no")
		case q.Type == surveys.TypeRating:
			if lbl, ok := s.msg["survey.rating_"+v]; ok {
				return v + " – " + lbl
			}
		}
		return q.OptionLabel(v)
	}
	switch c.Op {
	case surveys.OpEquals:
		if q.Type == surveys.TypeMultiple {
			return s.msg.Tf("admin.builder.op_includes", value(c.Value))
		}
		return s.msg.Tf("admin.builder.op_equals", value(c.Value))
	case surveys.OpNotEquals:
		return s.msg.Tf("admin.builder.op_not_equals", value(c.Value))
	case surveys.OpAnyOf:
		vs := make([]string, len(c.Values))
		for i, v := range c.Values {
			vs[i] = "«" + value(v) + "»"
		}
		return s.msg.Tf("admin.builder.op_any_of", strings.Join(vs, ", "))
	case surveys.OpAtLeast:
		return s.msg.Tf("admin.builder.op_at_least", c.Value)
	case surveys.OpAtMost:
		return s.msg.Tf("admin.builder.op_at_most", c.Value)
	case surveys.OpAnswered:
		return s.msg.T("admin.builder.op_answered")
	case surveys.OpNotAnswered:
		return s.msg.T("admin.builder.op_not_answered")
	}
	return c.Op + " " + c.Value
}
