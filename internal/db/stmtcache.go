package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
)

// stmtCache keeps one pool's prepared statements by query text, on
// SQLite only. SQLite compiles every statement it is given, and for the
// short statements Loa runs most — the assistant's turn, the rate
// limiter's counter — compiling costs as much as running: a statement
// prepared once per connection and run many times saves both. (The
// PostgreSQL driver already keeps its own cache of prepared statements
// per connection.)
//
// The cache holds at most stmtCacheSize statements: queries built with a
// varying number of placeholders run unprepared once it is full, rather
// than holding a statement for each shape for ever.
type stmtCache struct {
	pool *sql.DB
	mu   sync.RWMutex
	m    map[string]*sql.Stmt
	// closed is set by close: a statement prepared after it is closed
	// at once and the query runs unprepared.
	closed bool
}

// stmtCacheSize bounds the statements one pool keeps prepared.
const stmtCacheSize = 512

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: make(map[string]*sql.Stmt)}
}

// cached returns the statement prepared for query, or nil when it has
// none yet.
func (c *stmtCache) cached(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	s := c.m[query]
	c.mu.RUnlock()
	return s
}

// get returns the statement for query, preparing it on the pool when it
// is cacheable and not yet prepared; nil means "run it unprepared". It
// must not be called while the caller holds the pool's only connection
// (inside a transaction on the SQLite writer): preparing would wait for
// that connection for ever. Transactions use cached and remember.
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	if s := c.cached(query); s != nil {
		return s
	}
	if !cacheable(query) || c.full() {
		return nil
	}
	s, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		// The query is run unprepared and reports its own error.
		return nil
	}
	return c.keep(query, s)
}

// keep stores s for query and returns the statement to use: s, or the
// one another caller stored first (s is then closed).
func (c *stmtCache) keep(query string, s *sql.Stmt) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || len(c.m) >= stmtCacheSize {
		_ = s.Close()
		return nil
	}
	if old := c.m[query]; old != nil {
		_ = s.Close()
		return old
	}
	c.m[query] = s
	return s
}

// full reports whether the cache holds as many statements as it may.
func (c *stmtCache) full() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.closed || len(c.m) >= stmtCacheSize
}

// prepareAll prepares the queries a transaction ran unprepared, now that
// the writer's connection is free again. A query that fails to prepare
// is left out: it runs unprepared next time and reports its own error.
func (c *stmtCache) prepareAll(ctx context.Context, queries []string) {
	for _, q := range queries {
		c.get(ctx, q)
	}
}

// close closes every cached statement.
func (c *stmtCache) close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var errs []error
	for q, s := range c.m {
		errs = append(errs, s.Close())
		delete(c.m, q)
	}
	return errors.Join(errs...)
}

// cacheable reports whether query is one statement (SQLite prepares only
// the first of several) that is worth keeping: not a schema change.
func cacheable(query string) bool {
	q := strings.TrimRight(strings.TrimSpace(query), "; \t\n")
	if strings.Contains(q, ";") {
		return false
	}
	head := q
	if i := strings.IndexAny(q, " \t\n\r("); i >= 0 {
		head = q[:i]
	}
	switch strings.ToUpper(head) {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE":
		return true
	}
	return false
}
