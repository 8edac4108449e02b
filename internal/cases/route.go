package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/units"
)

// RouteRule sends the reports of a category in an area to an agency. An
// empty Category, ProvinceCode or CommuneCode means "any". When several
// rules match a report, the most specific wins: the area counts more than
// the category (a commune beats a province, which beats anywhere), so a
// commune's rule for every category overrides a province's rule for one.
type RouteRule struct {
	ID           int64
	Category     Category
	ProvinceCode string
	CommuneCode  string
	Agency       string
	CreatedAt    time.Time
}

// specificity ranks a rule; higher wins. The area weighs 2 per level so
// that it always outranks the category's 1.
func (r RouteRule) specificity() int {
	n := 0
	switch {
	case r.CommuneCode != "":
		n = 4
	case r.ProvinceCode != "":
		n = 2
	}
	if r.Category != "" {
		n++
	}
	return n
}

// matches reports whether the rule applies to a report.
func (r RouteRule) matches(cat Category, province, commune string) bool {
	return (r.Category == "" || r.Category == cat) &&
		(r.ProvinceCode == "" || r.ProvinceCode == province) &&
		(r.CommuneCode == "" || r.CommuneCode == commune)
}

// committeePrefix starts the agency code of a people's committee, followed
// by its unit's code (see units.CommitteeCode; cases does not import units).
const committeePrefix = "UBND-"

// Routes returns every routing rule, most specific first.
func (s *Store) Routes(ctx context.Context) ([]RouteRule, error) {
	return s.routes(ctx, s.db)
}

func (s *Store) routes(ctx context.Context, q db.Querier) ([]RouteRule, error) {
	rows, err := q.Query(ctx, `SELECT id, category, province_code, commune_code, agency, created_at
		FROM case_routes ORDER BY province_code, commune_code, category`)
	if err != nil {
		return nil, fmt.Errorf("cases: routes: %w", err)
	}
	defer rows.Close()
	var out []RouteRule
	for rows.Next() {
		var r RouteRule
		if err := rows.Scan(&r.ID, &r.Category, &r.ProvinceCode, &r.CommuneCode, &r.Agency, &r.CreatedAt); err != nil {
			return nil, fmt.Errorf("cases: routes: %w", err)
		}
		r.CreatedAt = r.CreatedAt.UTC()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: routes: %w", err)
	}
	return out, nil
}

// Route returns the agency that handles a report of the category in the
// area: the most specific matching rule's, else the province's people's
// committee when a province is known, else "" (the national
// coordinator's queue routes it by hand).
func Route(rules []RouteRule, cat Category, province, commune string) string {
	best, bestScore := "", -1
	for _, r := range rules {
		if r.matches(cat, province, commune) && r.specificity() > bestScore {
			best, bestScore = r.Agency, r.specificity()
		}
	}
	if best == "" && province != "" {
		return committeePrefix + province
	}
	return best
}

// SetRoute adds or replaces the rule for its category and area, audited.
func (s *Store) SetRoute(ctx context.Context, by audit.Actor, r RouteRule) (*RouteRule, error) {
	r.Category = Category(strings.TrimSpace(string(r.Category)))
	r.ProvinceCode, r.CommuneCode = strings.TrimSpace(r.ProvinceCode), strings.TrimSpace(r.CommuneCode)
	r.Agency = strings.TrimSpace(r.Agency)
	var errs []FieldError
	if r.Category != "" && !r.Category.Valid() {
		errs = append(errs, FieldError{Field: "category", Message: "Vui lòng chọn một lĩnh vực trong danh sách."})
	}
	if r.ProvinceCode != "" && !provincePattern.MatchString(r.ProvinceCode) {
		errs = append(errs, FieldError{Field: "province_code", Message: "Mã tỉnh, thành phố phải gồm 2 chữ số."})
	}
	if r.CommuneCode != "" && (!communePattern.MatchString(r.CommuneCode) || r.ProvinceCode == "") {
		errs = append(errs, FieldError{Field: "commune_code", Message: "Mã xã, phường phải gồm 5 chữ số và đi kèm mã tỉnh."})
	}
	if !units.ValidAgencyCode(r.Agency) {
		errs = append(errs, FieldError{Field: "agency", Message: "Mã cơ quan không hợp lệ."})
	} else if ok, err := check(ctx, s.checks.Agency, r.Agency); err != nil {
		return nil, fmt.Errorf("cases: set route: %w", err)
	} else if !ok {
		errs = append(errs, FieldError{Field: "agency", Message: "Không có cơ quan với mã này."})
	}
	if len(errs) > 0 {
		return nil, &InvalidError{Fields: errs}
	}
	now := s.now().Truncate(time.Microsecond)
	r.CreatedAt = now
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO case_routes (category, province_code, commune_code, agency, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (category, province_code, commune_code)
			DO UPDATE SET agency = excluded.agency, created_at = excluded.created_at RETURNING id`,
			r.Category, r.ProvinceCode, r.CommuneCode, r.Agency, now).Scan(&r.ID); err != nil {
			return fmt.Errorf("cases: set route: %w", err)
		}
		after, err := audit.Snapshot(r)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: by, Action: "case_route.set",
			ObjectType: "case_route", ObjectID: fmt.Sprint(r.ID), Agency: r.Agency, After: after})
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// DeleteRoute removes a rule, audited; ErrNotFound when there is none.
func (s *Store) DeleteRoute(ctx context.Context, by audit.Actor, id int64) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		var r RouteRule
		err := tx.QueryRow(ctx, "SELECT id, category, province_code, commune_code, agency FROM case_routes WHERE id = ?", id).
			Scan(&r.ID, &r.Category, &r.ProvinceCode, &r.CommuneCode, &r.Agency)
		if errors.Is(err, errNoRows) {
			return fmt.Errorf("cases: delete route %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("cases: delete route %d: %w", id, err)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM case_routes WHERE id = ?", id); err != nil {
			return fmt.Errorf("cases: delete route %d: %w", id, err)
		}
		before, err := audit.Snapshot(r)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: s.now(), Actor: by, Action: "case_route.delete",
			ObjectType: "case_route", ObjectID: fmt.Sprint(id), Agency: r.Agency, Before: before})
	})
}
