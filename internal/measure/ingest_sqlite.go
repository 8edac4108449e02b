package measure

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// SQLite ingest: one writer, so no race between replicas to guard
// against; what costs is statements, so the events go in multi-row
// INSERTs of sqliteChunk rows, the full-size one parsed once per batch.

// sqliteChunk bounds the rows of one multi-row statement on SQLite, well
// under its limit of 32,766 parameters.
const sqliteChunk = 1000

// eventCols are the columns of measure_events written on ingest.
var eventCols = []string{"source", "event_id", "kind", "occurred_at", "day", "procedure_code", "known_procedure",
	"unit", "province", "channel", "level", "due_at", "resolved_at", "score", "ingested_at"}

// writeSQLite stores the batch in one transaction and returns which of
// w.valid were new.
func (s *Store) writeSQLite(ctx context.Context, w *write) ([]bool, error) {
	var created []bool
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if created, err = insertEventsSQLite(ctx, tx, w); err != nil {
			return err
		}
		days, months := rollups(createdOf(w.valid, created))
		if err := s.upsertRollups(ctx, tx, "measure_daily", "day", days); err != nil {
			return err
		}
		if err := s.upsertRollups(ctx, tx, "measure_monthly", "month", months); err != nil {
			return err
		}
		return touchSources(ctx, tx, w, sourceTallies(w, created))
	})
	return created, err
}

// insertEventsSQLite inserts the events that are not there yet and marks
// those it inserted: the primary key, not a prior read, decides what is
// new.
func insertEventsSQLite(ctx context.Context, tx *db.Tx, w *write) ([]bool, error) {
	created := make([]bool, len(w.valid))
	if len(w.valid) == 0 {
		return created, nil
	}
	at := make(map[[2]string]int, len(w.valid))
	for i, e := range w.valid {
		at[[2]string{e.Source, e.ID}] = i
	}
	var full *sql.Stmt // the statement of a whole chunk, prepared once
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < len(w.valid); start += sqliteChunk {
		chunk := w.valid[start:min(start+sqliteChunk, len(w.valid))]
		args := make([]any, 0, len(chunk)*len(eventCols))
		for _, e := range chunk {
			args = append(args, e.Source, e.ID, string(e.Kind), e.OccurredAt, e.Day, e.Procedure, e.KnownProcedure,
				e.Unit, e.Province, string(e.Channel), string(e.Level), nullTime(e.DueAt), nullTime(e.ResolvedAt), e.Score, w.now)
		}
		var rows *sql.Rows
		var err error
		if len(chunk) == sqliteChunk {
			if full == nil {
				if full, err = tx.SQLTx().PrepareContext(ctx, eventsInsertSQLite(sqliteChunk)); err != nil {
					return nil, fmt.Errorf("insert events: %w", err)
				}
			}
			rows, err = full.QueryContext(ctx, args...)
		} else {
			rows, err = tx.Query(ctx, eventsInsertSQLite(len(chunk)), args...)
		}
		if err != nil {
			return nil, fmt.Errorf("insert events: %w", err)
		}
		if err := markInserted(rows, at, created); err != nil {
			return nil, fmt.Errorf("insert events: %w", err)
		}
	}
	return created, nil
}

// eventsInsertSQLite is the INSERT of n events that skips those already
// stored and returns the keys of those it stored.
func eventsInsertSQLite(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO measure_events (" + strings.Join(eventCols, ", ") + ") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
	}
	b.WriteString(" ON CONFLICT (source, event_id) DO NOTHING RETURNING source, event_id")
	return b.String()
}

// markInserted reads the keys an INSERT … RETURNING stored and marks
// them in created, whose indexes at gives; it closes rows.
func markInserted(rows *sql.Rows, at map[[2]string]int, created []bool) error {
	defer rows.Close()
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			return err
		}
		i, ok := at[k]
		if !ok {
			return fmt.Errorf("stored an event not sent: %s/%s", k[0], k[1])
		}
		created[i] = true
	}
	return rows.Err()
}

// nullTime is t, or NULL for the zero time (unknown).
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}
