package measure

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestReplaceRatingsConcurrently: the ratings job of several replicas
// replaces the same month at once; the month counts its ratings once.
func TestReplaceRatingsConcurrently(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		tallies := []RatingTally{
			{Day: "2025-03-02", Service: "2.001159", Agency: "", Ratings: 4, Satisfied: 3, Points: 17},
			{Day: "2025-03-05", Service: "2.001159", Agency: "", Ratings: 6, Satisfied: 4, Points: 24},
		}
		const replicas = 6
		dbtest.AtOnce(t, replicas, "replace", func() error {
			return s.ReplaceRatings(ctx, "2025-03", tallies)
		})
		rep, err := s.Report(ctx, Slice{Period: mustPeriod(t, "2025-03"), Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := rep.Value("satisfaction"); v.Numerator != 7 || v.Denominator != 10 {
			t.Errorf("satisfaction %d of %d, want 7 of 10", v.Numerator, v.Denominator)
		}
	})
}
