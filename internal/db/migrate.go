package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds the numbered, forward-only migrations, one folder per
// dialect. Both folders must reach the same tables and columns (a test checks).
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Migrate brings the schema to the newest version. On PostgreSQL a session
// advisory lock makes replicas that start together migrate one at a time.
func (d *DB) Migrate(ctx context.Context) error {
	p, err := d.provider()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("db: migrate %s: %w", d.desc, err)
	}
	return nil
}

// SchemaVersion returns the current and newest migration versions.
func (d *DB) SchemaVersion(ctx context.Context) (current, newest int64, err error) {
	p, err := d.provider()
	if err != nil {
		return 0, 0, err
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("db: schema version: %w", err)
	}
	srcs := p.ListSources()
	if len(srcs) > 0 {
		newest = srcs[len(srcs)-1].Version
	}
	return current, newest, nil
}

func (d *DB) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+string(d.dialect))
	if err != nil {
		return nil, fmt.Errorf("db: migrations for %s: %w", d.dialect, err)
	}
	var opts []goose.ProviderOption
	dialect := goose.DialectSQLite3
	if d.dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("db: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, d.write, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("db: migrations: %w", err)
	}
	return p, nil
}
