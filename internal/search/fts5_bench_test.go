package search

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/vn"
	_ "modernc.org/sqlite" // the SQLite the project ships, with FTS5
)

// fts5Index is the same documents in an in-memory SQLite FTS5 table, one
// column per field, the text folded (SQLite's unicode61 tokenizer knows
// nothing of Vietnamese, so folded text is its fairest input), ranked by
// FTS5's bm25() with the same field weights.
type fts5Index struct {
	db   *sql.DB
	stmt *sql.Stmt
}

func newFTS5Index(tb testing.TB, docs []Doc) *fts5Index {
	tb.Helper()
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, keywords, faq, summary, body)`); err != nil {
		tb.Fatalf("fts5: %v", err)
	}
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	ins, err := tx.Prepare(`INSERT INTO docs (id, title, keywords, faq, summary, body) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range docs {
		if _, err := ins.Exec(d.ID, vn.Fold(d.Title), vn.Fold(d.Keywords), vn.Fold(d.FAQ), vn.Fold(d.Summary), vn.Fold(d.Body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	stmt, err := db.Prepare(`SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, ?, ?, ?, ?, ?) LIMIT ?`)
	if err != nil {
		tb.Fatal(err)
	}
	return &fts5Index{db: db, stmt: stmt}
}

// fts5Query turns a query into an FTS5 expression: the OR of its folded
// syllables, each quoted so that no word is read as an operator.
func fts5Query(q string) string {
	var terms []string
	for _, tok := range vn.Tokens(q) {
		terms = append(terms, `"`+vn.Fold(tok)+`"`)
	}
	return strings.Join(terms, " OR ")
}

// search returns the IDs of the best limit documents for q.
func (f *fts5Index) search(tb testing.TB, q string, limit int) []string {
	expr := fts5Query(q)
	if expr == "" {
		return nil
	}
	w := fieldParams
	rows, err := f.stmt.Query(expr, w[FieldTitle].weight, w[FieldKeywords].weight, w[FieldFAQ].weight, w[FieldSummary].weight, w[FieldBody].weight, limit)
	if err != nil {
		tb.Fatalf("fts5 %q: %v", expr, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

func TestFTS5Index(t *testing.T) {
	docs := CatalogDocs(testServices())
	f := newFTS5Index(t, docs)
	if got := f.search(t, "dang ky khai sinh", 3); len(got) == 0 {
		t.Fatalf("fts5 search found nothing")
	}
	if got := fts5Query(`Đăng ký "khai-sinh" OR`); got != `"dang" OR "ky" OR "khai" OR "sinh" OR "or"` {
		t.Errorf("fts5Query = %s", got)
	}
}

// BenchmarkVersusFTS5 runs the same 3,000 queries over the same 10,000
// services through this index and through SQLite FTS5, six hits each (the
// assistant's page), and reports both latencies and their ratio:
//
//	go test ./internal/search -run '^$' -bench VersusFTS5 -benchtime 1x -cpu 1
func BenchmarkVersusFTS5(b *testing.B) {
	docs, queries := catalogue10k(b)
	start := time.Now()
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	buildOurs := time.Since(start)
	start = time.Now()
	f := newFTS5Index(b, docs)
	buildFTS5 := time.Since(start)
	const limit = 6
	var ours, fts []time.Duration
	for b.Loop() {
		ours = latencies(queries, func(q string) { ix.Search(q, limit) })
		fts = latencies(queries, func(q string) { f.search(b, q, limit) })
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(percentile(ours, 50).Microseconds()), "ours-p50-µs")
	b.ReportMetric(float64(percentile(ours, 99).Microseconds()), "ours-p99-µs")
	b.ReportMetric(float64(percentile(fts, 50).Microseconds()), "fts5-p50-µs")
	b.ReportMetric(float64(percentile(fts, 99).Microseconds()), "fts5-p99-µs")
	b.ReportMetric(float64(percentile(fts, 50))/float64(percentile(ours, 50)), "fts5/ours-p50")
	b.ReportMetric(float64(percentile(fts, 99))/float64(percentile(ours, 99)), "fts5/ours-p99")
	b.ReportMetric(float64(buildOurs.Milliseconds()), "ours-build-ms")
	b.ReportMetric(float64(buildFTS5.Milliseconds()), "fts5-build-ms")
}
