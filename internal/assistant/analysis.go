package assistant

import (
	"slices"

	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// maxCandidates is how many of the index's hits are weighed. The right
// service is first or second for nearly every question; the others give
// clarify its options.
const maxCandidates = 6

// candidate is a service a question may be about, with the evidence.
type candidate struct {
	svc int32
	// rank is the share of the best hit's BM25 score: 1 for the best.
	rank float32
	// sim is the best match of the question with one of the service's
	// phrasings, and phr that phrasing.
	sim similarity
	phr int32
	// cover is the share of the question's topic that the service's whole
	// record and guide say: a question naming several things the service
	// does ("khai tử, xóa hộ khẩu, tiền mai táng") is covered by no single
	// phrasing but by the joint service's text.
	cover float32
	// covered is the weight of the question's topic that the service's
	// text says: cover before it is divided by the question's weight.
	covered float32
	// weight is the question's topic's weight as read against the
	// service's text (each unit through the reading that matches most):
	// weight − covered is what the question says that the text does not.
	weight float32
	// said is the weight of the heaviest phrasing the question says in
	// full (saidShare of it or more), 0 when it says none: a citizen who
	// tells a whole story around "làm hộ chiếu" still names the service.
	said float32
	// saidByName is said of the service's name and keywords only, not
	// its FAQs: "được đăng ký mấy nguyện vọng" says an FAQ of university
	// admission, but no name of it.
	saidByName float32
	// saidAsTyped is said with the question's words as typed only, no
	// expansion of an everyday name: "lấy chồng" reads as đăng ký kết
	// hôn, but the citizen did not say it.
	saidAsTyped float32
	// typedPhr is the phrasing saidAsTyped weighs, -1 when none.
	typedPhr int32
	// score combines the three: the service's confidence.
	score float32
}

// fit is how much the catalogue speaks to the question through this
// candidate: the mean of its strict phrasing match and its cover (minFit).
func (c *candidate) fit() float32 { return (c.sim.strict + c.cover) / 2 }

// analysis is everything the assistant reads from one question.
type analysis struct {
	text  text
	topic text // the question without its intent words
	// topicBag is the topic ready for comparison with phrasings (whose
	// intent words are set aside alike).
	topicBag bag
	// intents are the parts of a guide the question asks for.
	intents Intent
	// person says the citizen asks for a person.
	person bool
	// offTopic says the question names an everyday non-service subject.
	offTopic bool
	// partner says the question names a sweetheart (partnerWords).
	partner bool
	// smallTalk is the greeting, thanks or question about the assistant
	// the question is, if it is one.
	smallTalk smallTalk
	// cands are the services it may be about, best first.
	cands []candidate
}

// analyse reads a question against the model and the index.
func analyse(m *model, ix *search.Index, syn *vn.Synonyms, q string) *analysis {
	t := analyze(q)
	if m != nil {
		t = m.untelex(t)
	}
	return analyseApart(m, ix, syn, t, nil)
}

// apart reads question a again with spans set aside (analyseApart); nil
// when there are none, or nothing would be left.
func (a *analysis) apart(m *model, ix *search.Index, syn *vn.Synonyms, spans []span) *analysis {
	if len(spans) == 0 || a.text.without(spans).empty() {
		return nil
	}
	return analyseApart(m, ix, syn, a.text, spans)
}

// namedIn returns the service that the spans of question a name when
// read on their own, and whether they name one (judge): what a clause
// told as done, or asked as a side matter, is about.
func (a *analysis) namedIn(m *model, ix *search.Index, syn *vn.Synonyms, spans []span) (int32, bool) {
	da := analyseApart(m, ix, syn, a.text.only(spans), nil)
	if len(da.cands) == 0 {
		return -1, false
	}
	c, named, _ := judge(m, da)
	return c.svc, named
}

// analyseApart reads question t with the spans apart set aside, as if
// not said (see analysis.withoutCase).
func analyseApart(m *model, ix *search.Index, syn *vn.Synonyms, t text, apart []span) *analysis {
	a := &analysis{text: t}
	var spans []span
	a.intents, spans = intentsOf(a.text, a.text.names(syn))
	a.topic = a.text.without(append(spans, apart...))
	a.smallTalk = smallTalkOf(a.text)
	// "Bạn là người thật hay máy?" asks what the assistant is, not for a
	// person: the answer says, and how to reach one.
	a.person = asksForPerson(a.text) && a.smallTalk != aboutSelf
	a.offTopic = offTopic(a.text) && (a.intents == 0 || !offTopicOnlyForPurpose(a.text))
	a.partner = namesPartner(a.text)
	if a.text.empty() || m == nil || ix == nil {
		return a
	}
	query := a.text
	if len(apart) > 0 {
		query = a.text.without(apart)
	}
	hits := ix.Search(query.query(), maxCandidates)
	if len(hits) == 0 || hits[0].Score <= 0 {
		return a
	}
	a.topicBag = m.bagOf(a.topic, syn)
	// typed is the topic as typed, made when a phrasing is first said in
	// full (few questions say one).
	var typed *bag
	for _, h := range hits {
		id, ok := m.bySlug[h.ID]
		if !ok {
			continue // the index is a moment ahead of or behind the snapshot
		}
		a.cands = append(a.cands, m.evidence(&a.topicBag, &typed, id, float32(h.Score/hits[0].Score)))
	}
	slices.SortStableFunc(a.cands, func(x, y candidate) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return 0
	})
	return a
}

