// Package dbtest opens fresh, migrated databases for tests: a SQLite file in
// a temporary directory and, when LOA_TEST_DATABASE_URL is set, a private
// schema on PostgreSQL. Under CI=true a missing PostgreSQL fails the test
// instead of skipping it, so a green CI run has always exercised both.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/loa-vn/loa/internal/db"
)

// EnvURL names the variable holding the PostgreSQL URL for tests.
const EnvURL = "LOA_TEST_DATABASE_URL"

// Each runs fn once per dialect as subtests "sqlite" and "postgres", each
// with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EachB is Each for benchmarks: fn runs once per dialect as
// sub-benchmarks "sqlite" and "postgres", each with a fresh migrated
// database.
func EachB(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Helper()
	b.Run("sqlite", func(b *testing.B) { fn(b, SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, Postgres(b)) })
}

// SQLite returns a fresh migrated SQLite database in t.TempDir().
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{Path: filepath.Join(t.TempDir(), "loa.db")})
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return d
}

// PostgresURL returns a URL to a fresh empty schema on the test PostgreSQL
// server (dropped when the test ends), or skips the test — fails it under
// CI=true — when LOA_TEST_DATABASE_URL is unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("dbtest: %s is not set; PostgreSQL tests must run in CI", EnvURL)
		}
		t.Skipf("dbtest: %s not set; skipping PostgreSQL", EnvURL)
	}
	ctx := context.Background()
	admin, err := db.Open(ctx, db.Config{URL: base})
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("dbtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := db.Open(context.Background(), db.Config{URL: base})
		if err != nil {
			t.Errorf("dbtest: drop schema: %v", err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dbtest: drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("dbtest: parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Postgres returns a fresh migrated PostgreSQL database in its own schema.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{URL: PostgresURL(t)})
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return d
}
