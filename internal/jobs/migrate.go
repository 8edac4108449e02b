package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/riverqueue/river/rivermigrate"

	"github.com/loa-vn/loa/internal/db"
)

// migrateLockKey is the PostgreSQL advisory lock that makes replicas starting
// together run river's migrations one at a time ("loa-jobs" in ASCII). It
// differs from goose's lock, so Loa's and river's migrations don't wait on
// each other.
const migrateLockKey int64 = 0x6c6f612d6a6f6273

// Migrate brings river's own tables (river_job, river_leader, river_queue,
// river_notification, river_migration) to the version the linked river
// expects. Run it after db.Migrate, before New or Start; it is
// idempotent.
//
// River's schema is migrated by river's migrator rather than copied into
// Loa's goose folders: river owns those tables, keeps its own version table
// (river_migration) and ships dialect-specific SQL with every release, so an
// upgrade of river needs no hand-copied SQL. On SQLite the run is one
// transaction; on PostgreSQL each version is its own transaction and a
// session advisory lock serialises replicas that start together.
func Migrate(ctx context.Context, d *db.DB) error {
	m, err := migrator(d)
	if err != nil {
		return err
	}
	if d.Dialect() == db.Postgres {
		err = migratePostgres(ctx, d, m)
	} else {
		// The single writer connection serialises callers; one transaction
		// makes the whole run atomic.
		err = d.InTx(ctx, func(tx *db.Tx) error {
			_, err := m.MigrateTx(ctx, tx.SQLTx(), rivermigrate.DirectionUp, nil)
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("jobs: migrate river schema: %w", err)
	}
	return nil
}

// migratePostgres runs river's migrations under a session advisory lock.
// They cannot share one transaction: a migration adds a value to an enum
// type and the next uses it, which PostgreSQL forbids within a transaction,
// so river runs each version in its own and the lock spans them all.
func migratePostgres(ctx context.Context, d *db.DB, m *rivermigrate.Migrator[*sql.Tx]) (err error) {
	conn, err := d.WritePool().Conn(ctx)
	if err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrateLockKey); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer func() {
		// A fresh context: the lock must go even when ctx was cancelled,
		// or the pooled connection would keep it.
		if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockKey); uerr != nil {
			err = errors.Join(err, fmt.Errorf("unlock: %w", uerr))
		}
	}()
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// checkSchema reports an error naming Migrate when river's tables are
// missing or behind, so a forgotten migration fails at start-up with a clear
// message rather than at the first enqueue.
func checkSchema(ctx context.Context, d *db.DB) error {
	m, err := migrator(d)
	if err != nil {
		return err
	}
	res, err := m.Validate(ctx, nil)
	if err != nil {
		return fmt.Errorf("jobs: check river schema: %w", err)
	}
	if !res.OK {
		return fmt.Errorf("jobs: river schema not migrated (%s); run jobs.Migrate", strings.Join(res.Messages, "; "))
	}
	return nil
}

func migrator(d *db.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	drv, err := driverFor(d)
	if err != nil {
		return nil, err
	}
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("jobs: river migrator: %w", err)
	}
	return m, nil
}
