package search

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openBEIR opens the files of the small BEIR set in testdata/beir, a
// handful of public-service answers and questions written for these
// tests: graded judgements (q1, q3), a question nothing answers (q5) and
// one judged only not relevant (q6, left out of the figures).
func openBEIR(t *testing.T, queries string) (corpus, qs, qrels *os.File) {
	t.Helper()
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join("testdata", "beir", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	return open("corpus.jsonl"), open(queries), open("qrels-test.tsv")
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestEvaluateBEIR(t *testing.T) {
	// The ranking puts each judged document first (q1: a1 then a7; q3: a6
	// then a3) and finds nothing relevant for q5, so by hand: r@1 is
	// (1/2 + 1 + 1/2 + 1 + 0) / 5, r@5 and r@10 4/5, MRR 4/5, and nDCG 4/5
	// (every found ranking is ideal).
	want := Metrics{Queries: 5, R1: 0.6, R5: 0.8, R10: 0.8, MRR10: 0.8, NDCG10: 0.8}
	for _, queries := range []string{"queries.jsonl", "queries-unaccented.jsonl"} {
		c, q, r := openBEIR(t, queries)
		firsts := map[string]int{}
		got, err := EvaluateBEIR(c, q, r, EvalOptions{Each: func(id string, first int, ranked []string) {
			firsts[id] = first
			if len(ranked) > evalDepth {
				t.Errorf("%s: %d ranked, want at most %d", id, len(ranked), evalDepth)
			}
		}})
		if err != nil {
			t.Fatalf("%s: %v", queries, err)
		}
		if got.Queries != want.Queries || !near(got.R1, want.R1) || !near(got.R5, want.R5) || !near(got.R10, want.R10) ||
			!near(got.MRR10, want.MRR10) || !near(got.NDCG10, want.NDCG10) {
			t.Errorf("%s: EvaluateBEIR = %+v, want %+v", queries, got, want)
		}
		if w := map[string]int{"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 0}; len(firsts) != len(w) {
			t.Errorf("%s: Each saw %v, want %v", queries, firsts, w)
		} else {
			for id, rank := range w {
				if firsts[id] != rank {
					t.Errorf("%s: %s first relevant at %d, want %d", queries, id, firsts[id], rank)
				}
			}
		}
	}
}

func TestScoreRanking(t *testing.T) {
	rels := map[string]int{"a6": 2, "a3": 1, "x": 0}
	got := scoreRanking([]string{"x", "a3", "a6", "y"}, rels, 2)
	// DCG 1/log2(3) + 2/log2(4); ideal 2/log2(2) + 1/log2(3).
	ndcg := (1/math.Log2(3) + 1) / (2 + 1/math.Log2(3))
	if got.R1 != 0 || got.R5 != 1 || got.R10 != 1 || !near(got.MRR10, 0.5) || !near(got.NDCG10, ndcg) {
		t.Errorf("scoreRanking = %+v, want r@1 0, r@5 1, r@10 1, mrr 0.5, ndcg %.4f", got, ndcg)
	}
	// Beyond the tenth place nothing counts.
	ranked := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a6"}
	if got := scoreRanking(ranked, rels, 2); got.R10 != 0 || got.MRR10 != 0 || got.NDCG10 != 0 {
		t.Errorf("relevant at 11: %+v, want zeros", got)
	}
	if got := scoreRanking(nil, rels, 2); got != (Metrics{}) {
		t.Errorf("nothing ranked: %+v, want zeros", got)
	}
}

func TestEvaluateBEIRErrors(t *testing.T) {
	corpus := `{"_id": "a1", "title": "Đăng ký khai sinh", "text": "Khai sinh cho con."}` + "\n"
	queries := `{"_id": "q1", "text": "khai sinh"}` + "\n"
	qrels := "query-id\tcorpus-id\tscore\nq1\ta1\t1\n"
	tests := []struct {
		name                   string
		corpus, queries, qrels string
		want                   string
	}{
		{"query missing", corpus, queries, qrels + "q2\ta1\t1\n", "query q2 is in qrels but not in the queries"},
		{"two columns", corpus, queries, "q1\ta1\n", "qrels line 1: 2 columns"},
		{"bad score", corpus, queries, "q1\ta1\tyes\n", "qrels line 1"},
		{"negative score", corpus, queries, "q1\ta1\t-1\n", "qrels line 1"},
		{"no relevant", corpus, queries, "query-id\tcorpus-id\tscore\nq1\ta1\t0\n", "no query with a relevant document"},
		{"bad corpus json", corpus + "{\n", queries, qrels, "corpus line 2"},
		{"corpus without id", `{"title": "x", "text": "y"}`, queries, qrels, "corpus line 1: no _id"},
		{"query twice", corpus, queries + queries, qrels, "queries line 2: _id q1 repeated"},
	}
	for _, tt := range tests {
		_, err := EvaluateBEIR(strings.NewReader(tt.corpus), strings.NewReader(tt.queries), strings.NewReader(tt.qrels), EvalOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	// The header is optional and CRLF line ends are read.
	m, err := EvaluateBEIR(strings.NewReader(corpus), strings.NewReader(queries), strings.NewReader("q1\ta1\t1\r\n"), EvalOptions{NoSynonyms: true})
	if err != nil || m.Queries != 1 || m.MRR10 != 1 {
		t.Errorf("no header, CRLF: %+v, %v; want one query found first", m, err)
	}
}
