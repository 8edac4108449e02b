package assistant

import "github.com/loa-vn/loa/internal/vn"

// Explanation is how the assistant read a question: for calibration (loa
// eval assistant --explain) and for staff asking why it answered so.
type Explanation struct {
	// Question is the question as analysed: normalised, personal data
	// redacted, shorthand expanded.
	Question string
	// Intents names what the question asks ("documents+fee", "general").
	Intents string
	// Topic is the question without its intent words.
	Topic string
	// Person and OffTopic report a request for a person and an everyday
	// off-topic subject.
	Person, OffTopic bool
	// Fit is the best candidate's fit: how much the catalogue speaks to
	// the question at all (see minFit).
	Fit float64
	// Candidates are the services weighed, best first.
	Candidates []Candidate
	// Status is the decision for a new conversation.
	Status Status
}

// Candidate is one service weighed for a question, with its evidence.
type Candidate struct {
	Slug string
	// Score is the combined confidence; Rank the share of the best BM25
	// score; Similarity the best phrasing match; Cover the share of the
	// question's topic the service's phrasings say.
	Score, Rank, Similarity, Cover float64
	// Phrasing is the name, keyword or FAQ phrasing that matched best.
	Phrasing string
}

// Explain analyses a question as Ask would in a new conversation, without
// storing anything.
func (e *Engine) Explain(question string) Explanation {
	m := e.current()
	q, _, err := validate(Request{Question: question})
	if err != nil || m == nil {
		return Explanation{Question: question}
	}
	q = vn.RedactPII(q) // an explanation never shows personal data either
	a := analyse(m, e.index, e.opts.Synonyms, q)
	r := decide(m, e.index, e.opts.Synonyms, State{}, q)
	x := Explanation{Question: a.text.query(), Intents: a.intents.String(), Topic: a.topic.query(),
		Person: a.person, OffTopic: a.offTopic, Status: r.status}
	if len(a.cands) > 0 {
		x.Fit = float64(a.cands[0].fit())
	}
	for _, c := range a.cands {
		cd := Candidate{Slug: m.svcs[c.svc].Slug, Score: float64(c.score), Rank: float64(c.rank),
			Similarity: float64(c.sim.score), Cover: float64(c.cover)}
		if c.phr >= 0 {
			cd.Phrasing = m.phrasings[c.phr].text
		}
		x.Candidates = append(x.Candidates, cd)
	}
	return x
}

// Thresholds returns the decision's thresholds by name, for the
// calibration report of loa eval assistant --explain.
func Thresholds() map[string]float64 {
	return map[string]float64{
		"min_fit": minFit, "off_topic_fit": offTopicFit, "min_similarity": minSim,
		"answer_margin": answerMargin, "option_spread": optionSpread, "faq_min": faqMin,
	}
}
