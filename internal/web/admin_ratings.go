package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/ratings"
)

// adminRatingsComments is how many of the latest comments the page shows;
// the CSV export has them all.
const adminRatingsComments = 50

// ratingsForm is the back office's filter as typed, in the query's names.
type ratingsForm struct {
	Service, Agency, From, To string
}

func (f ratingsForm) values() url.Values {
	v := url.Values{}
	for _, kv := range [][2]string{{"dich_vu", f.Service}, {"co_quan", f.Agency}, {"tu_thang", f.From}, {"den_thang", f.To}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v
}

// ratingComment is one comment in the back office; the text was redacted
// before it was stored and html/template escapes it.
type ratingComment struct {
	At, Service, Agency, Level, Comment, Drivers string
}

type adminRatingsView struct {
	Admin    AdminBase
	Error    string
	Form     ratingsForm
	Agencies []agencyGroup
	Overall  ratingRow
	Levels   []levelShare
	Tables   []ratingTableView
	Comments []ratingComment
	CSVURL   string
}

// ratingsFilter reads the filter from the query string and limits it to
// the user's scope. A month or service that cannot be read gives a message
// for the page; an agency outside the scope is refused.
func (s *Server) ratingsFilter(r *http.Request) (ratingsForm, ratings.Filter, string, error) {
	q := r.URL.Query()
	clean := func(k string) string { return norm.NFC.String(strings.TrimSpace(q.Get(k))) }
	form := ratingsForm{Service: clean("dich_vu"), Agency: clean("co_quan"), From: clean("tu_thang"), To: clean("den_thang")}
	var f ratings.Filter
	var err error
	if f.Agencies, err = s.filterAgencies(r, form.Agency); err != nil {
		return form, f, "", err
	}
	f.Agency = form.Agency
	var msg string
	if form.Service != "" {
		snap := s.cfg.Catalog.Current()
		svc := snap.BySlug(form.Service)
		if svc == nil {
			svc = snap.ByCode(form.Service)
		}
		if svc == nil {
			msg = s.msg.T("admin.ratings.bad_service")
		} else {
			f.Service = svc.Code
		}
	}
	for _, m := range []struct {
		v   string
		dst *string
	}{{form.From, &f.FromMonth}, {form.To, &f.ToMonth}} {
		if m.v == "" {
			continue
		}
		if !ratings.ValidMonth(m.v) {
			msg = s.msg.T("admin.ratings.bad_month")
			continue
		}
		*m.dst = m.v
	}
	if msg == "" && f.FromMonth != "" && f.ToMonth != "" && f.FromMonth > f.ToMonth {
		msg = s.msg.T("admin.ratings.bad_range")
	}
	return form, f, msg, nil
}

// adminRatings shows the results in the user's scope: overall, by month,
// service and agency, and the latest comments.
func (s *Server) adminRatings(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	form, f, msg, err := s.ratingsFilter(r)
	if err != nil {
		return err
	}
	view := adminRatingsView{Admin: s.adminBase(r, s.msg.T("admin.ratings.title")), Form: form, Error: msg}
	if view.Agencies, err = s.agencyGroups(ctx, currentUser(r), form.Agency); err != nil {
		return err
	}
	if msg != "" {
		return s.render(w, http.StatusBadRequest, "admin/ratings", view)
	}
	res, err := s.loadRatingResults(ctx, f)
	if err != nil {
		return err
	}
	view.Overall, view.Levels = s.ratingRow(res.Overall, "", ""), levelShares(res.Overall)
	view.Tables = s.ratingTables(ctx, res, func(code, _ string) string {
		v := form.values()
		v.Set("dich_vu", code)
		return "/quan-tri/danh-gia?" + v.Encode()
	})
	if view.Comments, err = s.ratingComments(ctx, f); err != nil {
		return err
	}
	view.CSVURL = "/quan-tri/danh-gia.csv?" + form.values().Encode()
	return s.render(w, http.StatusOK, "admin/ratings", view)
}

// ratingComments lists the latest ratings with a comment.
func (s *Server) ratingComments(ctx context.Context, f ratings.Filter) ([]ratingComment, error) {
	f.WithComment = true
	list, err := s.cfg.Ratings.List(ctx, f, adminRatingsComments, 0)
	if err != nil {
		return nil, err
	}
	snap := s.cfg.Catalog.Current()
	names := s.newAgencyNames(ctx)
	var out []ratingComment
	for _, rt := range list {
		c := ratingComment{At: vnTime(rt.CreatedAt), Service: rt.ServiceCode, Level: rt.Level.Name(), Comment: rt.Comment}
		if svc := snap.ByCode(rt.ServiceCode); svc != nil {
			c.Service = svc.Name
		}
		if rt.Agency != "" {
			c.Agency = names.name(rt.Agency)
		}
		var drivers []string
		for _, d := range rt.WentWell.Drivers() {
			drivers = append(drivers, "+ "+d.Good())
		}
		for _, d := range rt.DidNot.Drivers() {
			drivers = append(drivers, "− "+d.Bad())
		}
		c.Drivers = strings.Join(drivers, "; ")
		out = append(out, c)
	}
	return out, nil
}

// adminRatingsCSV exports every rating of the selection, with comments
// (already redacted), for spreadsheets.
func (s *Server) adminRatingsCSV(w http.ResponseWriter, r *http.Request) error {
	_, f, msg, err := s.ratingsFilter(r)
	if err != nil {
		return err
	}
	if msg != "" {
		return badRequest("invalid_filter", msg)
	}
	name := "danh-gia-" + time.Now().In(vietnamZone).Format("20060102-1504") + ".csv"
	return s.streamCSV(w, r, name, "ratings", func(w io.Writer) error { return s.cfg.Ratings.ExportCSV(r.Context(), w, f) })
}
