package web

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa/internal/ratings"
)

// ratingRow is one line of a results table, ready to show.
type ratingRow struct {
	Key, Name, URL  string
	Total           int
	Mean, Satisfied string
	TopWell, TopNot string
}

// ratingTableView is one results table: by month, service or agency.
type ratingTableView struct {
	Title, ID, KeyLabel string
	Rows                []ratingRow
}

// levelShare is one level of the scale with its count and share.
type levelShare struct {
	Label string
	Count int
	Share string
}

type ratingStatsView struct {
	Base Base
	// From and To are the first and last month counted ("12/2025").
	From, To string
	Overall  ratingRow
	Levels   []levelShare
	Tables   []ratingTableView
}

// ratingResults is what both results pages show: every group of the
// selection, counted once.
type ratingResults struct {
	Overall                      ratings.Counts
	ByMonth, ByService, ByAgency []ratings.Counts
}

// loadRatingResults counts the ratings f selects, overall and by month,
// service and agency.
func (s *Server) loadRatingResults(ctx context.Context, f ratings.Filter) (*ratingResults, error) {
	res := &ratingResults{}
	overall, err := s.cfg.Ratings.Summary(ctx, f, ratings.Overall)
	if err != nil {
		return nil, err
	}
	res.Overall = overall[0]
	for _, d := range []struct {
		dim ratings.Dimension
		out *[]ratings.Counts
	}{{ratings.ByMonth, &res.ByMonth}, {ratings.ByService, &res.ByService}, {ratings.ByAgency, &res.ByAgency}} {
		if *d.out, err = s.cfg.Ratings.Summary(ctx, f, d.dim); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// decimal writes v with one decimal and a decimal comma, as Vietnamese
// readers write numbers ("4,3").
func decimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

func percent(v float64) string { return decimal(100*v) + "%" }

// monthLabel shows "2026-11" as "11/2026".
func monthLabel(m string) string {
	if y, mm, ok := strings.Cut(m, "-"); ok {
		return mm + "/" + y
	}
	return m
}

// driverList names the top drivers: "Chậm, trễ hẹn (12), …".
func driverList(top []ratings.DriverCount, good bool) string {
	var parts []string
	for _, dc := range top {
		name := dc.Driver.Bad()
		if good {
			name = dc.Driver.Good()
		}
		parts = append(parts, name+" ("+strconv.Itoa(dc.Count)+")")
	}
	return strings.Join(parts, ", ")
}

// topDrivers is how many drivers a results row names.
const topDrivers = 2

func (s *Server) ratingRow(c ratings.Counts, name, url string) ratingRow {
	return ratingRow{
		Key: c.Key, Name: name, URL: url, Total: c.Total,
		Mean: decimal(c.Mean()), Satisfied: percent(c.SatisfiedShare()),
		TopWell: driverList(c.TopWentWell(topDrivers), true), TopNot: driverList(c.TopDidNot(topDrivers), false),
	}
}

// levelShares is the distribution over the scale, best first.
func levelShares(c ratings.Counts) []levelShare {
	var out []levelShare
	for _, l := range ratings.Levels() {
		share := 0.0
		if c.Total > 0 {
			share = float64(c.Count(l)) / float64(c.Total)
		}
		out = append(out, levelShare{Label: l.Name(), Count: c.Count(l), Share: percent(share)})
	}
	return out
}

// ratingTables turns results into the three tables. serviceURL links a
// service's row (the guide publicly, the filtered results in the back
// office).
func (s *Server) ratingTables(ctx context.Context, res *ratingResults, serviceURL func(code, slug string) string) []ratingTableView {
	snap := s.cfg.Catalog.Current()
	names := s.newAgencyNames(ctx)
	months := ratingTableView{Title: s.msg.T("rating.stats_by_month"), ID: "dg-thang", KeyLabel: s.msg.T("rating.col_month")}
	// Newest month first: the table is read for the latest results.
	for i := len(res.ByMonth) - 1; i >= 0; i-- {
		months.Rows = append(months.Rows, s.ratingRow(res.ByMonth[i], monthLabel(res.ByMonth[i].Key), ""))
	}
	services := ratingTableView{Title: s.msg.T("rating.stats_by_service"), ID: "dg-dich-vu", KeyLabel: s.msg.T("rating.col_service")}
	for _, c := range res.ByService {
		name, link := c.Key, ""
		if svc := snap.ByCode(c.Key); svc != nil {
			name, link = svc.Name, serviceURL(svc.Code, svc.Slug)
		}
		services.Rows = append(services.Rows, s.ratingRow(c, name, link))
	}
	agencies := ratingTableView{Title: s.msg.T("rating.stats_by_agency"), ID: "dg-co-quan", KeyLabel: s.msg.T("rating.col_agency")}
	for _, c := range res.ByAgency {
		name := s.msg.T("rating.no_agency")
		if c.Key != "" {
			name = names.name(c.Key)
		}
		agencies.Rows = append(agencies.Rows, s.ratingRow(c, name, ""))
	}
	return []ratingTableView{months, services, agencies}
}

// publicMonths is how far back the public results go.
const publicMonths = 12

// publicRatingPeriod is the last publicMonths months, this one included.
func publicRatingPeriod(now time.Time) (from, to string) {
	now = now.In(vietnamZone)
	first := time.Date(now.Year(), now.Month()-publicMonths+1, 1, 0, 0, 0, 0, vietnamZone)
	return first.Format("2006-01"), now.Format("2006-01")
}

// ratingStatsCache keeps the public results for a minute: every replica
// counts at most once a minute however often the page is read.
type ratingStatsCache struct {
	mu   sync.Mutex
	at   time.Time
	from string
	res  *ratingResults
}

const ratingStatsTTL = time.Minute

// publicRatingResults returns the public results, counted at most once a
// minute.
func (s *Server) publicRatingResults(ctx context.Context) (*ratingResults, string, string, error) {
	c := &s.ratingStats
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	from, to := publicRatingPeriod(now)
	if c.res != nil && now.Sub(c.at) < ratingStatsTTL && c.from == from {
		return c.res, from, to, nil
	}
	res, err := s.loadRatingResults(ctx, ratings.Filter{FromMonth: from, ToMonth: to})
	if err != nil {
		return nil, "", "", err
	}
	c.at, c.from, c.res = now, from, res
	return res, from, to, nil
}

// ratingStatsPage shows the public results: no comment, no personal data,
// only counts.
func (s *Server) ratingStatsPage(w http.ResponseWriter, r *http.Request) error {
	res, from, to, err := s.publicRatingResults(r.Context())
	if err != nil {
		return err
	}
	view := ratingStatsView{
		Base: Base{Title: s.msg.T("rating.stats_title"), Description: s.msg.T("rating.stats_description")},
		From: monthLabel(from), To: monthLabel(to),
		Overall: s.ratingRow(res.Overall, "", ""), Levels: levelShares(res.Overall),
		Tables: s.ratingTables(r.Context(), res, func(_, slug string) string { return "/dich-vu/" + slug }),
	}
	return s.render(w, http.StatusOK, "rating_stats", view)
}

// ratingCountsJSON is one group of the public results as JSON.
type ratingCountsJSON struct {
	Key            string            `json:"key"`
	Name           string            `json:"name,omitempty"`
	Total          int               `json:"total"`
	Levels         map[string]int    `json:"levels"`
	Mean           float64           `json:"mean"`
	SatisfiedShare float64           `json:"satisfied_share"`
	TopWentWell    []driverCountJSON `json:"top_went_well"`
	TopDidNot      []driverCountJSON `json:"top_did_not"`
}

type driverCountJSON struct {
	Driver string `json:"driver"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

type ratingStatsJSONView struct {
	FromMonth string             `json:"from_month"`
	ToMonth   string             `json:"to_month"`
	Overall   ratingCountsJSON   `json:"overall"`
	ByMonth   []ratingCountsJSON `json:"by_month"`
	ByService []ratingCountsJSON `json:"by_service"`
	ByAgency  []ratingCountsJSON `json:"by_agency"`
}

func countsJSON(c ratings.Counts, name string) ratingCountsJSON {
	out := ratingCountsJSON{Key: c.Key, Name: name, Total: c.Total, Levels: map[string]int{},
		Mean: round3(c.Mean()), SatisfiedShare: round3(c.SatisfiedShare()),
		TopWentWell: []driverCountJSON{}, TopDidNot: []driverCountJSON{}}
	for l := ratings.MinLevel; l <= ratings.MaxLevel; l++ {
		out.Levels[strconv.Itoa(int(l))] = c.Count(l)
	}
	for _, dc := range c.TopWentWell(len(ratings.Drivers())) {
		out.TopWentWell = append(out.TopWentWell, driverCountJSON{string(dc.Driver), dc.Driver.Good(), dc.Count})
	}
	for _, dc := range c.TopDidNot(len(ratings.Drivers())) {
		out.TopDidNot = append(out.TopDidNot, driverCountJSON{string(dc.Driver), dc.Driver.Bad(), dc.Count})
	}
	return out
}

// round3 keeps three decimals: enough for a share or a mean, and stable
// JSON.
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// ratingStatsJSON is the public results as JSON, for open-data users.
func (s *Server) ratingStatsJSON(w http.ResponseWriter, r *http.Request) error {
	res, from, to, err := s.publicRatingResults(r.Context())
	if err != nil {
		return err
	}
	snap := s.cfg.Catalog.Current()
	names := s.newAgencyNames(r.Context())
	out := ratingStatsJSONView{FromMonth: from, ToMonth: to, Overall: countsJSON(res.Overall, ""),
		ByMonth: []ratingCountsJSON{}, ByService: []ratingCountsJSON{}, ByAgency: []ratingCountsJSON{}}
	for _, c := range res.ByMonth {
		out.ByMonth = append(out.ByMonth, countsJSON(c, ""))
	}
	for _, c := range res.ByService {
		name := ""
		if svc := snap.ByCode(c.Key); svc != nil {
			name = svc.Name
		}
		out.ByService = append(out.ByService, countsJSON(c, name))
	}
	for _, c := range res.ByAgency {
		name := ""
		if c.Key != "" {
			name = names.name(c.Key)
		}
		out.ByAgency = append(out.ByAgency, countsJSON(c, name))
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	return writeJSON(w, out)
}
