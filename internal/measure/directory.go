package measure

import (
	"context"
	"fmt"
	"strings"

	"github.com/loa-vn/loa/internal/units"
)

// National is the unit code of the whole country in aggregates and
// reports; events always name a ministry, province or commune.
const National = "VN"

// UnitInfo is what measuring needs to know of a unit.
type UnitInfo struct {
	// Code is the unit code as events use it: "BCA", "01", "00004".
	Code string
	// Agency answers for the unit: "BCA", "UBND-01", "UBND-00004".
	Agency string
	// Province is the unit's province code: itself for a province, the
	// enclosing one for a commune, "" for a ministry.
	Province string
	// Kind is the agency kind (ministry, province, commune).
	Kind units.AgencyKind
	// Name is the unit's agency name, for pages.
	Name string
}

// Directory maps unit codes to agencies and provinces. It is built once
// from the units tables (LoadDirectory) and read on every event, so it is
// an immutable map.
type Directory struct {
	units map[string]UnitInfo
}

// NewDirectory builds a directory from a list of units.
func NewDirectory(list []UnitInfo) *Directory {
	d := &Directory{units: make(map[string]UnitInfo, len(list))}
	for _, u := range list {
		d.units[u.Code] = u
	}
	return d
}

// LoadDirectory reads the ministries and the current provinces and communes
// with their people's committees from the units store.
func LoadDirectory(ctx context.Context, u *units.Store) (*Directory, error) {
	var list []UnitInfo
	for _, kind := range []units.AgencyKind{units.AgencyMinistry, units.AgencyProvince, units.AgencyCommune} {
		as, err := u.Agencies(ctx, kind)
		if err != nil {
			return nil, fmt.Errorf("measure: load directory: %w", err)
		}
		for _, a := range as {
			info := UnitInfo{Code: a.Code, Agency: a.Code, Kind: kind, Name: a.Name}
			switch kind {
			case units.AgencyProvince:
				info.Code, info.Province = a.UnitCode, a.UnitCode
			case units.AgencyCommune:
				info.Code, info.Province = a.UnitCode, strings.TrimPrefix(a.ParentCode, units.CommitteeCode(""))
			}
			list = append(list, info)
		}
	}
	return NewDirectory(list), nil
}

// Unit returns the unit with the given code.
func (d *Directory) Unit(code string) (UnitInfo, bool) {
	if d == nil {
		return UnitInfo{}, false
	}
	u, ok := d.units[code]
	return u, ok
}

// Len is the number of units known.
func (d *Directory) Len() int {
	if d == nil {
		return 0
	}
	return len(d.units)
}

// Units returns every unit of a kind, in no particular order.
func (d *Directory) Units(kind units.AgencyKind) []UnitInfo {
	var out []UnitInfo
	if d == nil {
		return out
	}
	for _, u := range d.units {
		if u.Kind == kind {
			out = append(out, u)
		}
	}
	return out
}

// Procedure is a catalogue procedure as measuring sees it.
type Procedure struct {
	// Code is the national procedure code ("2.001159"); Key uses it.
	Code, Slug, Name string
}

// Key is how rollups store the procedure: the national code, or the slug
// for a catalogue entry without one.
func (p Procedure) Key() string {
	if p.Code != "" {
		return p.Code
	}
	return p.Slug
}

// Procedures finds a catalogue procedure by national code or slug. The
// web layer and the commands plug in the catalogue's current snapshot;
// measure does not import the catalogue so that it needs nothing loaded
// to count.
type Procedures func(codeOrSlug string) (Procedure, bool)

// NoProcedures knows no procedure: every code is stored as sent and
// flagged unknown.
func NoProcedures(string) (Procedure, bool) { return Procedure{}, false }

// resolveProcedure returns the key to store for a procedure as sent, and
// whether the catalogue knows it.
func (s *Store) resolveProcedure(code string) (string, bool) {
	if p, ok := s.procs(code); ok {
		return p.Key(), true
	}
	return code, false
}
