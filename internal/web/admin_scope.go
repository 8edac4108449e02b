package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/units"
)

// This file holds what the accounts, API token and audit sections share:
// the agency picker limited to the signed-in user's scope, the list of
// agencies a scoped user may see in the audit log, times in Vietnam, and
// the mapping of staff errors to messages.

// vietnamZone is Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight
// saving since 1975, so a fixed zone is exact and needs no tzdata in the
// container.
var vietnamZone = time.FixedZone("ICT", 7*60*60)

// staffTimeLayout is how the back office shows a moment: day first, as
// Vietnamese readers write dates.
const staffTimeLayout = "02/01/2006 15:04"

// vnTime formats t in Vietnam's time, or "" for the zero time.
func vnTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnamZone).Format(staffTimeLayout)
}

// agencyChoice is one option of an agency picker.
type agencyChoice struct {
	Code, Label string
	Selected    bool
}

// agencyGroup is an <optgroup> of the agency picker.
type agencyGroup struct {
	Label   string
	Choices []agencyChoice
}

// broadScope reports whether u's scope covers every agency: the national
// coordinator, and anyone belonging to the nation.
func broadScope(u *staff.User) bool {
	return u.Role == staff.RoleAdmin || u.Agency == staff.National
}

// agencyGroups builds the agency picker for u, with selected marked.
//
// A user whose scope is everything may pick the nation, a ministry or a
// province committee; the 3,321 commune committees would make a page of
// several hundred kilobytes, so only those of the selected agency's
// province are listed: pick the province, ask for its communes (the form
// reloads with the agency preselected), then pick the commune. Anyone
// else picks their own agency and, for a province committee, its
// communes' committees.
func (s *Server) agencyGroups(ctx context.Context, u *staff.User, selected string) ([]agencyGroup, error) {
	var groups []agencyGroup
	if broadScope(u) {
		groups = append(groups, agencyGroup{Label: s.msg.T("admin.agency_national_group"),
			Choices: []agencyChoice{{Code: staff.National, Label: s.msg.T("admin.national")}}})
		for _, kind := range []struct {
			kind  units.AgencyKind
			label string
		}{{units.AgencyMinistry, s.msg.T("admin.agency_ministries")}, {units.AgencyProvince, s.msg.T("admin.agency_provinces")}} {
			list, err := s.cfg.Units.Agencies(ctx, kind.kind)
			if err != nil {
				return nil, err
			}
			g := agencyGroup{Label: kind.label}
			for _, a := range list {
				g.Choices = append(g.Choices, agencyChoice{Code: a.Code, Label: a.Name})
			}
			groups = append(groups, g)
		}
		if province := s.provinceOf(ctx, selected); province != "" {
			g, err := s.communeGroup(ctx, province)
			if err != nil {
				return nil, err
			}
			groups = append(groups, g)
		}
	} else {
		own := agencyChoice{Code: u.Agency, Label: s.agencyNameCtx(ctx, u.Agency)}
		groups = append(groups, agencyGroup{Label: s.msg.T("admin.agency_own"), Choices: []agencyChoice{own}})
		if a, err := s.cfg.Units.Agency(ctx, u.Agency); err == nil && a.Kind == units.AgencyProvince {
			g, err := s.communeGroup(ctx, a.UnitCode)
			if err != nil {
				return nil, err
			}
			groups = append(groups, g)
		} else if err != nil && !errors.Is(err, units.ErrNotFound) {
			return nil, err
		}
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Choices) == 0 {
			continue
		}
		for i := range g.Choices {
			g.Choices[i].Selected = g.Choices[i].Code == selected
		}
		out = append(out, g)
	}
	return out, nil
}

// communeGroup lists the commune committees of the province with unit code
// province; an unknown province gives an empty group rather than an error,
// since the code comes from the query string.
func (s *Server) communeGroup(ctx context.Context, province string) (agencyGroup, error) {
	p, err := s.cfg.Units.Unit(ctx, province)
	if errors.Is(err, units.ErrNotFound) {
		return agencyGroup{}, nil
	}
	if err != nil {
		return agencyGroup{}, err
	}
	communes, err := s.cfg.Units.Communes(ctx, province)
	if errors.Is(err, units.ErrNotFound) {
		return agencyGroup{}, nil
	}
	if err != nil {
		return agencyGroup{}, err
	}
	g := agencyGroup{Label: s.msg.Tf("admin.agency_communes_of", p.FullName)}
	for _, c := range communes {
		g.Choices = append(g.Choices, agencyChoice{Code: units.CommitteeCode(c.Code), Label: c.FullName})
	}
	return g, nil
}

