package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/staff"
)

// serviceOwner is what decides who may work on a service's documents: the
// responsible agencies (ministry codes) and the implementing levels.
type serviceOwner struct {
	Code     string
	Agencies []string
	Levels   []Level
}

// loadOwner reads the owner facts of a service, or ErrNotFound.
func loadOwner(ctx context.Context, q db.Querier, code string) (*serviceOwner, error) {
	o := &serviceOwner{Code: code}
	var levels string
	err := q.QueryRow(ctx, "SELECT levels FROM services WHERE code = ?", code).Scan(&levels)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("catalog: service %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("catalog: service %s: %w", code, err)
	}
	o.Levels = splitLevels(levels)
	rows, err := q.Query(ctx, "SELECT agency_code FROM service_agencies WHERE service_code = ? ORDER BY agency_code", code)
	if err != nil {
		return nil, fmt.Errorf("catalog: agencies of %s: %w", code, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("catalog: agencies of %s: %w", code, err)
		}
		o.Agencies = append(o.Agencies, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: agencies of %s: %w", code, err)
	}
	return o, nil
}

func splitLevels(s string) []Level {
	var out []Level
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, Level(p))
		}
	}
	return out
}

// scopeProblem says why scope cannot be a document of the service, in
// Vietnamese, or "" when it can: "" always can; a province committee for a
// service implemented at province or commune level; a commune committee for
// one implemented at commune level.
func (s *Store) scopeProblem(o *serviceOwner, scope string) string {
	if scope == "" {
		return ""
	}
	level, ok := s.localLevel(scope)
	switch {
	case !ok:
		return fmt.Sprintf("Phạm vi %q không phải mã của một UBND tỉnh hoặc xã.", scope)
	case level == LevelProvince && !slices.Contains(o.Levels, LevelProvince) && !slices.Contains(o.Levels, LevelCommune):
		return "Thủ tục này chỉ thực hiện ở cấp Bộ nên không có ghi chú của tỉnh."
	case level == LevelCommune && !slices.Contains(o.Levels, LevelCommune):
		return "Thủ tục này không thực hiện ở cấp xã nên không có ghi chú của xã."
	}
	return ""
}

// permits is the scope rule of the editorial workflow (see the package
// documentation): u holds p, the scope fits the service, and u's agency
// owns the document — a responsible ministry (or an agency below it) for
// the national guide, the committee itself or the province above it for a
// local note. The national coordinator and national staff own everything.
func (s *Store) permits(u *staff.User, p staff.Perm, o *serviceOwner, scope string) bool {
	if !u.Can(p) || s.scopeProblem(o, scope) != "" {
		return false
	}
	if u.Role == staff.RoleAdmin || u.Agency == staff.National {
		return true
	}
	if scope != "" {
		return staff.InScope(u.Agency, scope, s.parents)
	}
	for _, a := range o.Agencies {
		if staff.InScope(u.Agency, a, s.parents) {
			return true
		}
	}
	return false
}

// CanEdit reports whether user may write drafts of the document of
// serviceCode for scope: guide.edit plus the scope rule of the package
// documentation. It fails only when the service does not exist
// (ErrNotFound) or the database does.
func (s *Store) CanEdit(ctx context.Context, user *staff.User, serviceCode, scope string) (bool, error) {
	return s.can(ctx, user, staff.PermGuideEdit, serviceCode, scope)
}

// CanReview reports whether user may approve, return or unpublish revisions
// of the document: guide.review plus the same scope rule as CanEdit. Whether
// the user wrote the revision is checked by Approve, not here.
func (s *Store) CanReview(ctx context.Context, user *staff.User, serviceCode, scope string) (bool, error) {
	return s.can(ctx, user, staff.PermGuideReview, serviceCode, scope)
}

func (s *Store) can(ctx context.Context, user *staff.User, p staff.Perm, serviceCode, scope string) (bool, error) {
	o, err := loadOwner(ctx, s.db, serviceCode)
	if err != nil {
		return false, err
	}
	return s.permits(user, p, o, scope), nil
}

// DocumentRef names an editorial document.
type DocumentRef struct {
	ServiceCode string
	Scope       string
}

// Documents lists the documents user may work on with permission p
// (guide.edit for the editor's list, guide.review for the reviewer's), in
// service code order: the national guides of the services their ministry is
// responsible for, and for staff of a people's committee their own local
// note of every service implemented at their level. The national
// coordinator gets every national guide; local notes of other committees
// (which they and a province's staff may also open) are not listed, or a
// province would see one line per commune and service.
func (s *Store) Documents(ctx context.Context, user *staff.User, p staff.Perm) ([]DocumentRef, error) {
	if !user.Can(p) {
		return nil, nil
	}
	owners, err := s.allOwners(ctx)
	if err != nil {
		return nil, err
	}
	var out []DocumentRef
	for _, o := range owners {
		if s.permits(user, p, o, "") {
			out = append(out, DocumentRef{ServiceCode: o.Code})
		}
		if _, local := s.localLevel(user.Agency); local && s.permits(user, p, o, user.Agency) {
			out = append(out, DocumentRef{ServiceCode: o.Code, Scope: user.Agency})
		}
	}
	return out, nil
}

// allOwners reads the owner facts of every service, in code order.
func (s *Store) allOwners(ctx context.Context) ([]*serviceOwner, error) {
	rows, err := s.db.Query(ctx, "SELECT code, levels FROM services ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("catalog: list owners: %w", err)
	}
	var out []*serviceOwner
	index := map[string]*serviceOwner{}
	for rows.Next() {
		var code, levels string
		if err := rows.Scan(&code, &levels); err != nil {
			rows.Close()
			return nil, fmt.Errorf("catalog: list owners: %w", err)
		}
		o := &serviceOwner{Code: code, Levels: splitLevels(levels)}
		index[code] = o
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: list owners: %w", err)
	}
	rows, err = s.db.Query(ctx, "SELECT service_code, agency_code FROM service_agencies ORDER BY service_code, agency_code")
	if err != nil {
		return nil, fmt.Errorf("catalog: list owners: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, agency string
		if err := rows.Scan(&code, &agency); err != nil {
			return nil, fmt.Errorf("catalog: list owners: %w", err)
		}
		if o := index[code]; o != nil {
			o.Agencies = append(o.Agencies, agency)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: list owners: %w", err)
	}
	return out, nil
}

// auditAgency is the agency an audit entry about a document belongs to: the
// committee for a local note; for the national guide the actor's ministry
// when it is responsible, else the first responsible ministry, else VN.
func auditAgency(o *serviceOwner, scope string, actor *staff.User) string {
	if scope != "" {
		return scope
	}
	if actor != nil && slices.Contains(o.Agencies, actor.Agency) {
		return actor.Agency
	}
	if len(o.Agencies) > 0 {
		return o.Agencies[0]
	}
	return staff.National
}