// withoutCase reads the question again with the citizen's case set aside
// (caseSpans: who they are, who acts for whom, where they are), or
// returns nil when it tells none or nothing else.
func (a *analysis) withoutCase(m *model, ix *search.Index, syn *vn.Synonyms) *analysis {
	return a.apart(m, ix, syn, caseSpans(m.places, a.text))
}

// withoutStory reads the question again with the story before the
// clause that asks set aside (storySpans), or returns nil when it tells
// none.
func (a *analysis) withoutStory(m *model, ix *search.Index, syn *vn.Synonyms) *analysis {
	return a.apart(m, ix, syn, storySpans(a.text, syn))
}

// namesMoreFully reports whether the best candidate, which the question
// fits (minFit), is named in the citizen's words by a phrasing that
// holds the whole of the one naming the second, the third being no
// close contender: "sang tên sổ đỏ" says the transfer of land, and "sổ
// đỏ" within it names the first certificate only in part. A story that
// fits little may want both ("cắt hộ khẩu ở quê để nhập về nhà mới").
func (a *analysis) namesMoreFully(m *model) bool {
	if len(a.cands) < 2 {
		return false
	}
	c1, c2 := &a.cands[0], &a.cands[1]
	if c1.typedPhr < 0 || c2.typedPhr < 0 || c1.fit() < minFit ||
		len(a.cands) > 2 && c1.score-a.cands[2].score < answerMargin {
		return false
	}
	return holdsAll(m.phrasings[c1.typedPhr].terms, m.phrasings[c2.typedPhr].terms)
}

// onlyNamedClose returns the one service among the best and those close
// to it (within answerMargin) that the question names in the citizen's
// own words by its name or a keyword, when no telling word of that name
// is among those naming the others: "thẻ căn cước của tôi bị rách, đi
// đổi lại" names the identity card, and the reissue of health insurance
// cards, whose guide says much of torn and lost cards, is close only
// through those words; "cccd hết hạn đổi ở đâu" names it too, and the
// renewal of driving licences is close only through "hết hạn", "đổi".
// "Cắt khẩu" in a question on the joint death procedure names
// deregistration, but the joint procedure's keywords say "cắt khẩu" too.
func (a *analysis) onlyNamedClose(m *model) (int32, bool) {
	least := otherNameWeight * m.generalWeight
	close := 1
	for close < len(a.cands) && a.cands[close].score >= a.cands[0].score-answerMargin {
		close++
	}
	if close == 1 {
		return 0, false
	}
	found := -1
	for i, c := range a.cands[:close] {
		if c.saidByName >= least && c.saidAsTyped > 0 {
			if found >= 0 {
				return 0, false
			}
			found = i
		}
	}
	if found < 0 {
		return 0, false
	}
	// Named second or third, it is weighed against the best only: "giấy
	// khai sinh" shares "giấy khai" with the names of a death
	// registration, close third. Named first, against every close one:
	// "làm sổ đỏ" shares "sổ đỏ" with a land transfer.
	others := a.cands[:1]
	if found == 0 {
		if purposeSet.in(a.text) {
			// "… cần bản sao để làm sổ đỏ": what it names may be what
			// another service is for.
			return 0, false
		}
		others = a.cands[1:close]
	}
	name := m.phrasings[a.cands[found].typedPhr].terms
	for _, c := range others {
		if m.sharesTelling(name, m.naming[c.svc]) {
			return 0, false
		}
	}
	return a.cands[found].svc, true
}

// sharesTelling reports whether the sorted term lists of name, a
// phrasing, and of naming share a term of generalWeight or more: a pair
// of syllables, or a syllable when name is one ("cccd").
func (m *model) sharesTelling(name, naming []int32) bool {
	single := !slices.ContainsFunc(name, func(t int32) bool { return m.pair[t] })
	return slices.ContainsFunc(name, func(t int32) bool {
		_, found := slices.BinarySearch(naming, t)
		return found && (single || m.pair[t]) && m.weight[t] >= m.generalWeight
	})
}

