package db

import "database/sql"

// WritePool returns the pool that writes go through: on SQLite the single
// writer connection, on PostgreSQL the one shared pool. It exists for
// libraries that need a *sql.DB of their own (the job queue's driver); such a
// library must only write through it, never hold a connection while waiting
// on Loa code, because on SQLite there is only the one.
func (d *DB) WritePool() *sql.DB { return d.write }

// SQLTx returns the database/sql transaction under t, so that a library
// working on *sql.Tx (the job queue's insert) can join the same transaction
// as the change that caused it: both commit or neither does. Statements run
// through it are not rebound; use "?" or "$n" as its dialect expects.
func (t *Tx) SQLTx() *sql.Tx { return t.tx }
