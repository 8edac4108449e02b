package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// evalDepth is how deep the evaluation ranks: every metric is at 10 or
// less, the length of one page of answers.
const evalDepth = 10

// EvalOptions tune EvaluateBEIR. The zero value measures the index as the
// assistant runs it.
type EvalOptions struct {
	// Synonyms expand queries as in the assistant; nil means
	// vn.DefaultSynonyms(), the table the assistant starts with.
	Synonyms *vn.Synonyms
	// NoSynonyms measures without any expansion (Synonyms is then ignored):
	// the abbreviations of public services are no help on another domain,
	// and this shows whether they hurt.
	NoSynonyms bool
	// Each, when set, is called once per evaluated query, in qrels order,
	// with the query's ID, the rank (1-based) of its first relevant
	// document in the top 10 (0 when none is there) and the ranked IDs:
	// a way to look at the misses.
	Each func(queryID string, firstRelevant int, ranked []string)
}

// Metrics are the figures of a retrieval evaluation, averaged over the
// queries: the share of relevant documents found in the top 1, 5 and 10,
// the mean reciprocal rank of the first relevant one (0 below 10), and
// nDCG at 10 with the graded relevance of the qrels.
type Metrics struct {
	Queries int     `json:"queries"`
	R1      float64 `json:"r@1"`
	R5      float64 `json:"r@5"`
	R10     float64 `json:"r@10"`
	MRR10   float64 `json:"mrr@10"`
	NDCG10  float64 `json:"ndcg@10"`
}

// EvaluateBEIR measures retrieval on a data set in the BEIR format:
//
//   - corpus: JSON lines {"_id", "title", "text"};
//   - queries: JSON lines {"_id", "text"};
//   - qrels: tab-separated "query-id corpus-id score" after a header line,
//     score a non-negative integer (0: judged not relevant).
//
// Each corpus entry becomes a Doc with the title as Title and the text as
// Body: a BEIR text is the whole content of a page (an answer, an
// article), the kind of text CatalogDocs puts in Body, and no field holds
// the summaries or keywords that editors write for services; as for any
// page without a name or a summary, the opening of its body counts again
// as its lead (FieldLead). The index is
// the same as the assistant's — the same analysis (NFC, folding,
// syllables and pairs, function words, accents restored, typos,
// synonyms) and the same BM25F scoring — so the figures measure what
// citizens get.
//
// Every query with at least one relevant document in qrels is run, in
// the order of qrels; a query in qrels but not in the queries file is an
// error. Recall at k is the share of a query's relevant documents in its
// top k, as in BEIR; nDCG uses the qrels score as the gain.
func EvaluateBEIR(corpus, queries, qrels io.Reader, opts EvalOptions) (Metrics, error) {
	docs, err := readBEIRCorpus(corpus)
	if err != nil {
		return Metrics{}, err
	}
	texts, err := readBEIRQueries(queries)
	if err != nil {
		return Metrics{}, err
	}
	judged, order, err := readBEIRQrels(qrels)
	if err != nil {
		return Metrics{}, err
	}
	syn := opts.Synonyms
	if syn == nil && !opts.NoSynonyms {
		syn = vn.DefaultSynonyms()
	}
	if opts.NoSynonyms {
		syn = nil
	}
	ix := New(syn)
	ix.Replace(docs)

	var m Metrics
	for _, qid := range order {
		rels := judged[qid]
		relevant := 0
		for _, g := range rels {
			if g > 0 {
				relevant++
			}
		}
		if relevant == 0 {
			continue // nothing to find: BEIR leaves such queries out
		}
		text, ok := texts[qid]
		if !ok {
			return Metrics{}, fmt.Errorf("search: evaluate: query %s is in qrels but not in the queries", qid)
		}
		hits := ix.Search(text, evalDepth)
		ranked := make([]string, len(hits))
		for i, h := range hits {
			ranked[i] = h.ID
		}
		q := scoreRanking(ranked, rels, relevant)
		m.Queries++
		m.R1 += q.R1
		m.R5 += q.R5
		m.R10 += q.R10
		m.MRR10 += q.MRR10
		m.NDCG10 += q.NDCG10
		if opts.Each != nil {
			first := 0
			if q.MRR10 > 0 {
				first = int(math.Round(1 / q.MRR10))
			}
			opts.Each(qid, first, ranked)
		}
	}
	if m.Queries == 0 {
		return Metrics{}, errors.New("search: evaluate: no query with a relevant document in qrels")
	}
	n := float64(m.Queries)
	m.R1 /= n
	m.R5 /= n
	m.R10 /= n
	m.MRR10 /= n
	m.NDCG10 /= n
	return m, nil
}

