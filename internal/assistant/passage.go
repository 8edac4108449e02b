package assistant

import (
	"slices"
	"strings"
	"sync"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/vn"
)

// passageMin is how much of a question, in syllables of generalWeight,
// one passage of a guide must say beyond the service's name and
// keywords to be given as the answer's part that concerns it (see
// bestPassage): one telling word and a little more, so that a passage
// sharing only "giấy" or "làm" with the question is not picked.
const passageMin = 1.5

// passage is one item of a guide that a question may ask about alone: a
// paper to prepare, a step, a common mistake, a sentence of the
// conditions, of who the service is for, of its cost or its duration.
type passage struct {
	label string // the section it belongs to, as the guide page titles it
	text  string
	// terms are the ids of its syllables and pairs, sorted, less those of
	// the service's name and keywords: what it says beyond the service.
	terms []int32
}

// servicePassages are one service's passages, analysed on first need:
// most services are never the answer to a question that needs them, and
// a model is built for every catalogue change.
type servicePassages struct {
	once sync.Once
	list []passage
}

// passages returns service id's passages with their terms.
func (m *model) passages(id int32) []passage {
	sp := &m.passageCache[id]
	sp.once.Do(func() {
		naming := m.naming[id]
		sp.list = passagesOf(m.svcs[id])
		for i := range sp.list {
			p := &sp.list[i]
			p.terms = slices.DeleteFunc(m.knownTerms(analyze(p.text)), func(t int32) bool {
				_, named := slices.BinarySearch(naming, t)
				return named
			})
		}
	})
	return sp.list
}

// passagesOf lists the passages of svc's guide, in the order of the page.
func passagesOf(svc *catalog.Service) []passage {
	var out []passage
	add := func(label string, items ...string) {
		for _, it := range items {
			if it = strings.TrimSpace(it); it != "" {
				out = append(out, passage{label: label, text: it})
			}
		}
	}
	g := svc.Guide
	if g == nil {
		g = &catalog.Guide{}
	}
	add(SectionWhoFor, sentences(g.WhoFor)...)
	add(SectionConditions, sentences(svc.Conditions)...)
	add(SectionPrepare, prepareItems(svc, g)...)
	add(SectionSteps, stepItems(svc, g)...)
	add(SectionDuration, sentences(g.Duration)...)
	add(SectionCost, sentences(g.Cost)...)
	add(SectionMistakes, g.CommonMistakes...)
	return out
}

// sentences splits a paragraph at the ends of its sentences and lines.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		end := s[i] == '\n' || (s[i] == '.' || s[i] == ';') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n')
		if !end {
			continue
		}
		if t := strings.TrimSpace(s[start : i+1]); strings.Trim(t, ".;") != "" {
			out = append(out, t)
		}
		start = i + 1
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// knownTerms returns the ids of t's folded syllables and pairs that the
// model numbers, sorted and distinct. Unlike internText it adds none:
// the model is read by many requests at once.
func (m *model) knownTerms(t text) []int32 {
	var out []int32
	for _, p := range t.folded {
		for i, f := range p {
			if id, ok := m.terms[f]; ok {
				out = append(out, id)
			}
			if i > 0 {
				if id, ok := m.terms[p[i-1]+vn.BigramSep+f]; ok {
					out = append(out, id)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bestPassage returns the passage of service id's guide that says most
// of the question's topic beyond the service's name and keywords — what
// the citizen asks about the service rather than which service — when it
// says passageMin syllables of generalWeight of it or more, in two of
// its words or more, numbers aside: "Giấy chứng sinh của bệnh viện tui lỡ
// làm mất rồi thì sao?" about a birth registration is answered by the
// paper to bring when there is no birth certificate, not by the summary;
// "con em 12 tuổi" shares a word and a number with "Số định danh cá nhân
// (12 số)", and is not.
func bestPassage(m *model, a *analysis, id int32) (passage, bool) {
	var best passage
	bestScore := passageMin * m.generalWeight
	found := false
	// The words as typed, without the readings of abbreviations and
	// everyday names: those find the service; within its guide they find
	// what a name means, not what the citizen asks ("chưa có sổ hộ khẩu"
	// read as "thông tin cư trú" matches "thay đổi thông tin").
	typed := a.topicBag.asTyped()
	for _, p := range m.passages(id) {
		matched, words := typed.shared(p.terms, m.numeric)
		if words >= 2 && matched > bestScore {
			best, bestScore, found = p, matched, true
		}
	}
	return best, found
}

// shared returns the weight of the question's units found in terms, as
// match does, and how many units are found through a term that is not a
// number (numeric, by term id).
func (b *bag) shared(terms []int32, numeric []bool) (matched float32, units int) {
	hit := b.hits(terms)
	for _, u := range b.units {
		bestM, word := float32(0), false
		for i, alt := range u.alts {
			var am float32
			w := false
			for _, t := range alt {
				if t.at >= 0 && hit[t.at] {
					am += t.w
					w = w || !numeric[t.id]
				}
			}
			if i > 0 {
				am *= expansionFactor
			}
			if am > bestM {
				bestM, word = am, w
			}
		}
		matched += bestM
		if word {
			units++
		}
	}
	return matched, units
}
