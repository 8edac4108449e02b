package measure

import (
	"context"
	"fmt"
	"strings"

	"github.com/loa-vn/loa/internal/db"
)

// rollupKeyCols are the key columns of a rollup table whose period column
// is periodCol, in rollupKey's order; province, last, follows from unit
// and is not part of the primary key.
func rollupKeyCols(periodCol string) []string {
	return []string{periodCol, "unit", "procedure_code", "channel", "level", "source", "province"}
}

// rollupUpsertHead and rollupUpsertTail frame an upsert into a rollup
// table: rows whose key is there add their counters to it.
func rollupUpsertHead(table, periodCol string) string {
	return "INSERT INTO " + table + " (" + strings.Join(rollupKeyCols(periodCol), ", ") + ", " + strings.Join(counterCols, ", ") + ") "
}

func rollupUpsertTail(table, periodCol string) string {
	var set strings.Builder
	for i, c := range counterCols {
		if i > 0 {
			set.WriteString(", ")
		}
		fmt.Fprintf(&set, "%s = %s.%s + excluded.%s", c, table, c, c)
	}
	return " ON CONFLICT (" + strings.Join(rollupKeyCols(periodCol)[:6], ", ") + ") DO UPDATE SET " + set.String()
}

// upsertRollups adds rows to a rollup table (measure_daily keyed by day,
// measure_monthly by month). Rows must be sorted (see rollups).
func (s *Store) upsertRollups(ctx context.Context, tx *db.Tx, table, periodCol string, rows []rollupRow) error {
	if len(rows) == 0 {
		return nil
	}
	if tx.Dialect() == db.Postgres {
		q, args := rollupUpsertPG(table, periodCol, rows)
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("upsert %s: %w", table, err)
		}
		return nil
	}
	head, tail := rollupUpsertHead(table, periodCol), rollupUpsertTail(table, periodCol)
	width := len(rollupKeyCols(periodCol)) + len(counterCols)
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

// rollupUpsertPG is the upsert on PostgreSQL: one array per column
// expanded by unnest, so the statement and its 16 parameters are the same
// whatever the number of rows (and its plan is cached). Rows must be
// sorted (see rollups): unnest keeps their order, so concurrent
// transactions lock rows in one order and cannot deadlock.
func rollupUpsertPG(table, periodCol string, rows []rollupRow) (string, []any) {
	keys := make([][]string, len(rollupKeyCols(periodCol)))
	counts := make([][]int64, len(counterCols))
	for i := range keys {
		keys[i] = make([]string, 0, len(rows))
	}
	for i := range counts {
		counts[i] = make([]int64, 0, len(rows))
	}
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
		casts = append(casts, fmt.Sprintf("$%d::text[]", len(args)))
	}
	for _, c := range counts {
		args = append(args, c)
		casts = append(casts, fmt.Sprintf("$%d::bigint[]", len(args)))
	}
	return rollupUpsertHead(table, periodCol) + "SELECT * FROM unnest(" + strings.Join(casts, ", ") + ")" + rollupUpsertTail(table, periodCol), args
}