// scoreRanking scores one query's ranking against its graded judgements;
// relevant is the number of judgements above 0.
func scoreRanking(ranked []string, rels map[string]int, relevant int) Metrics {
	var q Metrics
	var found [evalDepth + 1]int // found[k]: relevant documents in the top k
	var dcg float64
	for i, id := range ranked {
		if i >= evalDepth {
			break
		}
		g := rels[id]
		if g > 0 {
			if q.MRR10 == 0 {
				q.MRR10 = 1 / float64(i+1)
			}
			dcg += float64(g) / math.Log2(float64(i+2))
			found[i+1]++
		}
	}
	for k := 1; k <= evalDepth; k++ {
		found[k] += found[k-1]
	}
	r := float64(relevant)
	q.R1, q.R5, q.R10 = float64(found[1])/r, float64(found[5])/r, float64(found[10])/r
	gains := make([]int, 0, len(rels))
	for _, g := range rels {
		if g > 0 {
			gains = append(gains, g)
		}
	}
	slices.SortFunc(gains, func(a, b int) int { return b - a })
	var ideal float64
	for i, g := range gains {
		if i >= evalDepth {
			break
		}
		ideal += float64(g) / math.Log2(float64(i+2))
	}
	if ideal > 0 {
		q.NDCG10 = dcg / ideal
	}
	return q
}

// readBEIRCorpus reads corpus.jsonl into documents.
func readBEIRCorpus(r io.Reader) ([]Doc, error) {
	var docs []Doc
	err := readJSONLines(r, func(line int, raw []byte) error {
		var e struct {
			ID    *string `json:"_id"`
			Title string  `json:"title"`
			Text  string  `json:"text"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			return err
		}
		if e.ID == nil || *e.ID == "" {
			return errors.New("no _id")
		}
		docs = append(docs, Doc{ID: *e.ID, Title: e.Title, Body: e.Text})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search: evaluate: corpus %w", err)
	}
	return docs, nil
}

// readBEIRQueries reads queries.jsonl into a map from ID to text.
func readBEIRQueries(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	err := readJSONLines(r, func(line int, raw []byte) error {
		var e struct {
			ID   *string `json:"_id"`
			Text string  `json:"text"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			return err
		}
		if e.ID == nil || *e.ID == "" {
			return errors.New("no _id")
		}
		if _, dup := out[*e.ID]; dup {
			return fmt.Errorf("_id %s repeated", *e.ID)
		}
		out[*e.ID] = e.Text
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search: evaluate: queries %w", err)
	}
	return out, nil
}

// readJSONLines calls fn with each non-blank line of r. Lines may be of
// any length: a BEIR text is sometimes a whole article.
func readJSONLines(r io.Reader, fn func(line int, raw []byte) error) error {
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		raw, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(raw)) > 0 {
			if ferr := fn(line, raw); ferr != nil {
				return fmt.Errorf("line %d: %w", line, ferr)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// readBEIRQrels reads qrels.tsv: the judgements of each query, and the
// queries in the order they first appear.
func readBEIRQrels(r io.Reader) (map[string]map[string]int, []string, error) {
	judged := map[string]map[string]int{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		cols := strings.Split(text, "\t")
		if line == 1 && len(cols) >= 1 && strings.EqualFold(strings.TrimSpace(cols[0]), "query-id") {
			continue // the header
		}
		if len(cols) != 3 {
			return nil, nil, fmt.Errorf("search: evaluate: qrels line %d: %d columns, want query-id, corpus-id, score", line, len(cols))
		}
		qid, did := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[1])
		score, err := strconv.Atoi(strings.TrimSpace(cols[2]))
		if err != nil || score < 0 || qid == "" || did == "" {
			return nil, nil, fmt.Errorf("search: evaluate: qrels line %d: want query-id, corpus-id and a score ≥ 0: %q", line, text)
		}
		rels, ok := judged[qid]
		if !ok {
			rels = map[string]int{}
			judged[qid] = rels
			order = append(order, qid)
		}
		rels[did] = max(rels[did], score)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("search: evaluate: qrels line %d: %w", line+1, err)
	}
	return judged, order, nil
}
