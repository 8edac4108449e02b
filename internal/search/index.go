package search

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/loa-vn/loa/internal/vn"
)

// Index answers full-text queries over a set of documents. It is safe for
// concurrent use: Replace builds a whole new index and swaps it in, so a
// search never waits and always sees one consistent version.
type Index struct {
	syn     *vn.Synonyms
	cur     atomic.Pointer[built]
	scratch sync.Pool // *scratch
	// pruned counts the searches that pruned (prune.go), for tests.
	pruned atomic.Int64
}

// New returns an empty index that expands queries with syn (nil: no
// expansion).
func New(syn *vn.Synonyms) *Index {
	ix := &Index{syn: syn}
	ix.cur.Store(build(nil))
	return ix
}

// Replace indexes docs, replacing what the index held. A document whose ID
// repeats an earlier one is ignored.
func (ix *Index) Replace(docs []Doc) {
	ix.cur.Store(build(docs))
}

// Len returns the number of documents indexed.
func (ix *Index) Len() int { return len(ix.cur.Load().ids) }

// Search returns the documents matching q, best first, at most limit of
// them (all when limit is 0 or less). Equal scores are in ID order, so the
// same query always gives the same list; scores are compared, and
// reported, at float32 precision. A document that matches only function
// words ("thế nào", "cho") is not a hit unless the query has nothing else.
func (ix *Index) Search(q string, limit int) []Hit {
	b := ix.cur.Load()
	if len(b.ids) == 0 {
		return nil
	}
	groups := b.plan(q, ix.syn)
	if len(groups) == 0 {
		return nil
	}
	s := ix.getScratch(len(b.ids), len(b.titleVocab))
	defer ix.scratch.Put(s)
	needContent := false
	for i := range groups {
		needContent = needContent || groups[i].content
		for _, a := range groups[i].alts {
			for _, t := range a.terms {
				if t.title > 0 && !s.inQuery[t.title-1] {
					s.inQuery[t.title-1] = true
					s.queryWords = append(s.queryWords, t.title-1)
				}
			}
		}
	}
	// Score the groups from the largest bound down, pruning when only a
	// few hits are wanted (prune.go). Scoring everything goes in the same
	// order, so that both add the same numbers in the same order.
	order, rest := boundOrder(groups)
	var (
		running  []int32 // when pruning: the documents still in the running
		pruning  bool
		theta    float64 // a score that limit documents have reached
		thetaAt  float64 // rest when theta was computed
		boundSum float64 // the bounds of the groups scored: no total exceeds it
	)
	for k, gi := range order {
		g := &groups[gi]
		if pruning {
			s.scoreSome(g, running)
		} else {
			s.score(g)
		}
		boundSum += rest[k] - rest[k+1]
		left := rest[k+1] * (1 + titleBoost) * (1 + pruneMargin)
		if limit <= 0 || left >= boundSum || pruning && left >= theta {
			continue // nothing to gain (yet) from a threshold
		}
		if !pruning && thetaAt != 0 && rest[k+1] > thetaAt/2 && left >= theta {
			continue // the threshold was computed lately: wait for rest to halve
		}
		docs := s.touched
		if pruning {
			docs = running
		}
		t, ok := s.threshold(docs, limit, needContent, b.titles)
		if !ok {
			continue
		}
		theta, thetaAt = max(theta, t), rest[k+1]
		if left < theta {
			running = s.survivors(docs, theta, rest[k+1], pruning, b.titles)
			pruning = true
		}
	}
	final := s.touched
	if limit > 0 {
		if pruning {
			final = running
			ix.pruned.Add(1)
		}
		if t, ok := s.threshold(final, limit, needContent, b.titles); ok {
			final = s.survivors(final, max(theta, t), 0, pruning, b.titles)
		}
	}
	// Order by one integer key per document: the score (as float32, so it
	// fits) descending, then the rank of the ID. Sorting integers is several
	// times faster than sorting structs with a comparison function, which
	// matters when a common word matches most of the catalogue.
	keys := s.keys[:0]
	for _, d := range final {
		if !needContent || s.flags[d]&flagContent != 0 {
			s.total[d] *= s.titleOf(d, b.titles)
			keys = append(keys, uint64(^math.Float32bits(float32(s.total[d])))<<32|uint64(b.rank[d]))
		}
	}
	if limit > 0 && len(keys) > limit {
		keys = smallest(keys, limit)
	}
	slices.Sort(keys)
	hits := make([]Hit, len(keys))
	for i, k := range keys {
		d := b.byRank[uint32(k)]
		// The score the order used, so that Score never rises down the list.
		hits[i] = Hit{ID: b.ids[d], Score: float64(float32(s.total[d]))}
	}
	s.keys = keys[:0]
	for _, d := range s.touched {
		s.total[d], s.flags[d], s.title[d] = 0, 0, 0
	}
	s.touched = s.touched[:0]
	for _, w := range s.queryWords {
		s.inQuery[w] = false
	}
	s.queryWords = s.queryWords[:0]
	return hits
}

