package ratings

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Dimension is what a summary groups ratings by.
type Dimension string

// The dimensions.
const (
	ByService Dimension = "service_code"
	ByAgency  Dimension = "agency"
	ByMonth   Dimension = "month"
	// Overall is one group of every selected rating.
	Overall Dimension = ""
)

// Counts are the results of one group of ratings.
type Counts struct {
	// Key is the group's service code, agency code or month; "" for
	// Overall (and, by agency, for ratings with no agency).
	Key   string
	Total int
	// Levels counts the ratings at each level; index 0 is unused.
	Levels [MaxLevel + 1]int
	// WentWell and DidNot count the ratings naming each driver, in the
	// order of Drivers().
	WentWell, DidNot []int
}

// Count returns the number of ratings at level l.
func (c Counts) Count(l Level) int {
	if !l.Valid() {
		return 0
	}
	return c.Levels[l]
}

// Mean is the average level, 0 without ratings.
func (c Counts) Mean() float64 {
	if c.Total == 0 {
		return 0
	}
	sum := 0
	for l := MinLevel; l <= MaxLevel; l++ {
		sum += int(l) * c.Levels[l]
	}
	return float64(sum) / float64(c.Total)
}

// SatisfiedShare is the share of ratings at levels 4 and 5, from 0 to 1.
func (c Counts) SatisfiedShare() float64 {
	if c.Total == 0 {
		return 0
	}
	return float64(c.Levels[Satisfied]+c.Levels[VerySatisfied]) / float64(c.Total)
}

// DriverCount is a driver and how many ratings named it.
type DriverCount struct {
	Driver Driver
	Count  int
}

// TopWentWell returns up to n drivers most often named as going well,
// most first; drivers nobody named are left out.
func (c Counts) TopWentWell(n int) []DriverCount { return top(c.WentWell, n) }

// TopDidNot returns up to n drivers most often named as not going well.
func (c Counts) TopDidNot(n int) []DriverCount { return top(c.DidNot, n) }

func top(counts []int, n int) []DriverCount {
	var out []DriverCount
	for i, k := range counts {
		if k > 0 && i < len(drivers) {
			out = append(out, DriverCount{drivers[i], k})
		}
	}
	// Stable, so ties keep the form's order.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// summaryColumns counts levels and drivers with the same SQL on both
// dialects: CASE and the bitwise & on integers mean the same in SQLite and
// PostgreSQL.
var summaryColumns = func() string {
	var cols []string
	for l := MinLevel; l <= MaxLevel; l++ {
		cols = append(cols, "COALESCE(SUM(CASE WHEN level = "+strconv.Itoa(int(l))+" THEN 1 ELSE 0 END), 0)")
	}
	for _, col := range []string{"went_well", "did_not"} {
		for i := range drivers {
			cols = append(cols, "COALESCE(SUM(CASE WHEN ("+col+" & "+strconv.Itoa(1<<i)+") <> 0 THEN 1 ELSE 0 END), 0)")
		}
	}
	return strings.Join(cols, ", ")
}()

// Summary counts the ratings f selects, grouped by dim, ordered by key.
// Overall gives exactly one group, empty or not.
func (s *Store) Summary(ctx context.Context, f Filter, dim Dimension) ([]Counts, error) {
	where, args, err := f.where()
	if err != nil {
		return nil, err
	}
	key, group := "''", ""
	switch dim {
	case ByService, ByAgency, ByMonth:
		key, group = string(dim), " GROUP BY "+string(dim)+" ORDER BY "+string(dim)
	case Overall:
	default:
		return nil, fmt.Errorf("ratings: summary: unknown dimension %q", dim)
	}
	rows, err := s.db.Query(ctx, "SELECT "+key+", COUNT(*), "+summaryColumns+" FROM ratings"+where+group, args...)
	if err != nil {
		return nil, fmt.Errorf("ratings: summary by %q: %w", dim, err)
	}
	defer rows.Close()
	var out []Counts
	for rows.Next() {
		c := Counts{WentWell: make([]int, len(drivers)), DidNot: make([]int, len(drivers))}
		dest := []any{&c.Key, &c.Total}
		for l := MinLevel; l <= MaxLevel; l++ {
			dest = append(dest, &c.Levels[l])
		}
		for i := range drivers {
			dest = append(dest, &c.WentWell[i])
		}
		for i := range drivers {
			dest = append(dest, &c.DidNot[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("ratings: summary by %q: %w", dim, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ratings: summary by %q: %w", dim, err)
	}
	return out, nil
}
