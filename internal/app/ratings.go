package app

import (
	"context"
	"errors"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/ratings"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/units"
)

// ratingStore returns the ratings store, looking services up in the live
// catalogue (by slug or national code) and agencies in the units tables.
func (a *App) ratingStore(live *catalog.Live) *ratings.Store {
	return ratings.NewStore(a.DB, ratings.WithLookups(ratings.Lookup{
		Service: func(_ context.Context, key string) (ratings.Service, bool, error) {
			snap := live.Current()
			svc := snap.BySlug(key)
			if svc == nil {
				svc = snap.ByCode(key)
			}
			if svc == nil {
				return ratings.Service{}, false, nil
			}
			return ratings.Service{Code: svc.Code, Slug: svc.Slug, Agencies: svc.Agencies}, true, nil
		},
		Agency: func(ctx context.Context, code string) (bool, error) {
			if code == staff.National {
				return true, nil
			}
			_, err := a.Units.Agency(ctx, code)
			if errors.Is(err, units.ErrNotFound) {
				return false, nil
			}
			return err == nil, err
		},
	}))
}
