// Package db opens Loa's database — SQLite by default, PostgreSQL when a URL is
// given — runs the embedded migrations and offers a thin query layer that
// rebinds portable "?" placeholders for PostgreSQL. Domain packages own their
// SQL; this package only knows how to reach the database, and on SQLite how
// to reach it cheaply: statements stay prepared (stmtcache.go) and write
// transactions that wait for the one writer commit together (group.go).
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Dialect names the SQL dialect of an open database.
type Dialect string

// The two supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database. On SQLite writes go through a single connection
// (SQLite allows one writer) and reads through a pool; on PostgreSQL both
// are the same pool.
type DB struct {
	dialect Dialect
	write   *sql.DB
	read    *sql.DB
	// writeStmts and readStmts keep the statements prepared on each pool
	// (SQLite only; nil on PostgreSQL): see stmtCache.
	writeStmts, readStmts *stmtCache
	// group runs SQLite's write transactions together (nil on
	// PostgreSQL, where many connections write at once).
	group *committer
	// desc is a redacted description for logs (no password).
	desc string
}

// Config says which database to open.
type Config struct {
	// URL is a postgres:// or postgresql:// URL; when empty, SQLite at Path is used.
	URL string
	// Path is the SQLite file; its directory is created when missing.
	Path string
}

// Open opens the database described by cfg and checks that it answers.
// It does not migrate: call Migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.URL != "" {
		return openPostgres(ctx, cfg.URL)
	}
	if cfg.Path == "" {
		return nil, errors.New("db: open: neither a PostgreSQL URL nor a SQLite path given")
	}
	return openSQLite(ctx, cfg.Path)
}

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("db: open: LOA_DATABASE_URL must be a postgres:// URL")
	}
	pool, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, fmt.Errorf("db: open postgres: %w", err)
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	d := &DB{dialect: Postgres, write: pool, read: pool, desc: "postgres://" + u.Host + u.Path}
	if err := d.ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return d, nil
}

// sqlitePragmas are applied to every SQLite connection: WAL so readers never
// block the writer, foreign keys on, and a busy timeout so a reader that
// meets a checkpoint waits instead of failing.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_time_format=sqlite"

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("db: open sqlite: create directory: %w", err)
		}
	}
	base := "file:" + filepath.ToSlash(path) + "?" + sqlitePragmas
	// The writer takes its lock at BEGIN (immediate) so two transactions never
	// deadlock upgrading a read lock.
	write, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("db: open sqlite %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("db: open sqlite %s: %w", path, err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	read.SetConnMaxIdleTime(0)
	read.SetConnMaxLifetime(0)
	d := &DB{dialect: SQLite, write: write, read: read, desc: "sqlite:" + path,
		writeStmts: newStmtCache(write), readStmts: newStmtCache(read), group: &committer{}}
	// The writer runs first so the WAL journal mode is set before readers open.
	if err := d.ping(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func (d *DB) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.write.PingContext(ctx); err != nil {
		return fmt.Errorf("db: ping %s: %w", d.desc, err)
	}
	if d.read != d.write {
		if err := d.read.PingContext(ctx); err != nil {
			return fmt.Errorf("db: ping %s (readers): %w", d.desc, err)
		}
	}
	return nil
}

// Ping checks that the database answers; /readyz uses it.
func (d *DB) Ping(ctx context.Context) error { return d.ping(ctx) }

// Dialect returns the SQL dialect.
func (d *DB) Dialect() Dialect { return d.dialect }

// String describes the database without credentials, for logs.
func (d *DB) String() string { return d.desc }

// Close closes all connections.
func (d *DB) Close() error {
	err := errors.Join(d.writeStmts.close(), d.readStmts.close(), d.write.Close())
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Rebind turns "?" placeholders into the dialect's form ($1, $2 … on
// PostgreSQL). Question marks inside single-quoted literals are left alone.
func Rebind(dialect Dialect, q string) string {
	if dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n, inQuote := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(fmt.Sprint(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
