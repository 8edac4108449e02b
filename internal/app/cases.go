package app

import (
	"context"
	"errors"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/notify"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/units"
)

// newCases builds the cases store with its lookups in the rest of Loa:
// agencies, provinces and communes from the units tables, and the agency
// tree for the escalation ladder's parent rung.
func (a *App) newCases(opts ...cases.Option) *cases.Store {
	checks := cases.Checks{
		Agency: func(ctx context.Context, code string) (bool, error) {
			if code == staff.National {
				return true, nil
			}
			return found(a.Units.Agency(ctx, code))
		},
		Province: func(ctx context.Context, code string) (bool, error) {
			u, err := a.Units.Unit(ctx, code)
			if errors.Is(err, units.ErrNotFound) {
				return false, nil
			}
			return err == nil && u.Level == units.LevelProvince && u.ValidTo == "", err
		},
		Commune: func(ctx context.Context, province, commune string) (bool, error) {
			u, err := a.Units.Unit(ctx, commune)
			if errors.Is(err, units.ErrNotFound) {
				return false, nil
			}
			return err == nil && u.Level == units.LevelCommune && u.ParentCode == province && u.ValidTo == "", err
		},
	}
	// The outbox hook writes citizens' e-mails in the transaction of the
	// case event that causes them (package notify).
	base := []cases.Option{cases.WithChecks(checks), cases.WithParents(a.parents.parent),
		cases.WithOutbox(notify.NewOutbox().Hook)}
	return cases.NewStore(a.DB, append(base, opts...)...)
}

// found turns a lookup's ErrNotFound into false.
func found[T any](_ T, err error) (bool, error) {
	if errors.Is(err, units.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// SetCaseClock replaces the clock of the cases store, so that tests can
// move time through deadlines and escalations. Call it before Web.
func (a *App) SetCaseClock(now func() time.Time) {
	a.Cases = a.newCases(cases.WithClock(now))
}