// provinceOf returns the unit code of the province an agency belongs to:
// its own unit for a province committee, its parent's for a commune
// committee, "" otherwise.
func (s *Server) provinceOf(ctx context.Context, agency string) string {
	if agency == "" || agency == staff.National {
		return ""
	}
	a, err := s.cfg.Units.Agency(ctx, agency)
	if err != nil {
		return ""
	}
	switch a.Kind {
	case units.AgencyProvince:
		return a.UnitCode
	case units.AgencyCommune:
		if p, err := s.cfg.Units.Agency(ctx, a.ParentCode); err == nil {
			return p.UnitCode
		}
	}
	return ""
}

// filterAgencies returns the agencies a back-office filter keeps to: the
// signed-in user's scope (nil when it is every agency). An agency chosen
// in the filter outside that scope is refused, not silently emptied.
func (s *Server) filterAgencies(r *http.Request, chosen string) ([]string, error) {
	scope, err := s.scopeAgencies(r.Context(), currentUser(r))
	if err != nil {
		return nil, err
	}
	if scope != nil && chosen != "" && !slices.Contains(scope, chosen) {
		return nil, s.forbidden()
	}
	return scope, nil
}

// scopeAgencies returns the agencies whose objects u may see in the audit
// log, or nil when u sees every agency. A province committee's scope is
// itself and its communes' committees; any other agency's is itself.
func (s *Server) scopeAgencies(ctx context.Context, u *staff.User) ([]string, error) {
	if broadScope(u) {
		return nil, nil
	}
	out := []string{u.Agency}
	a, err := s.cfg.Units.Agency(ctx, u.Agency)
	if errors.Is(err, units.ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	if a.Kind == units.AgencyProvince {
		communes, err := s.cfg.Units.Communes(ctx, a.UnitCode)
		if err != nil && !errors.Is(err, units.ErrNotFound) {
			return nil, err
		}
		for _, c := range communes {
			out = append(out, units.CommitteeCode(c.Code))
		}
	}
	return out, nil
}

// agencyNames remembers agency names for one page, which may name the
// same agency on many rows.
type agencyNames struct {
	s   *Server
	ctx context.Context
	m   map[string]string
}

func (s *Server) newAgencyNames(ctx context.Context) *agencyNames {
	return &agencyNames{s: s, ctx: ctx, m: map[string]string{}}
}

func (n *agencyNames) name(code string) string {
	if v, ok := n.m[code]; ok {
		return v
	}
	v := n.s.agencyNameCtx(n.ctx, code)
	n.m[code] = v
	return v
}

// agencyNameCtx is agencyName for code outside a request.
func (s *Server) agencyNameCtx(ctx context.Context, code string) string {
	if code == staff.National {
		return s.msg.T("admin.national")
	}
	if a, err := s.cfg.Units.Agency(ctx, code); err == nil {
		return a.Name
	}
	return code
}

// grantableRoles are the roles u may give: those whose every permission u
// holds, the rule staff applies (nobody hands out more than they hold).
func grantableRoles(u *staff.User) []staff.Role {
	var out []staff.Role
	for _, r := range staff.Roles() {
		if !slices.ContainsFunc(r.Perms(), func(p staff.Perm) bool { return !u.Can(p) }) {
			out = append(out, r)
		}
	}
	return out
}

// roleChoice is one option of the role picker.
type roleChoice struct {
	Value, Label string
	Selected     bool
}

func roleChoices(u *staff.User, selected staff.Role) []roleChoice {
	var out []roleChoice
	for _, r := range grantableRoles(u) {
		out = append(out, roleChoice{Value: string(r), Label: r.Name(), Selected: r == selected})
	}
	return out
}

// staffMessage returns the message to show for an error of the staff
// store that the person can act on, and false for anything else.
func (s *Server) staffMessage(err error) (string, bool) {
	var invalid *staff.InvalidError
	switch {
	case errors.As(err, &invalid):
		return invalid.Message, true
	case errors.Is(err, staff.ErrConflict):
		return s.msg.T("admin.conflict"), true
	}
	return "", false
}

// pathID reads a numeric path wildcard; anything else is a 404, so that
// a mistyped link reads as "not found" rather than as a server error.
func (s *Server) pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFoundErr(s.msg.T("error.not_found"))
	}
	return id, nil
}

// parseAdminForm reads a small back-office form.
func (s *Server) parseAdminForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	return nil
}
