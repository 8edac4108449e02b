package search

import (
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// k1 is BM25's term-frequency saturation: the second occurrence of a word
// adds less than the first, the tenth almost nothing.
const k1 = 1.2

// fieldParams are each field's weight (how much one occurrence counts) and
// b (how much a long field dilutes it, 0 to 1). The name counts most, and a
// short name that is all query words beats a long one that merely contains
// them; keywords are lists, so their length matters less; a body is a long
// run of steps, papers and answers, whose length dilutes a word more (b
// 0.9: on the development set of doc.go, with the lead, +.001 typed with
// marks and +.003 without, against 0.75; the assistant's answers are the
// same).
var fieldParams = [numFields]struct{ weight, b float64 }{
	FieldTitle:    {weight: 6, b: 0.75},
	FieldKeywords: {weight: 4, b: 0.5},
	FieldFAQ:      {weight: 2.5, b: 0.75},
	FieldSummary:  {weight: 2, b: 0.75},
	FieldLead:     {weight: 1.5, b: 0.75},
	FieldBody:     {weight: 1, b: 0.9},
}

// NamingShare is how much a term weighs, in a document that names it
// (has it in its title or keywords), by how few documents name it rather
// than by how few say it anywhere (NamingIDF). "Căn cước" is in nearly
// every service's papers to bring, so over the text its IDF is almost
// nothing, and "căn cước sắp hết hạn" ranked the driving licence
// (keyword "bằng lái sắp hết hạn") first and the identity card below the
// top five: the name said least. The assistant's model weighs its
// question words with the same share for the same reason
// (assistant/model.go). For the index, on the assistant's development set
// and the sets written apart a to g and m (871 in-scope questions), 0.75
// answers 6 more correctly than 0 and 3 fewer wrong; 0.5 and 1 gain less.
// A BEIR corpus has no keywords and, in UIT-ViCoV19QA, no titles: its
// figures are unchanged.
const NamingShare = 0.75

// leadSyllables is how much of the body FieldLead takes: about a
// sentence. Chosen on the development set of doc.go, whose answers have
// neither name nor summary: 15 to 25 syllables are one plateau, and a
// lead weighted below a summary editors write (1.5 against 2) does a
// little better than one weighted as much.
const leadSyllables = 20

// postings are the documents containing a term, in document order, and
// the best score among them: what a term can add to a document at most,
// which lets Search skip the documents that cannot reach the top.
type postings struct {
	list []posting
	max  float32
}

// posting is one document containing a term, with the term's BM25F score
// in it (IDF times saturated, field-weighted, length-normalised frequency).
// Every factor is known when the index is built, so a query only adds.
type posting struct {
	doc   int32
	score float32
}

// built is one immutable version of the index. Search reads it without
// locks; Replace swaps in a new one.
type built struct {
	ids []string
	// rank is each document's place in ID order, byRank its inverse: ties
	// in score are broken by rank.
	rank, byRank []int32
	// acc maps accented (lower-case, normalised) unigrams and bigrams to
	// their postings; fold the folded ones. Bigrams join with vn.BigramSep.
	acc  map[string]postings
	fold map[string]postings
	// near maps each folded syllable of the vocabulary, and each string
	// one deletion away from it, to the syllables: the typo candidates.
	near map[string][]string
	// titleVocab numbers the folded syllables of all titles; titles holds
	// each document's distinct title syllables by those numbers.
	titleVocab map[string]int32
	titles     [][]int32
	// accOf maps each folded term to the accented terms that fold to it:
	// the readings restore chooses from.
	accOf map[string][]string
	// expansions remembers the readings of expansions (expand.go), and
	// cachedExpansions counts them.
	expansions       sync.Map // string → expansionReading
	cachedExpansions atomic.Int32
	// accTokens is the sum of the document frequencies of the accented
	// syllables: the denominator of their frequencies for restore.
	accTokens float64
}

// counts are a term's occurrences in each field of one document.
type counts [numFields]uint16

func (c *counts) add(f Field) {
	if c[f] < math.MaxUint16 {
		c[f]++
	}
}

// build indexes docs. A document whose ID was already seen is skipped, so
// an ID is never returned twice.
//
// The build runs on every publication, so it does the costly work once
// per distinct string rather than once per occurrence: each item of text
// (the parts of a field between semicolons, where catalogues repeat
// themselves: steps, papers, agencies) is analysed once (analyser), every
// term is numbered on first sight, and a document's terms are counted by
// number, with pairs looked up by the numbers of their syllables, so no
// string is built or hashed per occurrence.
func build(docs []Doc) *built {
	b := &built{near: map[string][]string{}, titleVocab: map[string]int32{}}
	an := newAnalyser()
	seen := make(map[string]bool, len(docs))
	var (
		docAcc, docFold [][]docTerm // each document's terms
		lengths         [][numFields]int
		total           [numFields]float64
	)
	for i := range docs {
		d := &docs[i]
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		doc := int32(len(b.ids))
		b.ids = append(b.ids, d.ID)
		var length [numFields]int
		var title []int32
		for f := range numFields {
			// A document with neither a name nor a summary, nothing that
			// says what it is about, counts the opening of its body again
			// as its lead; both fields come before FieldBody, so their
			// lengths are known by then.
			lead := f == FieldBody && length[FieldTitle] == 0 && length[FieldSummary] == 0
			an.each(d.text(f), func(phrase []syllable) {
				length[f] += len(phrase)
				for _, syl := range phrase {
					an.acc.count(doc, syl.acc, f)
					an.fold.count(doc, syl.fold, f)
					if syl.foldPair >= 0 {
						an.fold.count(doc, syl.foldPair, f)
						an.acc.count(doc, syl.accPair, f)
					}
					if lead && length[FieldLead] < leadSyllables {
						length[FieldLead]++
						an.acc.count(doc, syl.acc, FieldLead)
						an.fold.count(doc, syl.fold, FieldLead)
						if syl.foldPair >= 0 {
							an.fold.count(doc, syl.foldPair, FieldLead)
							an.acc.count(doc, syl.accPair, FieldLead)
						}
					}
					if f == FieldTitle {
						title = b.titleWord(title, an.fold.names[syl.fold])
					}
				}
			})
		}
		for f := range numFields {
			total[f] += float64(length[f])
		}
		b.titles = append(b.titles, title)
		lengths = append(lengths, length)
		docAcc = append(docAcc, an.acc.flush())
		docFold = append(docFold, an.fold.flush())
	}
	b.byRank = make([]int32, len(b.ids))
	for i := range b.byRank {
		b.byRank[i] = int32(i)
	}
	slices.SortFunc(b.byRank, func(x, y int32) int { return strings.Compare(b.ids[x], b.ids[y]) })
	b.rank = make([]int32, len(b.ids))
	for r, d := range b.byRank {
		b.rank[d] = int32(r)
	}
	var avg [numFields]float64
	for f := range numFields {
		avg[f] = max(total[f]/float64(max(len(b.ids), 1)), 1)
	}
	b.fold = an.fold.postings(docFold, lengths, avg, nil)
	// An accented term that is the only one with its folded form is in
	// the same documents the same number of times: it shares the folded
	// term's postings rather than have its own copy.
	forms := make([]int32, len(an.fold.names))
	for _, f := range an.acc.folded {
		forms[f]++
	}
	shared := func(id int32) bool { return forms[an.acc.folded[id]] == 1 }
	b.acc = an.acc.postings(docAcc, lengths, avg, shared)
	for id, name := range an.acc.names {
		if shared(int32(id)) {
			b.acc[name] = b.fold[an.fold.names[an.acc.folded[id]]]
		}
	}
	b.accOf = make(map[string][]string, len(b.fold))
	for id, name := range an.acc.names {
		if !strings.Contains(name, vn.BigramSep) {
			b.accTokens += float64(len(b.acc[name].list))
		}
		if len(b.acc[name].list) > 0 {
			folded := an.fold.names[an.acc.folded[id]]
			b.accOf[folded] = append(b.accOf[folded], name)
		}
	}
	for _, term := range an.fold.names {
		if !strings.Contains(term, vn.BigramSep) && utf8.RuneCountInString(term) >= 3 {
			b.near[term] = append(b.near[term], term)
			for _, d := range deletions(term) {
				b.near[d] = append(b.near[d], term)
			}
		}
	}
	return b
}

// titleWord adds the number of a folded title syllable to title, once.
func (b *built) titleWord(title []int32, folded string) []int32 {
	id, ok := b.titleVocab[folded]
	if !ok {
		id = int32(len(b.titleVocab))
		b.titleVocab[folded] = id
	}
	if !slices.Contains(title, id) {
		title = append(title, id)
	}
	return title
}

// syllable is one token by its numbers in the accented and folded terms,
// with the numbers of its pair with the token before (-1 for the first).
type syllable struct{ acc, fold, accPair, foldPair int32 }

// analyser turns text into numbered syllables, remembering each item it
// has analysed, and numbers and counts the terms of one document at a time.
type analyser struct {
	items     map[string][][]syllable
	acc, fold terms
}

func newAnalyser() *analyser {
	return &analyser{items: map[string][][]syllable{}, acc: newTerms(), fold: newTerms()}
}

// each calls fn with each phrase of text, as vn.Phrases splits it. A
// semicolon ends a phrase, so the items between semicolons are analysed
// (and remembered) on their own with the same result.
func (an *analyser) each(text string, fn func([]syllable)) {
	for text != "" {
		item, rest, _ := strings.Cut(text, ";")
		text = rest
		phrases, ok := an.items[item]
		if !ok {
			for _, p := range vn.Phrases(item) {
				phrase := make([]syllable, len(p))
				for j, tok := range p {
					folded := an.fold.id(vn.Fold(tok), -1)
					syl := syllable{acc: an.acc.id(tok, folded), fold: folded, accPair: -1, foldPair: -1}
					if j > 0 {
						prev := phrase[j-1]
						syl.foldPair = an.fold.pair(prev.fold, folded, -1)
						syl.accPair = an.acc.pair(prev.acc, syl.acc, syl.foldPair)
					}
					phrase[j] = syl
				}
				phrases = append(phrases, phrase)
			}
			an.items[item] = phrases
		}
		for _, p := range phrases {
			fn(p)
		}
	}
}

// docTerm is a term of one document and its counts there.
type docTerm struct {
	term int32
	counts
}

// terms numbers the terms of one kind (accented or folded) and counts
// those of the document being read.
type terms struct {
	ids   map[string]int32
	pairs map[uint64]int32 // by the numbers of the two syllables
	names []string
	// folded is, for accented terms, the number of the folded term.
	folded []int32
	// last is the document that last counted each term, slot its place
	// in doc then.
	last, slot []int32
	doc        []docTerm
}

func newTerms() terms {
	return terms{ids: map[string]int32{}, pairs: map[uint64]int32{}}
}

func (t *terms) add(name string, folded int32) int32 {
	id := int32(len(t.names))
	t.names = append(t.names, name)
	t.folded = append(t.folded, folded)
	t.last = append(t.last, -1)
	t.slot = append(t.slot, 0)
	return id
}

// id numbers a syllable; folded is its folded number (-1 for folded terms).
func (t *terms) id(name string, folded int32) int32 {
	id, ok := t.ids[name]
	if !ok {
		id = t.add(name, folded)
		t.ids[name] = id
	}
	return id
}

// pair numbers the pair of syllables x and y; folded is its folded number.
func (t *terms) pair(x, y, folded int32) int32 {
	key := uint64(uint32(x))<<32 | uint64(uint32(y))
	id, ok := t.pairs[key]
	if !ok {
		id = t.add(t.names[x]+vn.BigramSep+t.names[y], folded)
		t.pairs[key] = id
	}
	return id
}

// count counts one occurrence of term in field f of document doc.
func (t *terms) count(doc, term int32, f Field) {
	if t.last[term] != doc {
		t.last[term] = doc
		t.slot[term] = int32(len(t.doc))
		t.doc = append(t.doc, docTerm{term: term})
	}
	t.doc[t.slot[term]].add(f)
}

// flush returns the document's terms and starts the next document.
func (t *terms) flush() []docTerm {
	out := slices.Clone(t.doc)
	t.doc = t.doc[:0]
	return out
}

// postings scores every document's terms and returns the postings by
// term, with IDF; except for the terms skip (nil: none) says another
// term's postings will stand for.
func (t *terms) postings(docs [][]docTerm, lengths [][numFields]int, avg [numFields]float64, skip func(int32) bool) map[string]postings {
	df := make([]int32, len(t.names))
	if skip != nil {
		for id := range df {
			if skip(int32(id)) {
				df[id] = -1
			}
		}
	}
	total := 0
	naming := make([]int32, len(t.names))
	for _, list := range docs {
		for _, dt := range list {
			if df[dt.term] >= 0 {
				df[dt.term]++
				total++
				if dt.names() {
					naming[dt.term]++
				}
			}
		}
	}
	// One array for all postings, each term's list a slice of it: one
	// allocation instead of one per term.
	start := make([]int32, len(t.names)+1)
	for id, n := range df {
		start[id+1] = start[id] + max(n, 0)
	}
	flat := make([]posting, total)
	next := slices.Clone(start[:len(t.names)])
	n := float64(len(docs))
	idf := make([]float64, len(t.names))
	namingIDF := make([]float64, len(t.names))
	for id, d := range df {
		idf[id] = BM25IDF(n, float64(d))
		if naming[id] > 0 {
			namingIDF[id] = NamingIDF(idf[id], n, float64(naming[id]))
		}
	}
	for doc, list := range docs {
		norm := lengthNorms(lengths[doc], avg)
		for _, dt := range list {
			if df[dt.term] < 0 {
				continue
			}
			var tf float64
			for f := range numFields {
				if dt.counts[f] != 0 {
					tf += fieldParams[f].weight * float64(dt.counts[f]) / norm[f]
				}
			}
			w := idf[dt.term]
			if dt.names() {
				w = namingIDF[dt.term]
			}
			flat[next[dt.term]] = posting{doc: int32(doc), score: float32(w * tf / (k1 + tf))}
			next[dt.term]++
		}
		docs[doc] = nil // let the collector have it
	}
	m := make(map[string]postings, len(t.names))
	for id, name := range t.names {
		if df[id] > 0 {
			list := flat[start[id]:start[id+1]:start[id+1]]
			var best float32
			for _, p := range list {
				best = max(best, p.score)
			}
			m[name] = postings{list: list, max: best}
		}
	}
	return m
}

// lengthNorms are BM25's length normalisations of a document's fields.
func lengthNorms(length [numFields]int, avg [numFields]float64) [numFields]float64 {
	var norm [numFields]float64
	for f := range numFields {
		p := fieldParams[f]
		norm[f] = 1 - p.b + p.b*float64(length[f])/avg[f]
	}
	return norm
}

func foldAll(tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = vn.Fold(t)
	}
	return out
}

// names reports whether the document names the term: has it in its title
// or keywords.
func (c *counts) names() bool { return c[FieldTitle] > 0 || c[FieldKeywords] > 0 }

// BM25IDF is BM25's inverse document frequency of a term d of n documents
// have (never negative).
func BM25IDF(n, d float64) float64 {
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}

// NamingIDF is the weight of a term whose IDF over all text is idf where
// named of the n documents have it in a name or keyword: that IDF to the
// power 1-NamingShare times the IDF over names and keywords to the power
// NamingShare.
func NamingIDF(idf, n, named float64) float64 {
	return math.Pow(idf, 1-NamingShare) * math.Pow(BM25IDF(n, named), NamingShare)
}
