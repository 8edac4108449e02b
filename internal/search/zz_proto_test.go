package search

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

type zzDoc struct {
	id  string
	tf  map[string]float64
	len float64
}

type zzQ struct{ id, text string }

func zzLoad(t *testing.T, set, file string) ([]zzQ, map[string]string) {
	dir := "/tmp/loa-ir/dev/"
	qrels := dir + "qrels.tsv"
	if set != "dev" {
		dir = "/work/shared/data/uit-vicov19qa/"
		qrels = dir + "qrels-test.tsv"
	}
	f, _ := os.Open(dir + file)
	defer f.Close()
	texts := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e struct{ ID, Text string }
		var raw map[string]string
		json.Unmarshal(sc.Bytes(), &raw)
		e.ID, e.Text = raw["_id"], raw["text"]
		texts[e.ID] = e.Text
	}
	rf, _ := os.Open(qrels)
	defer rf.Close()
	rel := map[string]string{}
	var qs []zzQ
	sc = bufio.NewScanner(rf)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if c[0] == "query-id" {
			continue
		}
		rel[c[0]] = c[1]
		qs = append(qs, zzQ{c[0], texts[c[0]]})
	}
	return qs, rel
}

func zzCorpus() []Doc {
	c, _ := os.Open("/work/shared/data/uit-vicov19qa/corpus.jsonl")
	defer c.Close()
	docs, _ := readBEIRCorpus(c)
	return docs
}

// mrr of a score map.
func zzRank(scores map[string]float64) []string {
	ids := make([]string, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if scores[ids[i]] != scores[ids[j]] {
			return scores[ids[i]] > scores[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids
}

func zzRR(ranked []string, rel string) float64 {
	for i, id := range ranked {
		if i >= 10 {
			break
		}
		if id == rel {
			return 1 / float64(i+1)
		}
	}
	return 0
}

var _ = fmt.Sprint
var _ = math.Log
var _ = vn.Fold
