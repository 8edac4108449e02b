package units

import (
	"context"
	"fmt"
)

// successionSelect joins each link to the old unit (which ended on the
// change day) and the new one (which started on it) for their names.
const successionSelect = `SELECT s.old_code, s.old_level, COALESCE(o.full_name, ''), s.new_code,
	COALESCE(n.full_name, ''), COALESCE(n.parent_code, ''), s.note, s.changed_on
	FROM unit_successors s
	LEFT JOIN units o ON o.code = s.old_code AND o.level = s.old_level AND o.valid_to = s.changed_on
	LEFT JOIN units n ON n.code = s.new_code AND n.valid_from = s.changed_on`

// Successors returns the units that took over the unit with the given old
// code: one for a commune merged whole, several for one split up. It
// answers for old communes, old provinces and the island districts that
// became special zones. A code that names a unit of some period but was
// never taken over gives an empty list; a code never used, ErrNotFound.
func (s *Store) Successors(ctx context.Context, oldCode string) ([]Succession, error) {
	return s.successions(ctx, "successors of "+oldCode, oldCode,
		successionSelect+" WHERE s.old_code = ? ORDER BY s.changed_on, n.sort_order, s.new_code")
}

// Predecessors returns the units that the unit with the given code was
// formed from (the reverse of Successors).
func (s *Store) Predecessors(ctx context.Context, newCode string) ([]Succession, error) {
	return s.successions(ctx, "predecessors of "+newCode, newCode,
		successionSelect+" WHERE s.new_code = ? ORDER BY s.changed_on, o.sort_order, s.old_code")
}

func (s *Store) successions(ctx context.Context, op, code, q string) ([]Succession, error) {
	rows, err := s.db.Query(ctx, q, code)
	if err != nil {
		return nil, fmt.Errorf("units: %s: %w", op, err)
	}
	defer rows.Close()
	out := []Succession{}
	for rows.Next() {
		var x Succession
		var level string
		if err := rows.Scan(&x.OldCode, &level, &x.OldFullName, &x.NewCode, &x.NewFullName, &x.NewParentCode, &x.Note, &x.ChangedOn); err != nil {
			return nil, fmt.Errorf("units: %s: %w", op, err)
		}
		x.OldLevel = Level(level)
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("units: %s: %w", op, err)
	}
	if len(out) > 0 {
		return out, nil
	}
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE code = ?", code).Scan(&n); err != nil {
		return nil, fmt.Errorf("units: %s: %w", op, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("units: %s: %w", op, ErrNotFound)
	}
	return out, nil
}