func (ix *Index) getScratch(docs, titleWords int) *scratch {
	s, _ := ix.scratch.Get().(*scratch)
	if s == nil || len(s.total) < docs || len(s.inQuery) < titleWords {
		s = &scratch{
			total:   make([]float64, docs),
			flags:   make([]uint8, docs),
			alt:     make([]float32, docs),
			words:   make([]uint8, docs),
			best:    make([]float32, docs),
			inQuery: make([]bool, titleWords),
			title:   make([]float32, docs),
		}
	}
	return s
}

// smallest moves the k smallest keys to the front of keys, in no order,
// and returns them: a bounded max-heap, so a page of 20 from thousands of
// hits costs a pass rather than a sort.
func smallest(keys []uint64, k int) []uint64 {
	h := keys[:k]
	for i := k/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
	for _, key := range keys[k:] {
		if key < h[0] {
			h[0] = key
			siftDown(h, 0)
		}
	}
	return h
}

// siftDown restores the max-heap property of h below i.
func siftDown(h []uint64, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1] > h[c] {
			c++
		}
		if h[i] >= h[c] {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// titleBoost is how much more a document scores when the query covers its
// whole name: "đăng ký khai sinh" is the name of one service and a few
// words of another's long name ("Liên thông thủ tục ... đăng ký khai sinh,
// đăng ký thường trú, ..."). BM25F alone ranks them close, because the long
// one says "khai sinh" in every field and term frequency saturates.
const titleBoost = 0.5

// titleFactor multiplies a document's score by 1 + titleBoost × the
// square of the share of its distinct title syllables that the query has.
func (s *scratch) titleFactor(title []int32) float64 {
	if len(title) == 0 {
		return 1
	}
	n := 0
	for _, w := range title {
		if s.inQuery[w] {
			n++
		}
	}
	share := float64(n) / float64(len(title))
	return 1 + titleBoost*share*share
}

const (
	flagTouched uint8 = 1 << iota
	flagContent
)

// scratch holds one search's per-document accumulators. Every slot a
// search sets is listed in a touched list and cleared before the scratch
// is reused, so its cost follows the postings read, not the index size.
type scratch struct {
	total       []float64
	flags       []uint8
	touched     []int32
	alt         []float32 // the current reading's score
	words       []uint8   // the current reading's words found, when it counts them
	altTouched  []int32
	best        []float32 // the group's best reading so far
	bestTouched []int32
	inQuery     []bool  // by title syllable: the query has it
	queryWords  []int32 // the title syllables set in inQuery
	keys        []uint64
	title       []float32 // each document's title factor, once computed
	heap        []int32   // threshold's buffer
	cands       []int32   // survivors' buffer
}

// score adds a group's score to every document it matches.
func (s *scratch) score(g *group) {
	if len(g.alts) == 1 && g.alts[0].words == 0 {
		for _, t := range g.alts[0].terms {
			s.addTotal(t.fold, t.wFold, g.content)
			s.addTotal(t.acc, t.wAcc, g.content)
		}
		return
	}
	for _, a := range g.alts {
		for _, t := range a.terms {
			s.addAlt(t.fold, t.wFold, t.word)
			s.addAlt(t.acc, t.wAcc, false)
		}
		s.bestOfAlt(a)
	}
	s.addBest(g.content)
}

// bestOfAlt keeps, for each document the reading a matched, the better
// of its score and the group's best so far.
func (s *scratch) bestOfAlt(a alt) {
	for _, d := range s.altTouched {
		v := s.alt[d]
		if a.words > 0 {
			share := float32(s.words[d]) / float32(a.words)
			v *= share * share
			s.words[d] = 0
		}
		if s.best[d] == 0 {
			s.bestTouched = append(s.bestTouched, d)
		}
		s.best[d] = max(s.best[d], v)
		s.alt[d] = 0
	}
	s.altTouched = s.altTouched[:0]
}

// addBest adds each document's best reading of the group to its total.
func (s *scratch) addBest(content bool) {
	for _, d := range s.bestTouched {
		s.add(d, float64(s.best[d]), content)
		s.best[d] = 0
	}
	s.bestTouched = s.bestTouched[:0]
}

func (s *scratch) addTotal(list []posting, w float32, content bool) {
	if w == 0 {
		return
	}
	for _, p := range list {
		s.add(p.doc, float64(w*p.score), content)
	}
}

func (s *scratch) add(d int32, v float64, content bool) {
	if s.flags[d] == 0 {
		s.touched = append(s.touched, d)
		s.flags[d] = flagTouched
	}
	s.total[d] += v
	if content {
		s.flags[d] |= flagContent
	}
}

func (s *scratch) addAlt(list []posting, w float32, word bool) {
	if w == 0 {
		return
	}
	for _, p := range list {
		s.addAltOne(p.doc, w*p.score, word)
	}
}

func (s *scratch) addAltOne(d int32, v float32, word bool) {
	if s.alt[d] == 0 {
		s.altTouched = append(s.altTouched, d)
	}
	s.alt[d] += v
	if word && s.words[d] < 255 {
		s.words[d]++
	}
}