// holdsAll reports whether the sorted distinct terms outer hold every
// one of inner and more.
func holdsAll(outer, inner []int32) bool {
	if len(inner) >= len(outer) {
		return false
	}
	i := 0
	for _, t := range outer {
		if i < len(inner) && inner[i] == t {
			i++
		}
	}
	return i == len(inner)
}

// lead is how far the best candidate's score is ahead of the second's
// (its whole score when it is alone); a has a candidate.
func (a *analysis) lead() float32 {
	if len(a.cands) > 1 {
		return a.cands[0].score - a.cands[1].score
	}
	return a.cands[0].score
}

// options are the candidates a clarifying question offers: the first
// two, and the third when it is within optionSpread of the first.
func (a *analysis) options() []candidate {
	n := min(3, len(a.cands))
	if n == 3 && a.cands[0].score-a.cands[2].score > optionSpread {
		n = 2
	}
	return a.cands[:n]
}

// evidence weighs service id for the question's topic: its best phrasing
// match, the phrasings said in full, its cover of the topic, and with
// rank (its share of the best BM25 score) the combined score. typed is
// the topic as typed, made on first need and kept for the next service.
func (m *model) evidence(topic *bag, typed **bag, id int32, rank float32) candidate {
	c := candidate{svc: id, rank: rank, phr: -1, typedPhr: -1}
	for _, pi := range m.bySvc[id] {
		p := &m.phrasings[pi]
		s := topic.compare(p)
		if s.score > c.sim.score {
			c.sim, c.phr = s, pi
		}
		if s.ofPhrasing >= saidShare-saidSlack {
			c.said = max(c.said, p.mass)
			if p.kind == kindName || p.kind == kindKeyword {
				c.saidByName = max(c.saidByName, p.mass)
			}
			if *typed == nil {
				t := topic.asTyped()
				*typed = &t
			}
			if p.mass > c.saidAsTyped && (*typed).compare(p).ofPhrasing >= saidShare {
				c.saidAsTyped, c.typedPhr = p.mass, pi
			}
		}
	}
	c.cover, c.covered, c.weight = topic.coverBy(m.svcTerms[id])
	c.score = (weightRank*c.rank + weightSim*c.sim.score + weightCover*c.cover) / (weightRank + weightSim + weightCover)
	return c
}

// namesOther reports whether the question says in full a phrasing of a
// service other than ctx (-1 for none), weighing more than what it says
// in full of ctx and at least otherNameWeight syllables of generalWeight:
// "thẻ căn cước" weighs 3.9 of them and "sổ đỏ" as typed 2.2, but an FAQ
// whose words are all common, "có làm trên điện thoại được không", 1.
func (a *analysis) namesOther(m *model, ctx int32) bool { return a.otherNamed(m, ctx, false) >= 0 }

// otherNamed returns the first candidate other than ctx that the
// question names as namesOther says, by its name or keywords when
// byName; -1 for none.
func (a *analysis) otherNamed(m *model, ctx int32, byName bool) int32 {
	least := otherNameWeight * m.generalWeight
	if ctx >= 0 {
		least = max(least, a.candidate(m, ctx).said)
	}
	for _, c := range a.cands {
		if c.svc != ctx && c.said >= least && (!byName || c.saidByName >= m.generalWeight) {
			return c.svc
		}
	}
	return -1
}

// otherNameWeight: see namesOther.
const otherNameWeight = 2

// candidate returns the evidence for service id: the candidate the index
// found, or, when it found that service too far down, the evidence
// weighed now with no rank.
func (a *analysis) candidate(m *model, id int32) candidate {
	for _, c := range a.cands {
		if c.svc == id {
			return c
		}
	}
	var typed *bag
	return m.evidence(&a.topicBag, &typed, id, 0)
}

// The weights of the evidence in a candidate's score.
const (
	weightRank  = 1
	weightSim   = 1.5
	weightCover = 1
)

// owner is the service whose own words may hold the everyday subjects
// the question names (model.ownsEveryday): the one in context ctx, else
// the best candidate when the question says one of its phrasings as
// typed ("mở xưởng làm bánh, cần giấy an toàn thực phẩm không"), else
// none (-1). A question that only fits a service ("quán cà phê nào đẹp
// để chụp ảnh cưới" fits the food-safety certificate's FAQs on cafés)
// has not named it, and its subject stays its own.
func (a *analysis) owner(m *model, ctx int32) int32 {
	if ctx >= 0 {
		return ctx
	}
	if len(a.cands) > 0 && a.cands[0].saidAsTyped >= m.generalWeight {
		return a.cands[0].svc
	}
	return -1
}
