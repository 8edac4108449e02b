package db

import (
	"context"
	"fmt"
	"sort"
)

// Columns returns every application table with its column names, sorted, as
// the database reports them. Tests use it to check that both dialects'
// migrations reach the same schema.
func (d *DB) Columns(ctx context.Context) (map[string][]string, error) {
	var q string
	if d.dialect == Postgres {
		q = `SELECT table_name, column_name FROM information_schema.columns
		     WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`
	} else {
		q = `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`
	}
	rows, err := d.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("db: list columns: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			return nil, fmt.Errorf("db: list columns: %w", err)
		}
		out[table] = append(out[table], col)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: list columns: %w", err)
	}
	for _, cols := range out {
		sort.Strings(cols)
	}
	return out, nil
}
