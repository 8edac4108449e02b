package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/loa-vn/loa/internal/db"
)

// metaKey names the meta row holding the data key (see dataKey) of the
// seeded data.
const metaKey = "units_data_hash"

// seedBatch is the number of rows per INSERT statement: large enough that
// ~25,000 rows take a few dozen round trips on PostgreSQL, small enough to
// stay far below both databases' limits on bound parameters.
const seedBatch = 500

// seedLock is the PostgreSQL advisory lock key that makes replicas starting
// together seed one after the other ("units" in ASCII).
const seedLock = 0x756e697473

// Seed writes the embedded units, successions and agencies. When the
// database already holds this exact data (same data key in meta) it only
// reads one row; otherwise it parses the embedded files, upserts everything
// and removes rows the data no longer has, in one transaction.
func (s *Store) Seed(ctx context.Context) error {
	key, err := dataKey()
	if err != nil {
		return err
	}
	if v, ok, err := s.db.Meta(ctx, metaKey); err != nil {
		return fmt.Errorf("units: seed: %w", err)
	} else if ok && v == key {
		return nil
	}
	ds, err := embedded()
	if err != nil {
		return err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := tx.Serialize(ctx, seedLock); err != nil {
			return err
		}
		// Another replica or process may have seeded while we waited for
		// the lock (SQLite's writer lock is taken at BEGIN).
		var v string
		err := tx.QueryRow(ctx, "SELECT value FROM meta WHERE key = ?", metaKey).Scan(&v)
		if err == nil && v == key {
			return nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read meta: %w", err)
		}
		if err := seedUnits(ctx, tx, ds.units); err != nil {
			return err
		}
		if err := seedSuccessions(ctx, tx, ds.successions); err != nil {
			return err
		}
		if err := seedAgencies(ctx, tx, ds.agencies); err != nil {
			return err
		}
		return db.SetMeta(ctx, tx, metaKey, key)
	})
	if err != nil {
		return fmt.Errorf("units: seed: %w", err)
	}
	return nil
}

func seedUnits(ctx context.Context, tx *db.Tx, units []unitRow) error {
	rows := make([][]any, len(units))
	keep := make(map[string]bool, len(units))
	for i, u := range units {
		rows[i] = []any{u.Code, string(u.Level), u.Name, u.FullName, u.NameEn, nullable(u.ParentCode), u.ValidFrom, nullable(u.ValidTo), u.order}
		keep[u.Code+"\x1f"+u.ValidFrom] = true
	}
	if err := upsert(ctx, tx, "units",
		[]string{"code", "level", "name", "full_name", "name_en", "parent_code", "valid_from", "valid_to", "sort_order"},
		[]string{"code", "valid_from"}, rows); err != nil {
		return err
	}
	return deleteStale(ctx, tx, "units", []string{"code", "valid_from"}, keep)
}

func seedSuccessions(ctx context.Context, tx *db.Tx, succ []successionRow) error {
	rows := make([][]any, len(succ))
	keep := make(map[string]bool, len(succ))
	for i, r := range succ {
		rows[i] = []any{r.OldCode, string(r.OldLevel), r.NewCode, r.Note, r.ChangedOn}
		keep[r.ChangedOn+"\x1f"+r.OldCode+"\x1f"+r.NewCode] = true
	}
	if err := upsert(ctx, tx, "unit_successors",
		[]string{"old_code", "old_level", "new_code", "note", "changed_on"},
		[]string{"changed_on", "old_code", "new_code"}, rows); err != nil {
		return err
	}
	return deleteStale(ctx, tx, "unit_successors", []string{"changed_on", "old_code", "new_code"}, keep)
}

func seedAgencies(ctx context.Context, tx *db.Tx, agencies []agencyRow) error {
	rows := make([][]any, len(agencies))
	keep := make(map[string]bool, len(agencies))
	for i, a := range agencies {
		rows[i] = []any{a.Code, string(a.Kind), a.Name, a.NameEn, nullable(a.UnitCode), nullable(a.ParentCode), a.order}
		keep[a.Code] = true
	}
	if err := upsert(ctx, tx, "agencies",
		[]string{"code", "kind", "name", "name_en", "unit_code", "parent_code", "sort_order"},
		[]string{"code"}, rows); err != nil {
		return err
	}
	return deleteStale(ctx, tx, "agencies", []string{"code"}, keep)
}

// upsert writes rows with multi-row INSERT … ON CONFLICT DO UPDATE
// statements of seedBatch rows each. Both SQLite and PostgreSQL accept the
// same syntax.
func upsert(ctx context.Context, tx *db.Tx, table string, cols, key []string, rows [][]any) error {
	isKey := map[string]bool{}
	for _, k := range key {
		isKey[k] = true
	}
	var set, differs []string
	for _, c := range cols {
		if !isKey[c] {
			set = append(set, c+" = excluded."+c)
			differs = append(differs, table+"."+c+" IS DISTINCT FROM excluded."+c)
		}
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	// Unchanged rows are left alone, so a data patch rewrites only what it
	// changes (and PostgreSQL makes no dead tuples for the rest).
	tail := " ON CONFLICT (" + strings.Join(key, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ") +
		" WHERE " + strings.Join(differs, " OR ")
	for start := 0; start < len(rows); start += seedBatch {
		end := min(start+seedBatch, len(rows))
		var q strings.Builder
		q.Grow(len(head) + (end-start)*(len(one)+2) + len(tail))
		q.WriteString(head)
		args := make([]any, 0, (end-start)*len(cols))
		for i := start; i < end; i++ {
			if i > start {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, rows[i]...)
		}
		q.WriteString(tail)
		if _, err := tx.Exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("%s rows %d–%d: %w", table, start+1, end, err)
		}
	}
	return nil
}

// deleteStale removes the rows of table whose key (the key columns joined
// by \x1f) is not in keep: the embedded data is the whole truth for these
// tables. It reads the keys first because a stale row is rare.
func deleteStale(ctx context.Context, tx *db.Tx, table string, key []string, keep map[string]bool) error {
	rs, err := tx.Query(ctx, "SELECT "+strings.Join(key, ", ")+" FROM "+table)
	if err != nil {
		return fmt.Errorf("%s: list keys: %w", table, err)
	}
	var stale [][]any
	vals := make([]string, len(key))
	ptrs := make([]any, len(key))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			rs.Close()
			return fmt.Errorf("%s: list keys: %w", table, err)
		}
		if !keep[strings.Join(vals, "\x1f")] {
			row := make([]any, len(vals))
			for i, v := range vals {
				row[i] = v
			}
			stale = append(stale, row)
		}
	}
	if err := rs.Err(); err != nil {
		rs.Close()
		return fmt.Errorf("%s: list keys: %w", table, err)
	}
	if err := rs.Close(); err != nil {
		return fmt.Errorf("%s: list keys: %w", table, err)
	}
	where := strings.Join(key, " = ? AND ") + " = ?"
	for _, row := range stale {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE "+where, row...); err != nil {
			return fmt.Errorf("%s: delete stale %v: %w", table, row, err)
		}
	}
	return nil
}

// nullable stores an empty string as NULL, for columns where "none" is
// NULL rather than ”.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
