package search

import (
	"fmt"
	"os"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

// Temporary experiment harness (removed before hand-off).
func zzEval(t *testing.T, set string) (string, [2]float64) {
	dir := "/tmp/loa-ir/dev/"
	qrels := dir + "qrels.tsv"
	if set != "dev" {
		dir = "/work/shared/data/uit-vicov19qa/"
		qrels = dir + "qrels-test.tsv"
	}
	out := set
	var r [2]float64
	for i, q := range []string{"queries.jsonl", "queries-unaccented.jsonl"} {
		c, _ := os.Open("/work/shared/data/uit-vicov19qa/corpus.jsonl")
		qf, _ := os.Open(dir + q)
		rf, _ := os.Open(qrels)
		m, err := EvaluateBEIR(c, qf, rf, EvalOptions{Synonyms: vn.DefaultSynonyms()})
		c.Close()
		qf.Close()
		rf.Close()
		if err != nil {
			t.Fatal(err)
		}
		r[i] = m.MRR10
		out += fmt.Sprintf(" %.4f (R1 %.3f R10 %.3f)", m.MRR10, m.R1, m.R10)
	}
	return out, r
}

func TestZZ(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	for _, set := range []string{"dev", "test"} {
		if set == "test" && os.Getenv("ZZTEST") == "" {
			continue
		}
		s, _ := zzEval(t, set)
		fmt.Println(s)
	}
}
