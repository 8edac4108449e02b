package surveys

import (
	"context"
	"strconv"
)

// Results summarise the responses to one version.
type Results struct {
	Version   *Version
	Total     int
	Questions []QuestionResult
}

// QuestionResult summarises one question's answers.
type QuestionResult struct {
	Question *Question
	// Answered counts the responses that answered it.
	Answered int
	// Options count each choice (choices, yes/no, each level of a rating
	// or scale, each province or commune of a place), in display order.
	Options []OptionCount
	// Average is the mean of a rating, scale or number; HasAverage says
	// whether there was anything to average.
	Average    float64
	HasAverage bool
	// Texts are the latest text answers (at most MaxTexts), newest first:
	// for the back office only, since citizens may write personal data.
	Texts []string
}

// OptionCount is how many answers chose one value.
type OptionCount struct {
	Value, Label string
	Count        int
	// Percent is of the responses that answered the question.
	Percent float64
}

// MaxTexts is how many text answers a result keeps for display.
const MaxTexts = 20

// Results counts the responses to version v.
func (s *Store) Results(ctx context.Context, v *Version) (*Results, error) {
	res := &Results{Version: v}
	qs := v.Definition.Questions()
	acc := make([]accumulator, len(qs))
	for i, q := range qs {
		acc[i] = newAccumulator(q)
	}
	err := s.Responses(ctx, v.ID, func(r *Response) error {
		res.Total++
		for i, q := range qs {
			if vals := r.Answers[q.ID]; len(vals) > 0 {
				acc[i].add(vals)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range qs {
		res.Questions = append(res.Questions, acc[i].result())
	}
	return res, nil
}

// accumulator gathers one question's answers.
type accumulator struct {
	q        *Question
	answered int
	counts   map[string]int
	order    []string // values in display order; places append as met
	sum      float64
	nums     int
	texts    []string
}

func newAccumulator(q *Question) accumulator {
	a := accumulator{q: q, counts: map[string]int{}}
	switch q.Type {
	case TypeSingle, TypeMultiple:
		for _, o := range q.Options {
			a.order = append(a.order, o.Value)
		}
	case TypeYesNo:
		a.order = []string{"yes", "no"}
	case TypeRating, TypeScale:
		lo, hi := scaleRange(q.Type)
		for n := lo; n <= hi; n++ {
			a.order = append(a.order, strconv.Itoa(n))
		}
	}
	return a
}

func (a *accumulator) add(vals []string) {
	a.answered++
	switch a.q.Type {
	case TypeSingle, TypeMultiple, TypeYesNo:
		for _, v := range vals {
			a.counts[v]++
		}
	case TypeRating, TypeScale, TypeNumber:
		if f, ok := parseNumber(vals[0]); ok {
			a.sum += f
			a.nums++
		}
		if a.q.Type != TypeNumber {
			a.counts[vals[0]]++
		}
	case TypePlace:
		key := vals[len(vals)-1] // the commune when asked, else the province
		if a.counts[key] == 0 {
			a.order = append(a.order, key)
		}
		a.counts[key]++
	case TypeShortText, TypeLongText:
		a.texts = append(a.texts, vals[0])
		if len(a.texts) > MaxTexts {
			a.texts = a.texts[1:]
		}
	}
}

func (a *accumulator) result() QuestionResult {
	r := QuestionResult{Question: a.q, Answered: a.answered}
	for _, v := range a.order {
		oc := OptionCount{Value: v, Label: a.label(v), Count: a.counts[v]}
		if a.answered > 0 {
			oc.Percent = 100 * float64(oc.Count) / float64(a.answered)
		}
		r.Options = append(r.Options, oc)
	}
	if a.nums > 0 {
		r.Average, r.HasAverage = a.sum/float64(a.nums), true
	}
	for i := len(a.texts) - 1; i >= 0; i-- {
		r.Texts = append(r.Texts, a.texts[i])
	}
	return r
}

// label is what a value is called in results; places keep their code for
// the caller to name.
func (a *accumulator) label(v string) string {
	switch a.q.Type {
	case TypeYesNo:
		if v == "yes" {
			return "Có"
		}
		return "Không"
	case TypeSingle, TypeMultiple:
		return a.q.OptionLabel(v)
	}
	return v
}
