package measure

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/units"
)

// DemoSource is the source of the demo year's rollups, so they can be
// told apart from real figures and replaced.
const DemoSource = "VN:demo"

// nationalDossiersPerYear is the programme's 2023 total (seed-2023.csv):
// scale 1 generates a year of that size.
const nationalDossiersPerYear = 47_624_021

// DemoOptions shape the demo year.
type DemoOptions struct {
	// Scale multiplies the national volume (0.1: 4.8 million dossiers).
	Scale float64
	// Seed makes the year reproducible: the same seed, scale, end day,
	// units and services give the same rows.
	Seed uint64
	// End is the last day of the year generated; zero means yesterday.
	End time.Time
	// Services are the catalogue's procedures to spread dossiers over.
	Services []catalog.Service
	// Procedures is how many procedures get dossiers; the catalogue's are
	// padded with the national system's others (0: DemoProcedures).
	Procedures int
}

// DemoProcedures is about the number of procedures the national system
// counts dossiers for. The catalogue holds the ones citizens ask about
// most; the rest of the year's dossiers go to a long tail of procedures
// it does not hold, counted under their codes (known_procedure false), as
// agencies' real systems report them.
const DemoProcedures = 2000

// demoTailShare is the share of the year's dossiers that goes to the
// procedures outside the catalogue: a few dozen procedures (residence,
// civil status, land, tax, passports) make most of the volume.
const demoTailShare = 0.3

// DemoSummary says what Demo wrote.
type DemoSummary struct {
	From, To               string
	Dossiers, Days, Months int64
	Units, Procedures      int
}

// demoProc is a procedure with what the generator needs of it.
type demoProc struct {
	key        string
	weight     float64
	online     catalog.OnlineLevel
	levels     []catalog.Level
	ministries []string
	fee        bool
}

// demoUnit is a unit with its size and digital maturity.
type demoUnit struct {
	UnitInfo
	size, maturity, onTime, satisfied float64
}

