package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	return d.write.ExecContext(ctx, Rebind(d.dialect, query), args...)
}

// Query runs a read-only query on the reader pool.
func (d *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return d.read.QueryContext(ctx, Rebind(d.dialect, query), args...)
}

// QueryRow runs a read-only query returning at most one row on the reader pool.
func (d *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return d.read.QueryRowContext(ctx, Rebind(d.dialect, query), args...)
}

// Tx is a write transaction.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
}

// Exec runs a statement in the transaction.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, Rebind(t.dialect, query), args...)
}

// Query runs a query in the transaction.
func (t *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, Rebind(t.dialect, query), args...)
}

// QueryRow runs a query returning at most one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, Rebind(t.dialect, query), args...)
}

// Dialect returns the SQL dialect.
func (t *Tx) Dialect() Dialect { return t.dialect }

// InTx runs fn in a write transaction: committed when fn returns nil, rolled
// back otherwise (and on panic), so a half-done change is never visible.
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
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
