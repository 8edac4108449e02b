package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// committer runs the write transactions of SQLite's one writer together
// (group commit). SQLite writes one transaction at a time, so concurrent
// InTx calls queue for the writer anyway; here the one at the head of the
// queue runs the functions of every waiting call in a single transaction,
// each inside a savepoint of its own, and commits once. A commit writes
// the pages the transaction changed to the journal, and with many small
// transactions (a question's turn, a rating, a rate-limit count) that
// write, not the statements, is most of the cost: one commit for several
// saves most of it.
//
// Every call keeps what it had alone: its function sees the writes of
// those before it, as it would one after another; when it fails or
// panics only its own savepoint is rolled back; InTx returns once the
// transaction holding its writes has committed, with that commit's
// error if it failed.
type committer struct {
	mu      sync.Mutex
	queue   []*txCall
	running bool
}

// txCall is one InTx call waiting in the queue.
type txCall struct {
	ctx context.Context
	fn  func(*Tx) error
	// done receives the outcome, or lead: the caller is to run the next
	// batch.
	done chan txOutcome
	out  txOutcome
}

// txOutcome is what a call's InTx returns, or does.
type txOutcome struct {
	err error
	// panicked is the value the function panicked with, re-raised in
	// the caller's goroutine.
	panicked any
	// lead tells a waiting caller to run the next batch.
	lead bool
}

// maxGroup bounds the calls one transaction runs, so that a caller
// waits for a bounded amount of others' work.
const maxGroup = 32

// The statements of a call's savepoint.
const (
	savepointBegin    = "SAVEPOINT loa_call"
	savepointRelease  = "RELEASE loa_call"
	savepointRollback = "ROLLBACK TO loa_call"
)

// run queues fn and returns once it has run and its transaction ended.
// The caller at the head of the queue runs one batch, then hands the
// queue to the next waiting caller, so that none works for the others
// for longer than one batch.
func (c *committer) run(ctx context.Context, d *DB, fn func(*Tx) error) error {
	call := &txCall{ctx: ctx, fn: fn, done: make(chan txOutcome, 1)}
	c.mu.Lock()
	c.queue = append(c.queue, call)
	lead := !c.running
	c.running = true
	c.mu.Unlock()
	if !lead {
		// The call cannot give up while it waits: its function may be
		// running in another goroutine. A call whose context ends first is
		// not started (runBatch).
		out := <-call.done
		if !out.lead {
			return out.result()
		}
	}
	c.mu.Lock()
	n := min(len(c.queue), maxGroup)
	batch := c.queue[:n:n]
	c.queue = c.queue[n:]
	c.mu.Unlock()
	func() {
		defer c.handOn(call, batch)
		d.runBatch(batch)
	}()
	return call.out.result()
}

// handOn ends a batch: the next waiting caller, if any, is told to lead,
// and the batch's other callers get their outcomes. Should the batch
// itself have panicked (not a caller's function: runBatch recovers
// those), every caller gets an error and the leader panics on: none is
// left waiting for ever.
func (c *committer) handOn(leader *txCall, batch []*txCall) {
	p := recover()
	if p != nil {
		for _, b := range batch {
			b.out = txOutcome{err: fmt.Errorf("db: transaction abandoned: %v", p)}
		}
	}
	c.mu.Lock()
	if len(c.queue) > 0 {
		c.queue[0].done <- txOutcome{lead: true}
	} else {
		c.running = false
	}
	c.mu.Unlock()
	for _, b := range batch {
		if b != leader {
			b.done <- b.out
		}
	}
	if p != nil {
		panic(p)
	}
}

// result is the error InTx returns, after re-raising a panic.
func (o txOutcome) result() error {
	if o.panicked != nil {
		panic(o.panicked)
	}
	return o.err
}

// runBatch runs the calls in one transaction and sets each one's outcome.
func (d *DB) runBatch(batch []*txCall) {
	var unprepared []string
	defer func() { d.writeStmts.prepareAll(context.Background(), unprepared) }()
	// The transaction is the batch's, not one caller's: it must not end
	// when the first caller's request does.
	sqlTx, err := d.write.BeginTx(context.WithoutCancel(batch[0].ctx), nil)
	if err != nil {
		for _, c := range batch {
			c.out = txOutcome{err: fmt.Errorf("db: begin: %w", err)}
		}
		return
	}
	alone := len(batch) == 1
	ok := 0 // calls whose writes the commit holds
	for _, c := range batch {
		if err := c.ctx.Err(); err != nil {
			c.out = txOutcome{err: fmt.Errorf("db: transaction not started: %w", err)}
			continue
		}
		if !alone {
			if _, err := sqlTx.Exec(savepointBegin); err != nil {
				d.failBatch(sqlTx, batch, fmt.Errorf("db: savepoint: %w", err))
				return
			}
		}
		tx := &Tx{tx: sqlTx, dialect: d.dialect, stmts: d.writeStmts, detached: true}
		c.out = call(c.fn, tx)
		unprepared = append(unprepared, tx.unprepared...)
		if alone {
			if c.out.err != nil || c.out.panicked != nil {
				if rbErr := sqlTx.Rollback(); rbErr != nil && c.out.panicked == nil {
					c.out.err = errors.Join(c.out.err, fmt.Errorf("db: rollback: %w", rbErr))
				}
				return
			}
			ok++
			break
		}
		if c.out.err != nil || c.out.panicked != nil {
			if _, err := sqlTx.Exec(savepointRollback); err != nil {
				d.failBatch(sqlTx, batch, fmt.Errorf("db: rollback to savepoint: %w", err))
				return
			}
		} else {
			ok++
		}
		if _, err := sqlTx.Exec(savepointRelease); err != nil {
			d.failBatch(sqlTx, batch, fmt.Errorf("db: release savepoint: %w", err))
			return
		}
	}
	if ok == 0 {
		_ = sqlTx.Rollback() // nothing to keep; each call has its own error
		return
	}
	if err := sqlTx.Commit(); err != nil {
		for _, c := range batch {
			if c.out.err == nil && c.out.panicked == nil {
				c.out.err = fmt.Errorf("db: commit: %w", err)
			}
		}
	}
}

// failBatch rolls the batch's transaction back after a savepoint could
// not be set or undone, and fails every call that had not failed on its
// own: none of their writes is kept.
func (d *DB) failBatch(sqlTx *sql.Tx, batch []*txCall, err error) {
	if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
		err = errors.Join(err, fmt.Errorf("db: rollback: %w", rbErr))
	}
	for _, c := range batch {
		if c.out.err == nil && c.out.panicked == nil {
			c.out.err = err
		}
	}
}

// call runs fn, turning a panic into an outcome for its caller.
func call(fn func(*Tx) error, tx *Tx) (out txOutcome) {
	defer func() {
		if p := recover(); p != nil {
			out = txOutcome{panicked: p}
		}
	}()
	return txOutcome{err: fn(tx)}
}
