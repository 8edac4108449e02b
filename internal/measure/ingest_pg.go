package measure

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgreSQL ingest. Most batches are new events (a system pushing what
// just happened), so the fast path streams them straight into
// measure_events with COPY: no per-row conflict check, no RETURNING, and
// heap pages filled many rows at a time, which costs about a third less
// than INSERT … ON CONFLICT. COPY fails as a whole on the first event
// already stored (a client's retry, or another replica storing the same
// event at this moment); the transaction is then rolled back — nothing
// else was written yet — and the batch goes the safe way: INSERT …
// ON CONFLICT DO NOTHING RETURNING, where the primary key decides what is
// new. Either way the rollups and the sources' tallies follow in the same
// transaction, in one round trip, so acknowledged data is as durable as
// the server's synchronous_commit makes any commit.
//
// COPY needs pgx's own connection, which database/sql hides; Raw lends
// it, and the whole transaction runs on it.

// errSeenBefore says COPY met an event already stored.
var errSeenBefore = errors.New("an event of the batch is already stored")

// eventsPKey is the primary key of measure_events, (source, event_id).
const eventsPKey = "measure_events_pkey"

// writePostgres stores the batch and returns which of w.valid were new.
func (s *Store) writePostgres(ctx context.Context, w *write) (created []bool, err error) {
	conn, err := s.db.WritePool().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connection: %w", err)
	}
	defer func() {
		if cerr := conn.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("release connection: %w", cerr))
		}
	}()
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("driver connection is %T, not pgx", dc)
		}
		c := sc.Conn()
		var err error
		created, err = copyEvents(ctx, c, w)
		if errors.Is(err, errSeenBefore) {
			created, err = insertEventsPG(ctx, c, w)
		}
		return err
	})
	return created, err
}

// copyEvents is the fast path: COPY every event, all of them new, or
// errSeenBefore with nothing written.
func copyEvents(ctx context.Context, c *pgx.Conn, w *write) ([]bool, error) {
	created := make([]bool, len(w.valid))
	for i := range created {
		created[i] = true
	}
	err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if len(w.valid) > 0 {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"measure_events"}, eventCols, &eventRows{w: w}); err != nil {
				var pe *pgconn.PgError
				if errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == eventsPKey { // 23505: unique_violation
					return errSeenBefore
				}
				return fmt.Errorf("copy events: %w", err)
			}
		}
		return finishPG(ctx, tx, w, created)
	})
	return created, err
}

// insertEventsPG is the safe path: insert the events not stored yet,
// learn which they were from RETURNING.
func insertEventsPG(ctx context.Context, c *pgx.Conn, w *write) ([]bool, error) {
	created := make([]bool, len(w.valid))
	err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		at := make(map[[2]string]int, len(w.valid))
		for i, e := range w.valid {
			at[[2]string{e.Source, e.ID}] = i
		}
		q, args := eventsInsertPG(w)
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("insert events: %w", err)
		}
		var k [2]string
		_, err = pgx.ForEachRow(rows, []any{&k[0], &k[1]}, func() error {
			i, ok := at[k]
			if !ok {
				return fmt.Errorf("stored an event not sent: %s/%s", k[0], k[1])
			}
			created[i] = true
			return nil
		})
		if err != nil {
			return fmt.Errorf("insert events: %w", err)
		}
		return finishPG(ctx, tx, w, created)
	})
	return created, err
}

// eventsInsertPG is the INSERT of the safe path: one array per column
// expanded by unnest, in w.valid's order, so that concurrent batches wait
// on each other's keys in one order and cannot deadlock.
func eventsInsertPG(w *write) (string, []any) {
	n := len(w.valid)
	var cols struct {
		src, id, kind, day, proc, unit, prov, ch, lv []string
		occ, ing                                     []time.Time
		due, res                                     []*time.Time
		known                                        []bool
		score                                        []int32
	}
	for _, p := range []*[]string{&cols.src, &cols.id, &cols.kind, &cols.day, &cols.proc, &cols.unit, &cols.prov, &cols.ch, &cols.lv} {
		*p = make([]string, 0, n)
	}
	cols.occ, cols.ing = make([]time.Time, 0, n), make([]time.Time, 0, n)
	cols.due, cols.res = make([]*time.Time, 0, n), make([]*time.Time, 0, n)
	cols.known, cols.score = make([]bool, 0, n), make([]int32, 0, n)
	for _, e := range w.valid {
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
		cols.score = append(cols.score, int32(e.Score))
		cols.ing = append(cols.ing, w.now)
	}
	q := `INSERT INTO measure_events (source, event_id, kind, occurred_at, day, procedure_code, known_procedure,
			unit, province, channel, level, due_at, resolved_at, score, ingested_at)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::boolean[],
			$8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::integer[], $15::timestamptz[])
		ON CONFLICT (source, event_id) DO NOTHING RETURNING source, event_id`
	return q, []any{cols.src, cols.id, cols.kind, cols.occ, cols.day, cols.proc, cols.known,
		cols.unit, cols.prov, cols.ch, cols.lv, cols.due, cols.res, cols.score, cols.ing}
}

// finishPG adds the new events to the rollups and the batch to the
// sources' tallies: four statements sent together, one round trip. Each
// takes its rows in a fixed order (rollups sorted by key, sources by
// name), so concurrent batches cannot deadlock.
func finishPG(ctx context.Context, tx pgx.Tx, w *write, created []bool) error {
	days, months := rollups(createdOf(w.valid, created))
	b := &pgx.Batch{}
	if len(days) > 0 {
		q, args := rollupUpsertPG("measure_daily", "day", days)
		b.Queue(q, args...)
		q, args = rollupUpsertPG("measure_monthly", "month", months)
		b.Queue(q, args...)
	}
	if tallies := sourceTallies(w, created); len(tallies) > 0 {
		upsert, upsertArgs, arrivals, arrivalArgs := sourcesPG(w, tallies)
		b.Queue(upsert, upsertArgs...)
		b.Queue(arrivals, arrivalArgs...)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("rollups and sources: %w", err)
	}
	return nil
}

// eventRows feeds w.valid to COPY, in eventCols order.
type eventRows struct {
	w    *write
	next int
	vals []any
}

func (r *eventRows) Next() bool {
	r.next++
	return r.next <= len(r.w.valid)
}

func (r *eventRows) Values() ([]any, error) {
	e := r.w.valid[r.next-1]
	r.vals = append(r.vals[:0], e.Source, e.ID, string(e.Kind), e.OccurredAt, e.Day, e.Procedure, e.KnownProcedure,
		e.Unit, e.Province, string(e.Channel), string(e.Level), nullTime(e.DueAt), nullTime(e.ResolvedAt), int32(e.Score), r.w.now)
	return r.vals, nil
}

func (r *eventRows) Err() error { return nil }

// timePtr is t, or nil (NULL) for the zero time, for arrays of timestamps.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
