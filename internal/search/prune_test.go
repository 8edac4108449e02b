package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

func TestSeek(t *testing.T) {
	var list []posting
	for _, d := range []int32{2, 3, 5, 8, 13, 21, 34, 55, 89} {
		list = append(list, posting{doc: d})
	}
	for from := range len(list) + 1 {
		for d := int32(0); d < 100; d++ {
			want := from
			for want < len(list) && list[want].doc < d {
				want++
			}
			if got := seek(list, from, d); got != want {
				t.Fatalf("seek(from %d, doc %d) = %d, want %d", from, d, got, want)
			}
		}
	}
}

func TestThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 200 {
		n := 1 + rng.IntN(40)
		s := &scratch{total: make([]float64, n), flags: make([]uint8, n), title: make([]float32, n)}
		var docs []int32
		var eligible []float64
		for d := range n {
			s.total[d] = float64(rng.IntN(10)) // many ties
			if rng.IntN(4) > 0 {
				s.flags[d] = flagContent
				eligible = append(eligible, s.total[d])
			}
			docs = append(docs, int32(d))
		}
		slices.Sort(eligible)
		slices.Reverse(eligible)
		limit := 1 + rng.IntN(n)
		got, ok := s.threshold(docs, limit, true, make([][]int32, n)) // no titles: no bonus
		if ok != (limit <= len(eligible)) || ok && got != eligible[limit-1] {
			t.Fatalf("threshold(%v, limit %d) = %v, %v; eligible %v", s.total, limit, got, ok, eligible)
		}
	}
}

// TestPruningIsExact holds the pruned search to scoring everything: over
// a catalogue where every service has hundreds of near copies (the
// hardest case for pruning: scores crowd at the threshold), the first
// hits of a limited search are exactly the start of the full list.
func TestPruningIsExact(t *testing.T) {
	demo := demoCatalogue(t)
	ix := New(vn.DefaultSynonyms())
	ix.Replace(CatalogDocs(syntheticCatalogue(demo, 2000)))
	queries := append(catalogueQueries(demo, 300), benchQueries...)
	before := ix.pruned.Load()
	for _, q := range queries {
		all := ix.Search(q, 0)
		for _, limit := range []int{1, 6, 20} {
			got := ix.Search(q, limit)
			want := all[:min(limit, len(all))]
			if !slices.Equal(got, want) {
				t.Fatalf("Search(%q, %d) = %v, want %v", q, limit, got, want)
			}
		}
	}
	// The test exercises pruning: most limited searches prune.
	if pruned := int(ix.pruned.Load() - before); pruned < len(queries) {
		t.Errorf("%d of %d limited searches pruned, want most", pruned, 3*len(queries))
	}
}
