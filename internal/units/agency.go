package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// agencyCols are the columns scanAgency reads, in order.
const agencyCols = "code, name, name_en, kind, COALESCE(unit_code, ''), COALESCE(parent_code, '')"

func scanAgency(sc interface{ Scan(...any) error }) (Agency, error) {
	var a Agency
	var kind string
	err := sc.Scan(&a.Code, &a.Name, &a.NameEn, &kind, &a.UnitCode, &a.ParentCode)
	a.Kind = AgencyKind(kind)
	return a, err
}

// Agencies returns the agencies of one kind: ministries in the order of the
// government's structure, committees in collation order of their unit.
func (s *Store) Agencies(ctx context.Context, kind AgencyKind) ([]Agency, error) {
	rows, err := s.db.Query(ctx, "SELECT "+agencyCols+" FROM agencies WHERE kind = ? ORDER BY sort_order", string(kind))
	if err != nil {
		return nil, fmt.Errorf("units: agencies %s: %w", kind, err)
	}
	defer rows.Close()
	out := []Agency{}
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, fmt.Errorf("units: agencies %s: %w", kind, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("units: agencies %s: %w", kind, err)
	}
	return out, nil
}

// Agency returns the agency with the given code, or ErrNotFound.
func (s *Store) Agency(ctx context.Context, code string) (*Agency, error) {
	return s.agencyWhere(ctx, "agency "+code, "code = ?", code)
}

// AgencyForUnit returns the people's committee of the current unit with the
// given code, or ErrNotFound.
func (s *Store) AgencyForUnit(ctx context.Context, unitCode string) (*Agency, error) {
	return s.agencyWhere(ctx, "agency for unit "+unitCode, "unit_code = ?", unitCode)
}

func (s *Store) agencyWhere(ctx context.Context, op, where string, args ...any) (*Agency, error) {
	a, err := scanAgency(s.db.QueryRow(ctx, "SELECT "+agencyCols+" FROM agencies WHERE "+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("units: %s: %w", op, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("units: %s: %w", op, err)
	}
	return &a, nil
}

// Covers reports whether staff scoped to the agency with code scope may act
// for target: their own agency, and for a province committee also the
// commune committees of that province. Ministries cover only themselves:
// they do not direct people's committees. An empty scope covers nothing.
func Covers(scope string, target Agency) bool {
	return scope != "" && (target.Code == scope || target.ParentCode == scope)
}

// InScope reports whether the agency scope covers the agency target (see
// Covers). An unknown target gives ErrNotFound.
func (s *Store) InScope(ctx context.Context, scope, target string) (bool, error) {
	a, err := s.Agency(ctx, target)
	if err != nil {
		return false, err
	}
	return Covers(scope, *a), nil
}

// AgencyParents returns every agency that has a parent, mapped to it (a
// commune committee to its province committee). Staff scopes are checked
// on every back-office request, so callers keep this small map in memory
// instead of asking the database each time.
func (s *Store) AgencyParents(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.Query(ctx, "SELECT code, parent_code FROM agencies WHERE parent_code IS NOT NULL AND parent_code <> ''")
	if err != nil {
		return nil, fmt.Errorf("units: agency parents: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, parent string
		if err := rows.Scan(&code, &parent); err != nil {
			return nil, fmt.Errorf("units: agency parents: %w", err)
		}
		out[code] = parent
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("units: agency parents: %w", err)
	}
	return out, nil
}
