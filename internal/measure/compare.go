package measure

import (
	"context"
	"fmt"
)

// Change is how one indicator moved between a period and the equal-length
// period before it.
type Change struct {
	Indicator         Indicator
	Current, Previous Value
	// Delta is in percentage points for rates and in per cent of the
	// previous value for hours and đồng. Known is false ("n/a") when either
	// side is unknown or, for hours and đồng, the previous value is zero.
	Delta float64
	Known bool
}

// String shows the change as the back office does: "+1,25 điểm %",
// "-3,4 %" or "n/a".
func (c Change) String() string {
	if !c.Known {
		return "n/a"
	}
	if c.Indicator.Kind == KindRate {
		return fmt.Sprintf("%+.2f điểm %%", c.Delta)
	}
	return fmt.Sprintf("%+.2f %%", c.Delta)
}

// Compare reports on the slice and on the equal-length period before it
// (Period.Previous), with the change of each indicator.
func (s *Store) Compare(ctx context.Context, sl Slice) (cur, prev *Report, changes []Change, err error) {
	if cur, err = s.Report(ctx, sl); err != nil {
		return nil, nil, nil, err
	}
	before := sl
	before.Period = sl.Period.Previous()
	if prev, err = s.Report(ctx, before); err != nil {
		return nil, nil, nil, err
	}
	return cur, prev, changesBetween(cur, prev), nil
}

func changesBetween(cur, prev *Report) []Change {
	var out []Change
	for i, ind := range registry {
		c := Change{Indicator: ind, Current: cur.Values[i], Previous: prev.Values[i]}
		switch {
		case !c.Current.Known || !c.Previous.Known:
		case ind.Kind == KindRate:
			c.Delta, c.Known = c.Current.Value-c.Previous.Value, true
		case c.Previous.Value != 0:
			c.Delta, c.Known = 100*(c.Current.Value-c.Previous.Value)/c.Previous.Value, true
		}
		out = append(out, c)
	}
	return out
}
