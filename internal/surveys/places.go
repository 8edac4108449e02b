package surveys

import (
	"context"
	"time"

	"github.com/loa-vn/loa/internal/units"
)

// UnitPlaces checks place answers against the administrative units in
// force today.
func UnitPlaces(u *units.Store) Places { return unitPlaces{u} }

type unitPlaces struct{ u *units.Store }

// lookupTimeout bounds one unit lookup; the interface has no context since
// Walk is pure, and a lookup is one indexed row.
const lookupTimeout = 5 * time.Second

func (p unitPlaces) Province(code string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	un, err := p.u.Unit(ctx, code)
	return err == nil && un.Level == units.LevelProvince
}

func (p unitPlaces) Commune(province, commune string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	un, err := p.u.Unit(ctx, commune)
	return err == nil && un.Level == units.LevelCommune && un.ParentCode == province
}
