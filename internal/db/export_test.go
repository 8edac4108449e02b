package db

import (
	"context"
	"fmt"
)

// MigrateDownTo undoes the migrations after version, so that a test can
// check what a migration does to the data an older schema held.
func (d *DB) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := d.provider()
	if err != nil {
		return err
	}
	if _, err := p.DownTo(ctx, version); err != nil {
		return fmt.Errorf("db: migrate down to %d: %w", version, err)
	}
	return nil
}
