package measure

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Bulk writes: one statement per chunk rather than per row is what makes
// ingest fast. SQLite gets multi-row VALUES lists; PostgreSQL gets one
// array per column expanded by unnest, so a 5,000-event batch is a single
// statement with 15 parameters whatever its size.

// sqliteChunk bounds the rows of one multi-row statement on SQLite, well
// under its limit of 32,766 parameters.
const sqliteChunk = 1000

// eventCols are the columns of measure_events written on ingest.
var eventCols = []string{"source", "event_id", "kind", "occurred_at", "day", "procedure_code", "known_procedure",
	"unit", "province", "channel", "level", "due_at", "resolved_at", "score", "ingested_at"}

// insertEvents inserts the events that are not there yet and returns the
// keys of those it inserted: the database, not a prior read, decides what
// is new, so two replicas ingesting the same batch at once count it once.
func (s *Store) insertEvents(ctx context.Context, tx *db.Tx, events []*Event) (map[[2]string]bool, error) {
	inserted := make(map[[2]string]bool, len(events))
	if len(events) == 0 {
		return inserted, nil
	}
	now := s.clock().UTC().Truncate(time.Microsecond)
	collect := func(q string, args []any) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("insert events: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k [2]string
			if err := rows.Scan(&k[0], &k[1]); err != nil {
				return fmt.Errorf("insert events: %w", err)
			}
			inserted[k] = true
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("insert events: %w", err)
		}
		return nil
	}
	head := "INSERT INTO measure_events (" + strings.Join(eventCols, ", ") + ") "
	tail := " ON CONFLICT (source, event_id) DO NOTHING RETURNING source, event_id"
	if tx.Dialect() == db.Postgres {

		cols := struct {
			src, id, kind, day, proc, unit, prov, ch, lv []string
			occ, ing                                     []time.Time
			due, res                                     []*time.Time
			known                                        []bool
			score                                        []int64
		}{}
		for _, e := range events {
			cols.src = append(cols.src, e.Source)
			cols.id = append(cols.id, e.ID)
			cols.kind = append(cols.kind, string(e.Kind))
			cols.occ = append(cols.occ, e.OccurredAt)
			cols.day = append(cols.day, e.Day)
			cols.proc = append(cols.proc, e.Procedure)
			cols.known = append(cols.known, e.KnownProcedure)
			cols.unit = append(cols.unit, e.Unit)
			cols.prov = append(cols.prov, e.Province)
			cols.ch = append(cols.ch, string(e.Channel))
			cols.lv = append(cols.lv, string(e.Level))
			cols.due = append(cols.due, timePtr(e.DueAt))
			cols.res = append(cols.res, timePtr(e.ResolvedAt))
			cols.score = append(cols.score, int64(e.Score))
			cols.ing = append(cols.ing, now)
		}
		q := head + `SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::boolean[],
			?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::integer[], ?::timestamptz[])` + tail
		return inserted, collect(q, []any{cols.src, cols.id, cols.kind, cols.occ, cols.day, cols.proc, cols.known,
			cols.unit, cols.prov, cols.ch, cols.lv, cols.due, cols.res, cols.score, cols.ing})
	}
	for start := 0; start < len(events); start += sqliteChunk {
		chunk := events[start:min(start+sqliteChunk, len(events))]
		var b strings.Builder
		b.WriteString(head)
		b.WriteString("VALUES ")
		args := make([]any, 0, len(chunk)*len(eventCols))
		for i, e := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
			args = append(args, e.Source, e.ID, string(e.Kind), e.OccurredAt, e.Day, e.Procedure, e.KnownProcedure,
				e.Unit, e.Province, string(e.Channel), string(e.Level), nullTime(e.DueAt), nullTime(e.ResolvedAt), e.Score, now)
		}
		b.WriteString(tail)
		if err := collect(b.String(), args); err != nil {
			return nil, err
		}
	}
	return inserted, nil
}

// upsertRollups adds rows to a rollup table (measure_daily keyed by day,
// measure_monthly by month). Rows must be sorted (see rollups).
func (s *Store) upsertRollups(ctx context.Context, tx *db.Tx, table, periodCol string, rows []rollupRow) error {
	if len(rows) == 0 {
		return nil
	}
	keyCols := []string{periodCol, "unit", "procedure_code", "channel", "level", "source", "province"}
	var set strings.Builder
	for i, c := range counterCols {
		if i > 0 {
			set.WriteString(", ")
		}
		fmt.Fprintf(&set, "%s = %s.%s + excluded.%s", c, table, c, c)
	}
	head := "INSERT INTO " + table + " (" + strings.Join(keyCols, ", ") + ", " + strings.Join(counterCols, ", ") + ") "
	tail := " ON CONFLICT (" + strings.Join(keyCols[:6], ", ") + ") DO UPDATE SET " + set.String()
	if tx.Dialect() == db.Postgres {
		keys := make([][]string, len(keyCols))
		counts := make([][]int64, len(counterCols))
		for _, r := range rows {
			for i, v := range []string{r.Period, r.Unit, r.Procedure, string(r.Channel), string(r.Level), r.Source, r.Province} {
				keys[i] = append(keys[i], v)
			}
			for i, v := range r.values() {
				counts[i] = append(counts[i], v)
			}
		}
		args := make([]any, 0, len(keys)+len(counts))
		casts := make([]string, 0, cap(args))
		for _, k := range keys {
			args = append(args, k)
			casts = append(casts, "?::text[]")
		}
		for _, c := range counts {
			args = append(args, c)
			casts = append(casts, "?::bigint[]")
		}
		if _, err := tx.Exec(ctx, head+"SELECT * FROM unnest("+strings.Join(casts, ", ")+")"+tail, args...); err != nil {
			return fmt.Errorf("upsert %s: %w", table, err)
		}
		return nil
	}
	width := len(keyCols) + len(counterCols)
	ph := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	for start := 0; start < len(rows); start += sqliteChunk {
		chunk := rows[start:min(start+sqliteChunk, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		b.WriteString("VALUES ")
		args := make([]any, 0, len(chunk)*width)
		for i, r := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(ph)
			args = append(args, r.Period, r.Unit, r.Procedure, string(r.Channel), string(r.Level), r.Source, r.Province)
			for _, v := range r.values() {
				args = append(args, v)
			}
		}
		b.WriteString(tail)
		if _, err := tx.Exec(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("upsert %s: %w", table, err)
		}
	}
	return nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
