package assistant

import (
	"math"
	"slices"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// phrasingKind says where a phrasing comes from.
type phrasingKind uint8

const (
	kindName phrasingKind = iota
	kindKeyword
	kindQuestion   // an FAQ's question
	kindParaphrase // one of the ways citizens phrase an FAQ's question
)

// phrasing is one way of naming a service or asking about it — its name,
// a keyword, an FAQ's question or one of its paraphrases — as the set of
// its folded syllables and pairs of syllables. The assistant compares a
// question with phrasings, not with whole pages: "đăng ký thường trú trên
// vneid" is a paraphrase of one FAQ, and matching it says both which
// service and which answer, with a score between 0 and 1 that means the
// same for every question (BM25 scores do not).
type phrasing struct {
	svc   int32
	faq   int32 // index in the service's FAQs, or -1
	kind  phrasingKind
	terms []int32 // term ids, sorted, distinct
	mass  float32 // the sum of the terms' weights
	text  string
}

// model is what the assistant derives from one catalogue snapshot. It is
// immutable once built; a new snapshot builds a new model.
type model struct {
	snap *catalog.Snapshot
	// svcs are the snapshot's services; their position is the service id.
	svcs   []*catalog.Service
	bySlug map[string]int32
	// terms numbers folded syllables and pairs ("khai", "khai_sinh").
	terms map[string]int32
	// weight is each term's weight: its IDF over the services' whole
	// text, and for a word of names and keywords over those too
	// (search.NamingIDF), lowered for function words.
	weight    []float32
	phrasings []phrasing
	// bySvc lists each service's phrasings.
	bySvc [][]int32
	// naming are, for each service, the ids of the terms of its name and
	// keywords, sorted.
	naming [][]int32
	// phrased are, for each service, the ids of the terms of all its
	// phrasings: its names, keywords, FAQs and their paraphrases.
	phrased [][]int32
	// svcTerms are, for each service, the ids of every term its record
	// and guide say, sorted.
	svcTerms [][]int32
	// faqIntents are, for each service, what each of its FAQs answers
	// (read from the question and its paraphrases).
	faqIntents [][]Intent
	// needs are, for each service, its FAQs that ask whether something
	// must be done (asksWhetherNeeded), for side questions (needFAQ).
	needs [][]int32
	// near maps a folded syllable and each string one deletion from it to
	// the syllables: the candidates for a typo (symmetric deletion).
	near map[string][]string
	// nearShort is near for the syllables of three letters. A typo is
	// fixed into one only where it makes a pair several services say
	// (variants, fixTypos): alone, "tem" is as likely "tên" as "tim".
	nearShort map[string][]string
	// passageCache holds each service's passages once analysed (see
	// model.passages).
	passageCache []servicePassages
	// numeric says, by term id, which terms are numbers ("12", "1995"),
	// and pair which are pairs of syllables ("khai_sinh").
	numeric, pair []bool
	// unknown is the weight of a syllable no phrasing uses: as telling as
	// the rarest known one, since nothing says it is common.
	unknown float32
	// generalWeight is the weight of a syllable in generalShare of the
	// services: a syllable weighing less names no service.
	generalWeight float32
	// places are the names of places, for the citizen's case (caseSpans).
	places *placeNames
	// commonPair is the weight of a pair said by two services: a typo is
	// fixed into a pair only as common as that (see fixTypos).
	commonPair float32
}

// unknownPair weighs a pair of content syllables that no text of the
// catalogue has, relative to an unknown syllable (see bag.match).
const unknownPair = 0.5

// functionWeight is how much a function word, or a pair of them, counts
// beside a content word.
const functionWeight = 0.2

// onlineWords say a procedure is done online. The catalogue's services
// all are, so a keyword that says so ("đóng thuế qua mạng", "đăng ký kết
// hôn online") names its service by the rest; a citizen's "qua mạng" is
// set aside as what the question asks (where to file), and the rest is
// then the keyword said in full.
var onlineWords = newPhraseSet([]string{"online", "qua mạng", "trên mạng", "trực tuyến"})

// withoutOnline returns keyword t without its onlineWords, or t when
// fewer than two words would be left.
func withoutOnline(t text) text {
	spans := onlineWords.find(t)
	if len(spans) == 0 {
		return t
	}
	if rest := t.without(spans); len(rest.tokens()) >= 2 {
		return rest
	}
	return t
}

// buildModel derives the model of a snapshot. syn (may be nil) says
// which runs of words are names an intent phrase must not cut
// (intentsOf), as in the citizens' questions. It is read now: a row
// editors add to the table later reaches the phrasings with the next
// snapshot, the questions at once; the two differ only where an intent
// phrase crosses the new name's edge.
func buildModel(s *catalog.Snapshot, syn *vn.Synonyms) *model {
	m := &model{snap: s, bySlug: map[string]int32{}, terms: map[string]int32{}, near: map[string][]string{}, nearShort: map[string][]string{},
		places: placeSet()}
	var df []int32
	// Catalogues repeat themselves (the same procedure for every province,
	// the same sentence in many guides): analyse each text once.
	type analysed struct {
		terms []int32
		in    Intent
	}
	cache := map[string]analysed{}
	for i := range s.Services {
		svc := &s.Services[i]
		id := int32(len(m.svcs))
		m.svcs = append(m.svcs, svc)
		m.bySlug[svc.Slug] = id
		var own []int32
		// add adds a phrasing and returns the intents it states. A question
		// is compared by its topic, as the citizen's is; a name or keyword
		// is all topic ("khai tử trên vneid" is the online joint service,
		// not any "khai tử"), but for the words saying it is done online
		// (withoutOnline).
		add := func(textValue string, faq int32, kind phrasingKind) Intent {
			question := kind == kindQuestion || kind == kindParaphrase
			key := textValue
			if question {
				key = "?" + key
			}
			a, ok := cache[key]
			if !ok {
				t := analyze(textValue)
				if question {
					var spans []span
					a.in, spans = intentsOf(t, t.names(syn))
					t = t.without(spans)
				} else if kind == kindKeyword {
					t = withoutOnline(t)
				}
				a.terms = m.internText(t)
				cache[key] = a
			}
			if len(a.terms) > 0 {
				own = append(own, int32(len(m.phrasings)))
				m.phrasings = append(m.phrasings, phrasing{svc: id, faq: faq, kind: kind, terms: a.terms, text: textValue})
			}
			return a.in
		}
		add(svc.Name, -1, kindName)
		for _, k := range svc.Keywords {
			add(k, -1, kindKeyword)
		}
		intents := make([]Intent, len(svc.FAQs))
		for fi, f := range svc.FAQs {
			intents[fi] = add(f.Question, int32(fi), kindQuestion)
			for _, p := range f.Paraphrases {
				intents[fi] |= add(p, int32(fi), kindParaphrase)
			}
		}
		m.faqIntents = append(m.faqIntents, intents)
		var needs []int32
		for fi, f := range svc.FAQs {
			if asksWhetherNeeded(f.Question) {
				needs = append(needs, int32(fi))
			}
		}
		m.needs = append(m.needs, needs)
		m.bySvc = append(m.bySvc, own)
		var naming []int32
		for _, pi := range own {
			if p := &m.phrasings[pi]; p.kind == kindName || p.kind == kindKeyword {
				naming = append(naming, p.terms...)
			}
		}
		slices.Sort(naming)
		m.naming = append(m.naming, slices.Compact(naming))
		var phrased []int32
		for _, pi := range own {
			phrased = append(phrased, m.phrasings[pi].terms...)
		}
		slices.Sort(phrased)
		m.phrased = append(m.phrased, slices.Compact(phrased))
		var all []int32
		for _, part := range serviceText(svc) {
			if part == "" {
				continue
			}
			a, ok := cache[part]
			if !ok {
				a.terms = m.internText(analyze(part))
				cache[part] = a
			}
			all = append(all, a.terms...)
		}
		slices.Sort(all)
		all = slices.Compact(all)
		m.svcTerms = append(m.svcTerms, all)
		for _, t := range all {
			for int(t) >= len(df) {
				df = append(df, 0)
			}
			df[t]++
		}
	}
	n := float64(len(m.svcs))
	// A word that names services (in a name or a keyword) is weighed mostly
	// by how few services it names rather than by how few services' text
	// says it (search.NamingIDF, with search.NamingShare). "Căn cước" is in
	// nearly every guide, as a paper to bring, so over the text it weighs
	// almost nothing, yet it names one service. On the development set and
	// the sets written apart (testdata), with minFit and storyCovered
	// calibrated again, a share of 0.75 answers 28 more of their 705
	// in-scope questions correctly than the text's IDF alone, 3 fewer than
	// before (joint services against their parts); at 0.5 and at 1 the gain
	// is smaller (18) or the out-of-scope questions are not kept out at any
	// threshold (1: four of them fit as well as in-scope ones).
	dfNaming := make([]int32, len(m.terms))
	for _, naming := range m.naming {
		for _, t := range naming {
			dfNaming[t]++
		}
	}
	m.weight = make([]float32, len(m.terms))
	m.numeric = make([]bool, len(m.terms))
	m.pair = make([]bool, len(m.terms))
	m.passageCache = make([]servicePassages, len(m.svcs))
	maxIDF := 0.0
	for term, id := range m.terms {
		d := 0.0
		if int(id) < len(df) {
			d = float64(df[id])
		}
		idf := search.BM25IDF(n, d)
		if dn := dfNaming[id]; dn > 0 {
			idf = search.NamingIDF(idf, n, float64(dn))
		}
		maxIDF = max(maxIDF, idf)
		m.weight[id] = float32(idf * termFactor(term))
		m.numeric[id] = isNumber(term)
		m.pair[id] = isBigram(term)
		if !isBigram(term) {
			near := m.near
			switch letters := utf8.RuneCountInString(term); {
			case letters == 3:
				near = m.nearShort
			case letters < 3:
				near = nil
			}
			if near != nil {
				near[term] = append(near[term], term)
				for _, del := range deletions(term) {
					near[del] = append(near[del], term)
				}
			}
		}
	}
	m.unknown = float32(maxIDF)
	m.generalWeight = float32(idfAt(len(m.svcs), generalShare))
	if n := len(m.svcs); n > 0 {
		m.commonPair = float32(idfAt(n, 2/float64(n)))
	}
	for i := range m.phrasings {
		p := &m.phrasings[i]
		for _, t := range p.terms {
			p.mass += m.weight[t]
		}
	}
	return m
}

// serviceText is everything a service's record and guide say, for the
// coverage of a question by the service and for the weights of words.
func serviceText(svc *catalog.Service) []string {
	out := []string{svc.Name, svc.Field, svc.Conditions, svc.Result, svc.AgencyText}
	out = append(out, svc.Keywords...)
	out = append(out, svc.Steps...)
	out = append(out, svc.Audience...)
	for _, d := range svc.Documents {
		out = append(out, d.Name, d.Note)
	}
	for _, f := range svc.FAQs {
		out = append(out, f.Question, f.Answer)
		out = append(out, f.Paraphrases...)
	}
	if g := svc.Guide; g != nil {
		out = append(out, g.Summary, g.WhoFor, g.Duration, g.Cost, g.WhereOnline)
		out = append(out, g.Prepare...)
		out = append(out, g.Steps...)
		out = append(out, g.CommonMistakes...)
	}
	return out
}

// termFactor lowers function words, and pairs of them.
func termFactor(term string) float64 {
	l, r, ok := cutBigram(term)
	if !ok {
		if functionWords[term] {
			return functionWeight
		}
		return 1
	}
	if functionWords[l] && functionWords[r] {
		return functionWeight
	}
	return 1
}

// internText numbers the folded syllables and pairs of t, returning
// their distinct ids sorted.
func (m *model) internText(t text) []int32 {
	var out []int32
	for _, p := range t.folded {
		for i, f := range p {
			out = append(out, m.id(f))
			if i > 0 {
				out = append(out, m.id(p[i-1]+vn.BigramSep+f))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (m *model) id(term string) int32 {
	id, ok := m.terms[term]
	if !ok {
		id = int32(len(m.terms))
		m.terms[term] = id
	}
	return id
}

// lookup returns the id and weight of a folded term, or -1 and the weight
// of an unknown syllable, or of an unknown pair of content syllables
// (unknownPair of it; a pair with a function word weighs nothing).
func (m *model) lookup(term string) (int32, float32) {
	if id, ok := m.terms[term]; ok {
		return id, m.weight[id]
	}
	if l, r, ok := cutBigram(term); ok {
		if functionWords[l] || functionWords[r] {
			return -1, 0
		}
		return -1, m.unknown * unknownPair
	}
	return -1, m.unknown * float32(termFactor(term))
}

// correct returns the known syllable a folded syllable unknown to the
// phrasings is one typo away from, the most common one when several are;
// or "" when there is none or the syllable is known or short.
func (m *model) correct(w string) string {
	if _, ok := m.terms[w]; ok || utf8.RuneCountInString(w) < 4 || functionWords[w] {
		return ""
	}
	best, bestW := "", float32(math.MaxFloat32)
	on := onset(w)
	try := func(c string) {
		if onset(c) != on || !vn.Near(w, c) {
			return
		}
		if cw := m.weight[m.terms[c]]; cw < bestW || (cw == bestW && c < best) {
			best, bestW = c, cw
		}
	}
	for _, c := range m.near[w] {
		try(c)
	}
	for _, d := range deletions(w) {
		for _, c := range m.near[d] {
			try(c)
		}
	}
	return best
}

// deletions returns the strings one rune shorter than w.
func deletions(w string) []string {
	r := []rune(w)
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

func isBigram(term string) bool {
	_, _, ok := cutBigram(term)
	return ok
}

func cutBigram(term string) (string, string, bool) {
	for i := 0; i < len(term); i++ {
		if term[i] == vn.BigramSep[0] {
			return term[:i], term[i+1:], true
		}
	}
	return "", "", false
}

// idfAt is the IDF of a term found in share of n documents.
func idfAt(n int, share float64) float64 {
	return search.BM25IDF(float64(n), share*float64(n))
}
