package app

import (
	"context"
	"time"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/ratings"
)

// vietnamZone is Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
var vietnamZone = time.FixedZone("ICT", 7*60*60)

// ratingTallies tallies Loa's ratings of a month by day, service and
// agency for the satisfaction indicator (measure.ReplaceRatings). It reads
// through the ratings store, which owns the table; a month of ratings is
// small enough to walk.
func (a *App) ratingTallies(ctx context.Context, month string) ([]measure.RatingTally, error) {
	list, err := ratings.NewStore(a.DB).List(ctx, ratings.Filter{FromMonth: month, ToMonth: month}, 0, 0)
	if err != nil {
		return nil, err
	}
	type key struct{ day, service, agency string }
	by := map[key]*measure.RatingTally{}
	var order []key
	for _, r := range list {
		k := key{r.CreatedAt.In(vietnamZone).Format(time.DateOnly), r.ServiceCode, r.Agency}
		if k.day[:7] != month { // the month column decides; keep the day inside it
			k.day = month + "-01"
		}
		t, ok := by[k]
		if !ok {
			t = &measure.RatingTally{Day: k.day, Service: k.service, Agency: k.agency}
			by[k] = t
			order = append(order, k)
		}
		t.Ratings++
		t.Points += int64(r.Level)
		if r.Level.Satisfied() {
			t.Satisfied++
		}
	}
	out := make([]measure.RatingTally, 0, len(order))
	for _, k := range order {
		out = append(out, *by[k])
	}
	return out, nil
}
