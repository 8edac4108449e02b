package db

import (
	"context"
	"fmt"
	"testing"
)

func TestCacheable(t *testing.T) {
	tests := []struct {
		query string
		want  bool
	}{
		{"SELECT 1", true},
		{"\n\t\tSELECT id FROM t WHERE id = ?", true},
		{"INSERT INTO t (id, v) VALUES (?, ?)", true},
		{"update t set v = ?", true},
		{"DELETE FROM t", true},
		{"WITH x AS (SELECT 1) SELECT * FROM x", true},
		{"SELECT(1)", true},
		{"SELECT 1;", true},
		{"SELECT 1; SELECT 2", false},          // SQLite would prepare only the first
		{"CREATE TABLE u (id INTEGER)", false}, // a schema change runs once
		{"ALTER TABLE t ADD COLUMN w TEXT", false},
		{"SAVEPOINT a", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := cacheable(tt.query); got != tt.want {
			t.Errorf("cacheable(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

// TestStatementsArePreparedOnce checks that the queries run on each pool
// and in a transaction are kept prepared, and still answer rightly after
// the schema under them changes (SQLite prepares them again itself).
func TestStatementsArePreparedOnce(t *testing.T) {
	d := openTestSQLite(t)
	ctx := context.Background()
	insert := "INSERT INTO t (id, v) VALUES (?, ?)"
	if err := d.InTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, insert, 1, "a")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if d.writeStmts.cached(insert) == nil {
		t.Error("a transaction's statement is not prepared after it")
	}
	if err := d.InTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, insert, 2, "b")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	read := "SELECT * FROM t WHERE id = ?"
	var id int
	var v string
	if err := d.QueryRow(ctx, read, 2).Scan(&id, &v); err != nil || v != "b" {
		t.Fatalf("read through the cache: %d %q %v", id, v, err)
	}
	if d.readStmts.cached(read) == nil {
		t.Error("a read is not kept prepared")
	}
	if _, err := d.Exec(ctx, "ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'new'"); err != nil {
		t.Fatal(err)
	}
	var w string
	if err := d.QueryRow(ctx, read, 2).Scan(&id, &v, &w); err != nil || w != "new" {
		t.Fatalf("read after the schema changed: %q %v", w, err)
	}
}

// TestStatementCacheIsBounded checks that queries of many shapes fill the
// cache only to its bound, and still run once it is full.
func TestStatementCacheIsBounded(t *testing.T) {
	d := openTestSQLite(t)
	ctx := context.Background()
	for i := range stmtCacheSize + 20 {
		var n int
		if err := d.QueryRow(ctx, fmt.Sprintf("SELECT %d + ?", i), 1).Scan(&n); err != nil || n != i+1 {
			t.Fatalf("query %d: %d %v", i, n, err)
		}
	}
	d.readStmts.mu.RLock()
	n := len(d.readStmts.m)
	d.readStmts.mu.RUnlock()
	if n != stmtCacheSize {
		t.Errorf("%d statements kept, want the bound %d", n, stmtCacheSize)
	}
	if err := d.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if n := len(d.readStmts.m); n != 0 {
		t.Errorf("%d statements left open after Close", n)
	}
}
