package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// Querier runs SQL with portable "?" placeholders. Both *DB and *Tx are
// Queriers, so a store method can run inside or outside a transaction.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// Exec runs a statement on the writer.
func (d *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query = Rebind(d.dialect, query)
	if s := d.writeStmts.get(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return d.write.ExecContext(ctx, query, args...)
}

// Query runs a read-only query on the reader pool.
func (d *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = Rebind(d.dialect, query)
	if s := d.readStmts.get(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return d.read.QueryContext(ctx, query, args...)
}

// QueryRow runs a read-only query returning at most one row on the reader pool.
func (d *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	query = Rebind(d.dialect, query)
	if s := d.readStmts.get(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return d.read.QueryRowContext(ctx, query, args...)
}

// Tx is a write transaction.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	stmts   *stmtCache
	// unprepared are the cacheable queries the transaction ran without a
	// prepared statement: the writer's only connection is the
	// transaction's, so they are prepared when it ends (DB.runBatch).
	unprepared []string
	// detached is set when the transaction holds other callers' writes
	// too (committer): a statement runs to its end even when its
	// caller's context ends, since SQLite, interrupted in the middle of a
	// write, may roll back the whole transaction.
	detached bool
}

// context returns the context the transaction's statements run under.
func (t *Tx) context(ctx context.Context) context.Context {
	if t.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// stmt returns the transaction's form of the writer's prepared statement
// for query, or nil when there is none yet (the query is then noted, to
// be prepared after the transaction).
func (t *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if s := t.stmts.cached(query); s != nil {
		return t.tx.StmtContext(ctx, s)
	}
	if cacheable(query) && !slices.Contains(t.unprepared, query) {
		t.unprepared = append(t.unprepared, query)
	}
	return nil
}

// Exec runs a statement in the transaction.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx, query = t.context(ctx), Rebind(t.dialect, query)
	if s := t.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, query, args...)
}

// Query runs a query in the transaction.
func (t *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx, query = t.context(ctx), Rebind(t.dialect, query)
	if s := t.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, query, args...)
}

// QueryRow runs a query returning at most one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	ctx, query = t.context(ctx), Rebind(t.dialect, query)
	if s := t.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, query, args...)
}

// Dialect returns the SQL dialect.
func (t *Tx) Dialect() Dialect { return t.dialect }

// InTx runs fn in a write transaction: committed when fn returns nil, rolled
// back otherwise (and on panic), so a half-done change is never visible.
// On SQLite, calls made at the same time share one transaction, each in
// a savepoint of its own (committer).
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if d.group != nil {
		return d.group.run(ctx, d, fn)
	}
	sqlTx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, dialect: d.dialect}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
				err = errors.Join(err, fmt.Errorf("db: rollback: %w", rbErr))
			}
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}

// ForUpdate returns the clause that locks the rows a SELECT reads until the
// transaction ends: " FOR UPDATE" on PostgreSQL, where replicas write at
// once, and nothing on SQLite, whose single writer already serialises
// every write transaction.
func (t *Tx) ForUpdate() string {
	if t.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}