// Demo replaces the demo year: realistic rollups for every unit and
// procedure over 365 days ending opts.End, with seasons (Tết, the spring
// peak, exam registration), weekdays, and provinces that differ in size
// and in how far they have moved online. It writes rollups directly, as
// if the events had been ingested, under DemoSource.
func (s *Store) Demo(ctx context.Context, opts DemoOptions) (DemoSummary, error) {
	if opts.Scale <= 0 || opts.Scale > 2 {
		return DemoSummary{}, fmt.Errorf("measure: demo: scale %v out of (0, 2]", opts.Scale)
	}
	end := opts.End
	if end.IsZero() {
		end = s.clock().In(vietnam).AddDate(0, 0, -1)
	}
	end = time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -364)
	r := rand.New(rand.NewPCG(opts.Seed, 0x10a))
	if opts.Procedures == 0 {
		opts.Procedures = DemoProcedures
	}
	procs := demoProcs(r, opts.Services, opts.Procedures)
	dir := s.dir.Load()
	byLevel := demoUnits(r, dir)
	if len(procs) == 0 || len(byLevel[catalog.LevelProvince]) == 0 {
		return DemoSummary{}, fmt.Errorf("measure: demo: no procedures or no units (seed the units and the catalogue first)")
	}
	sum := DemoSummary{From: start.Format(time.DateOnly), To: end.Format(time.DateOnly), Procedures: len(procs), Units: dir.Len()}

	// Each procedure's yearly volume goes to its levels, then to units by
	// size; the day's share comes from the season and the weekday.
	var totalWeight float64
	for _, p := range procs {
		totalWeight += p.weight
	}
	dayWeights, dayNorm := demoDays(start)
	yearly := float64(nationalDossiersPerYear) * opts.Scale

	if err := s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, t := range []string{"measure_daily", "measure_monthly"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE source = ?", DemoSource); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return sum, fmt.Errorf("measure: demo: clear: %w", err)
	}

	months := map[rollupKey]*Counters{}
	var days []rollupRow
	flush := func() error {
		if len(days) == 0 {
			return nil
		}
		slices.SortFunc(days, func(a, b rollupRow) int { return compareKeys(a.rollupKey, b.rollupKey) })
		err := s.db.InTx(ctx, func(tx *db.Tx) error { return s.upsertRollups(ctx, tx, "measure_daily", "day", days) })
		sum.Days += int64(len(days))
		days = days[:0]
		return err
	}
	for d := range 365 {
		dayT := start.AddDate(0, 0, d)
		dayS, monthS := dayT.Format(time.DateOnly), dayT.Format("2006-01")
		progress := float64(d) / 365 // online use grows through the year
		for _, p := range procs {
			for _, lv := range p.levels {
				us := byLevel[lv]
				if lv == catalog.LevelMinistry {
					us = ministriesOf(us, p.ministries)
				}
				if len(us) == 0 {
					continue
				}
				// The day's dossiers of this procedure at this level, each
				// given to a unit drawn by size: the cost follows the
				// dossiers, not the (many, mostly empty) unit × day cells.
				n := poisson(r, p.weight/totalWeight/float64(len(p.levels))*yearly*dayWeights[d]/dayNorm/365)
				if n == 0 {
					continue
				}
				cum := cumulative(us)
				perUnit := map[int]int64{}
				for range n {
					perUnit[pick(r, cum)]++
				}
				idx := make([]int, 0, len(perUnit))
				for i := range perUnit {
					idx = append(idx, i)
				}
				slices.Sort(idx) // map order is random; the seed must decide
				for _, i := range idx {
					u, k := &us[i], perUnit[i]
					sum.Dossiers += k
					for _, row := range demoSplit(r, p, u, k, progress) {
						row.Period, row.Unit, row.Procedure, row.Source, row.Province = dayS, u.Code, p.key, DemoSource, u.Province
						days = append(days, row)
						mk := row.rollupKey
						mk.Period = monthS
						addTo(months, mk, row.Counters)
					}
				}
			}
		}
		if len(days) >= 20000 {
			if err := flush(); err != nil {
				return sum, fmt.Errorf("measure: demo: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return sum, fmt.Errorf("measure: demo: %w", err)
	}
	monthRows := sortedRows(months)
	sum.Months = int64(len(monthRows))
	now := s.clock().UTC()
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := s.upsertRollups(ctx, tx, "measure_monthly", "month", monthRows); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO measure_sources (source, agency, first_seen_at, last_seen_at, events)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET last_seen_at = excluded.last_seen_at, events = excluded.events`,
			DemoSource, National, now, now, sum.Dossiers)
		return err
	})
	if err != nil {
		return sum, fmt.Errorf("measure: demo: %w", err)
	}
	// Dashboards and rankings read the compact monthly tables.
	if err := s.RefreshAllCompact(ctx); err != nil {
		return sum, fmt.Errorf("measure: demo: %w", err)
	}
	return sum, nil
}

// demoSplit divides a cell's n dossiers among channels and levels and
// derives what followed: resolutions, deadlines met, payments, ratings.
func demoSplit(r *rand.Rand, p *demoProc, u *demoUnit, n int64, progress float64) []rollupRow {
	base := map[catalog.OnlineLevel]float64{catalog.OnlineFull: 0.55, catalog.OnlinePartial: 0.3}[p.online]
	online := binomial(r, n, math.Min(0.97, base*u.maturity*(0.9+0.2*progress)))
	post := binomial(r, n-online, 0.03)
	inPerson := n - online - post
	full := int64(0)
	if p.online == catalog.OnlineFull {
		full = binomial(r, online, 0.9)
	}
	var out []rollupRow
	add := func(ch Channel, lv Level, k int64) {
		if k == 0 {
			return
		}
		var c Counters
		c.Received = k
		c.Resolved = binomial(r, k, 0.95)
		c.ResolvedDueKnown = binomial(r, c.Resolved, 0.9)
		c.ResolvedOnTime = binomial(r, c.ResolvedDueKnown, u.onTime)
		c.Returned = binomial(r, k, 0.02)
		if ch == ChannelOnline && p.fee {
			c.PaidOnline = binomial(r, k, 0.45)
		}
		c.Ratings = binomial(r, k, 0.04)
		c.RatingsSatisfied = binomial(r, c.Ratings, u.satisfied)
		// Satisfied ratings average about 4.7 of 5, the others 2.
		c.RatingPoints = 5*c.RatingsSatisfied - c.RatingsSatisfied/3 + 2*(c.Ratings-c.RatingsSatisfied)
		out = append(out, rollupRow{rollupKey: rollupKey{Channel: ch, Level: lv}, Counters: c})
	}
	add(ChannelOnline, LevelFull, full)
	add(ChannelOnline, LevelPartial, online-full)
	add(ChannelInPerson, "", inPerson)
	add(ChannelPost, "", post)
	return out
}

// demoProcs weighs the catalogue's procedures — popular ones, and those
// every household meets (residence, civil status), get more dossiers —
// and pads them to total with the long tail outside the catalogue.
func demoProcs(r *rand.Rand, svcs []catalog.Service, total int) []*demoProc {
	sorted := slices.Clone(svcs)
	slices.SortFunc(sorted, func(a, b catalog.Service) int {
		if a.Slug < b.Slug {
			return -1
		}
		return 1
	})
	var out []*demoProc
	var weight float64
	ministries := map[string]bool{}
	for _, s := range sorted {
		if len(s.Levels) == 0 {
			continue
		}
		p := &demoProc{key: Procedure{Code: s.Code, Slug: s.Slug}.Key(), online: s.OnlineLevel,
			levels: s.Levels, ministries: s.Agencies, weight: math.Exp(r.NormFloat64()) * (1 + float64(s.Popularity)/10)}
		for _, ch := range s.Channels {
			if ch.FeeVND != nil && *ch.FeeVND > 0 {
				p.fee = true
			}
		}
		for _, m := range s.Agencies {
			ministries[m] = true
		}
		weight += p.weight
		out = append(out, p)
	}
	tail := total - len(out)
	if tail <= 0 || len(out) == 0 {
		return out
	}
	owners := slices.Sorted(maps.Keys(ministries))
	levels := [][]catalog.Level{{catalog.LevelCommune}, {catalog.LevelProvince}, {catalog.LevelProvince, catalog.LevelCommune}, {catalog.LevelMinistry}}
	onlines := []catalog.OnlineLevel{catalog.OnlineFull, catalog.OnlinePartial, catalog.OnlineNone}
	// Log-normal weights with mean 1 (e^(σ²/2) for σ = 1), scaled so the
	// tail takes demoTailShare of the dossiers.
	scale := weight * demoTailShare / (1 - demoTailShare) / float64(tail) / math.Exp(0.5)
	for i := range tail {
		p := &demoProc{key: fmt.Sprintf("%s%04d", DemoProcedurePrefix, i+1), online: onlines[r.IntN(len(onlines))],
			levels: levels[r.IntN(len(levels))], weight: scale * math.Exp(r.NormFloat64()), fee: r.IntN(3) == 0}
		if len(owners) > 0 {
			p.ministries = []string{owners[r.IntN(len(owners))]}
		}
		out = append(out, p)
	}
	return out
}

// DemoProcedurePrefix begins the codes of the demo's procedures outside
// the catalogue ("MINHHOA.0001"), so nobody mistakes them for national
// codes.
const DemoProcedurePrefix = "MINHHOA."

// demoUnits gives every unit a size and a digital maturity: provinces
// differ (size roughly with their number of communes), and communes take
// after their province.
func demoUnits(r *rand.Rand, dir *Directory) map[catalog.Level][]demoUnit {
	out := map[catalog.Level][]demoUnit{}
	sortUnits := func(us []UnitInfo) []UnitInfo {
		slices.SortFunc(us, func(a, b UnitInfo) int {
			if a.Code < b.Code {
				return -1
			}
			return 1
		})
		return us
	}
	communes := sortUnits(dir.Units(units.AgencyCommune))
	perProvince := map[string]int{}
	for _, c := range communes {
		perProvince[c.Province]++
	}
	provs := map[string]demoUnit{}
	for _, p := range sortUnits(dir.Units(units.AgencyProvince)) {
		m := math.Max(0.5, math.Min(1.4, 1+0.25*r.NormFloat64()))
		u := demoUnit{UnitInfo: p, size: float64(1+perProvince[p.Code]) * math.Exp(0.3*r.NormFloat64()), maturity: m,
			onTime: math.Min(0.99, 0.8+0.12*m/1.4), satisfied: math.Min(0.95, 0.7+0.15*m/1.4)}
		provs[p.Code] = u
		out[catalog.LevelProvince] = append(out[catalog.LevelProvince], u)
	}
	for _, c := range communes {
		p := provs[c.Province]
		out[catalog.LevelCommune] = append(out[catalog.LevelCommune], demoUnit{UnitInfo: c,
			size: math.Exp(0.5 * r.NormFloat64()), maturity: p.maturity * math.Exp(0.1*r.NormFloat64()),
			onTime: p.onTime, satisfied: p.satisfied})
	}
	for _, m := range sortUnits(dir.Units(units.AgencyMinistry)) {
		out[catalog.LevelMinistry] = append(out[catalog.LevelMinistry], demoUnit{UnitInfo: m, size: 1,
			maturity: 1 + 0.15*r.NormFloat64(), onTime: 0.93, satisfied: 0.85})
	}
	return out
}

func ministriesOf(us []demoUnit, codes []string) []demoUnit {
	var out []demoUnit
	for _, u := range us {
		if slices.Contains(codes, u.Code) {
			out = append(out, u)
		}
	}
	return out
}

// demoDays weighs the days of the year: weekdays full, Saturday a third
// (many one-stop desks open on Saturday morning), Sunday almost nothing;
// the Tết holiday almost nothing; months follow the seasons of
// administrative work.
func demoDays(start time.Time) ([]float64, float64) {
	month := [13]float64{0, 0.85, 0.7, 1.1, 1.15, 1.1, 1.0, 1.05, 1.0, 1.0, 1.05, 1.05, 1.15}
	w := make([]float64, 365)
	var sum float64
	for i := range w {
		d := start.AddDate(0, 0, i)
		f := month[d.Month()]
		switch d.Weekday() {
		case time.Saturday:
			f *= 0.3
		case time.Sunday:
			f *= 0.05
		}
		if tet, ok := tetDays[d.Year()]; ok && !d.Before(tet) && d.Before(tet.AddDate(0, 0, 7)) {
			f *= 0.05
		}
		w[i] = f
		sum += f
	}
	return w, sum / 365
}

// tetDays are the first days of the Tết holiday (a few days before the
// lunar new year) in the years a demo may cover.
var tetDays = map[int]time.Time{
	2024: time.Date(2024, 2, 8, 0, 0, 0, 0, time.UTC),
	2025: time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC),
	2026: time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC),
	2027: time.Date(2027, 2, 4, 0, 0, 0, 0, time.UTC),
	2028: time.Date(2028, 1, 24, 0, 0, 0, 0, time.UTC),
}

// cumulative returns the running sums of the units' sizes.
func cumulative(us []demoUnit) []float64 {
	out := make([]float64, len(us))
	var t float64
	for i, u := range us {
		t += u.size
		out[i] = t
	}
	return out
}

// pick draws a unit index with probability proportional to its size.
func pick(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, x)
	return min(i, len(cum)-1)
}

// poisson draws from Poisson(lambda): Knuth's product method for small
// means, the normal approximation for large ones.
func poisson(r *rand.Rand, lambda float64) int64 {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int64(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), int64(0), 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// binomial draws from Binomial(n, p), by trials for small n and by the
// normal approximation for large.
func binomial(r *rand.Rand, n int64, p float64) int64 {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	if n < 40 {
		var k int64
		for range n {
			if r.Float64() < p {
				k++
			}
		}
		return k
	}
	mean, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
	return min(n, max(0, int64(math.Round(mean+sd*r.NormFloat64()))))
}
