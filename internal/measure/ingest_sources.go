package measure

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/loa-vn/loa/internal/db"
)

// sourceTally is what one batch adds to a row of measure_sources.
type sourceTally struct {
	source                  string
	created, dups, rejected int64
}

// total is every item of the batch from the source, for its arrival.
func (t sourceTally) total() int64 { return t.created + t.dups + t.rejected }

// sourceTallies counts, per source of the batch, the events that were
// new, repeated (stored before or earlier in the batch) or rejected,
// sorted by source so that concurrent batches lock measure_sources rows in
// one order.
func sourceTallies(w *write, created []bool) []sourceTally {
	by := map[string]*sourceTally{}
	get := func(src string) *sourceTally {
		t, ok := by[src]
		if !ok {
			t = &sourceTally{source: src}
			by[src] = t
		}
		return t
	}
	for i, e := range w.valid {
		if created[i] {
			get(e.Source).created++
		} else {
			get(e.Source).dups++
		}
	}
	for src, n := range w.repeats {
		get(src).dups += n
	}
	for src, n := range w.rejected {
		get(src).rejected += n
	}
	out := make([]sourceTally, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b sourceTally) int { return cmp.Compare(a.source, b.source) })
	return out
}

// sourceUpsert adds a batch's tallies to measure_sources; it is the
// statement of both dialects, one row at a time on SQLite and the rows of
// unnest on PostgreSQL.
const sourceUpsert = `INSERT INTO measure_sources (source, agency, first_seen_at, last_seen_at, events, duplicates, rejected) %s
	ON CONFLICT (source) DO UPDATE SET last_seen_at = excluded.last_seen_at,
		events = measure_sources.events + excluded.events,
		duplicates = measure_sources.duplicates + excluded.duplicates,
		rejected = measure_sources.rejected + excluded.rejected`

// touchSources records, per source of the batch, when it was last seen,
// how many events were new, repeated or rejected, and the batch's arrival
// (for the source's usual interval, quality_sources.go). SQLite's path;
// PostgreSQL's is sourcesPG.
func touchSources(ctx context.Context, tx *db.Tx, w *write, tallies []sourceTally) error {
	q := fmt.Sprintf(sourceUpsert, "VALUES (?, ?, ?, ?, ?, ?, ?)")
	for _, t := range tallies {
		if _, err := tx.Exec(ctx, q, t.source, w.agency, w.now, w.now, t.created, t.dups, t.rejected); err != nil {
			return fmt.Errorf("source %s: %w", t.source, err)
		}
		if err := recordArrival(ctx, tx, t.source, w.now, t.total()); err != nil {
			return err
		}
	}
	return nil
}

// sourcesPG are touchSources' two statements for PostgreSQL, each over
// all the batch's sources at once: the tallies, then the arrivals.
func sourcesPG(w *write, tallies []sourceTally) (upsert string, upsertArgs []any, arrivals string, arrivalArgs []any) {
	srcs := make([]string, len(tallies))
	created, dups, rejected, totals := make([]int64, len(tallies)), make([]int64, len(tallies)), make([]int64, len(tallies)), make([]int64, len(tallies))
	for i, t := range tallies {
		srcs[i], created[i], dups[i], rejected[i], totals[i] = t.source, t.created, t.dups, t.rejected, t.total()
	}
	upsert = fmt.Sprintf(sourceUpsert, "SELECT s, $1, $2, $2, c, d, r FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS t(s, c, d, r)")
	arrivals = "INSERT INTO measure_source_arrivals (source, arrived_at, events) SELECT s, $1, n FROM unnest($2::text[], $3::bigint[]) AS t(s, n)"
	return upsert, []any{w.agency, w.now, srcs, created, dups, rejected}, arrivals, []any{w.now, srcs, totals}
}
