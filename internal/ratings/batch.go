package ratings

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/idempotency"
)

// Group commit. Ratings arrive thousands a second, and on SQLite every
// write transaction holds the one writer connection: committing each
// rating on its own makes the commit (the WAL frames of every page
// touched, the lock) the bottleneck. Instead, submissions go into a queue;
// a committer takes all that are waiting (up to maxBatch) and writes them
// in one transaction, and each submitter is answered only after that
// transaction has committed. Nothing is acknowledged before it is durable,
// and a submission is never lost to a neighbour's failure: if a batch
// fails, each of its writes is retried in a transaction of its own.
//
// There is no waiting for a batch to fill: under light load a batch is one
// rating, committed at once; under heavy load the batches grow by
// themselves while the previous one commits.

// maxBatch bounds one transaction, so that one commit stays short.
const maxBatch = 128

// committers is how many transactions run at once: one on SQLite, whose
// writer is one connection anyway; several on PostgreSQL, where they run
// in parallel (and concurrent replicas add theirs).
func committers(d db.Dialect) int {
	if d == db.Postgres {
		return 4
	}
	return 1
}

// writeState is what became of one write in its transaction.
type writeState int

const (
	written  writeState = iota
	keyTaken            // another submission holds the idempotency key
	linkGone            // the link was used or expired meanwhile
)

// write is one rating waiting to be committed.
type write struct {
	c         clean
	link      *Link
	key, hash string
	now       time.Time
	done      chan writeResult
	state     writeState
	rec       Receipt
}

type writeResult struct {
	state writeState
	rec   Receipt
	err   error
}

// commit queues w and waits until its transaction has committed (or
// failed). If ctx ends first the write may still commit: the submitter
// simply gets no answer, as when a connection drops.
func (s *Store) commit(ctx context.Context, w *write) (writeResult, error) {
	s.startOnce.Do(func() {
		s.queue = make(chan *write, 4*maxBatch)
		for range committers(s.db.Dialect()) {
			go s.committer()
		}
	})
	w.done = make(chan writeResult, 1)
	select {
	case s.queue <- w:
	case <-ctx.Done():
		return writeResult{}, fmt.Errorf("ratings: submit: %w", ctx.Err())
	}
	select {
	case res := <-w.done:
		return res, res.err
	case <-ctx.Done():
		return writeResult{}, fmt.Errorf("ratings: submit: %w", ctx.Err())
	}
}

// committer writes the queue's ratings in batches, for the life of the
// process.
func (s *Store) committer() {
	batch := make([]*write, 0, maxBatch)
	for w := range s.queue {
		batch = append(batch[:0], w)
	fill:
		for len(batch) < maxBatch {
			select {
			case w := <-s.queue:
				batch = append(batch, w)
			default:
				break fill
			}
		}
		s.writeBatch(batch)
	}
}

// batchTimeout bounds one batch's transaction: a submitter's own context
// must not abort its neighbours' writes, but nothing may hang forever.
const batchTimeout = 30 * time.Second

// writeBatch commits batch in one transaction and answers each write. If
// the transaction fails, the writes are retried one by one, so that only
// the faulty one fails.
func (s *Store) writeBatch(batch []*write) {
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, w := range batch {
			if err := s.writeOne(ctx, tx, w); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, w := range batch {
			s.writeBatch([]*write{w})
		}
		return
	}
	for _, w := range batch {
		w.done <- writeResult{state: w.state, rec: w.rec, err: err}
	}
}

// writeOne writes w in tx: the link's use, the rating, the key with its
// answer. A link already used, or a key already held, leaves nothing of w
// behind in tx and says so in w.state.
func (s *Store) writeOne(ctx context.Context, tx *db.Tx, w *write) error {
	c := w.c
	w.state, w.rec = written, Receipt{Service: c.service, Agency: c.agency, Level: c.level, CreatedAt: w.now}
	var linkID any
	if w.link != nil {
		// The condition makes the link's use and its check one statement:
		// of two submissions racing on PostgreSQL, the second waits for
		// the first's row lock and then matches nothing.
		res, err := tx.Exec(ctx, `UPDATE rating_links SET used_at = ?
			WHERE id = ? AND used_at IS NULL AND expires_at > ?`, w.now, w.link.ID, w.now)
		if err != nil {
			return fmt.Errorf("ratings: use link %d: %w", w.link.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("ratings: use link %d: %w", w.link.ID, err)
		} else if n != 1 {
			w.state = linkGone
			return nil
		}
		linkID = w.link.ID
	}
	if err := tx.QueryRow(ctx, `INSERT INTO ratings (service_code, agency, level, went_well, did_not,
		comment, source, link_id, month, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.service, c.agency, int(c.level), int64(c.wentWell), int64(c.didNot),
		c.comment, string(c.source), linkID, monthOf(w.now), w.now).Scan(&w.rec.ID); err != nil {
		return fmt.Errorf("ratings: submit %s: %w", c.service, err)
	}
	if w.key == "" {
		return nil
	}
	body, err := json.Marshal(w.rec)
	if err != nil {
		return fmt.Errorf("ratings: submit: receipt: %w", err)
	}
	// A concurrent twin in another transaction makes Save wait for it to
	// commit; Save never fails the batch's transaction for a held key.
	saved, err := idempotency.Save(ctx, tx, scopeRating, w.key, w.hash, string(body), w.now)
	if err != nil {
		return fmt.Errorf("ratings: submit: store key: %w", err)
	}
	if saved {
		return nil
	}
	// The key is held: take this rating (and the link's use) back, so
	// that the batch commits nothing of it. Rare: a retry that raced its
	// first attempt, or a key reused.
	w.state = keyTaken
	if _, err := tx.Exec(ctx, "DELETE FROM ratings WHERE id = ?", w.rec.ID); err != nil {
		return fmt.Errorf("ratings: submit: undo rating: %w", err)
	}
	if w.link != nil {
		if _, err := tx.Exec(ctx, "UPDATE rating_links SET used_at = NULL WHERE id = ?", w.link.ID); err != nil {
			return fmt.Errorf("ratings: submit: undo link: %w", err)
		}
	}
	return nil
}
