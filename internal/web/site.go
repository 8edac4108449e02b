package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/units"
)

// startTime stamps embedded files for conditional requests.
var startTime = time.Now()

// homePopular is how many services the home page lists.
const homePopular = 12

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	return s.renderCached(w, r, "home", "home", func() (any, error) {
		popular := s.cfg.Catalog.Current().Select(catalog.Filter{})
		if len(popular) > homePopular {
			popular = popular[:homePopular]
		}
		return homeView{
			Base:    Base{Title: s.msg.T("site.tagline"), Description: s.msg.T("site.description")},
			Popular: popular,
			Events:  catalog.LifeEvents,
		}, nil
	})
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	lq, err := parseListQuery(r.URL.Query())
	if err != nil {
		return err
	}
	// Search results are cached like other pages, keyed by the validated
	// query, but not kept by browsers or proxies: the query is what a
	// citizen typed.
	w.Header().Set("Cache-Control", "no-store")
	return s.renderCached(w, r, "search:"+lq.URL(lq.Page), "search", func() (any, error) {
		results, total := s.find(lq)
		pages := (total + perPage - 1) / perPage
		view := searchView{
			Base:    Base{Title: s.msg.T("search.title"), Description: s.msg.T("site.description"), Query: lq.Q},
			Results: results, Total: total, Page: lq.Page, Pages: pages,
		}
		for _, l := range []catalog.Level{catalog.LevelMinistry, catalog.LevelProvince, catalog.LevelCommune} {
			view.Levels = append(view.Levels, levelOption{Value: string(l), Label: l.Label(), Selected: lq.Filter.Level == l})
		}
		if lq.Page > 1 {
			view.PrevURL = lq.URL(lq.Page - 1)
		}
		if lq.Page < pages {
			view.NextURL = lq.URL(lq.Page + 1)
		}
		return view, nil
	})
}

// service looks up the service named by the {slug} path value.
func (s *Server) service(r *http.Request) (*catalog.Service, error) {
	svc := s.cfg.Catalog.Current().BySlug(r.PathValue("slug"))
	if svc == nil {
		return nil, notFoundErr(s.msg.T("error.service_not_found"))
	}
	return svc, nil
}

func (s *Server) serviceView(ctx context.Context, svc *catalog.Service) serviceView {
	desc := svc.Name
	if svc.Guide != nil {
		desc = svc.Guide.Summary
	}
	view := serviceView{Base: Base{Title: svc.Name, Description: desc}, Service: svc}
	for _, n := range svc.Notes {
		nv := noteView{Agency: n.Agency}
		if a, err := s.cfg.Units.Agency(ctx, n.Agency); err == nil {
			nv.Agency = a.Name
		}
		for _, p := range strings.Split(n.Text, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				nv.Paragraphs = append(nv.Paragraphs, p)
			}
		}
		view.Notes = append(view.Notes, nv)
	}
	for _, slug := range svc.LifeEvents {
		if e, ok := catalog.LifeEventBySlug(slug); ok {
			view.Events = append(view.Events, e)
		}
	}
	return view
}

func (s *Server) servicePage(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	return s.renderCached(w, r, "service:"+svc.Slug, "service", func() (any, error) { return s.serviceView(r.Context(), svc), nil })
}

// feedbackRule allows each client a few answers to "was this helpful?" per
// ten minutes: enough for honest use, too few to skew the counts.
var feedbackRule = ratelimit.Rule{Name: "page-feedback", Max: 10, Window: 10 * time.Minute}

// pageFeedback stores a yes/no answer and shows the page again with thanks
// (no JavaScript needed).
func (s *Server) pageFeedback(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1024)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("feedback.invalid"))
	}
	var helpful bool
	switch r.PostForm.Get("helpful") {
	case "yes":
		helpful = true
	case "no":
	default:
		return badRequest("invalid_form", s.msg.T("feedback.invalid"))
	}
	view := s.serviceView(r.Context(), svc)
	view.FeedbackMessage = s.msg.T("feedback.thanks")
	status := http.StatusOK
	ok, err := s.cfg.Limiter.Allow(r.Context(), feedbackRule, clientIP(r))
	if err != nil {
		return err
	}
	if ok {
		if err := s.cfg.Store.AddFeedback(r.Context(), "/dich-vu/"+svc.Slug, helpful); err != nil {
			return err
		}
	} else {
		view.FeedbackMessage = s.msg.T("feedback.too_many")
		status = http.StatusTooManyRequests
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, status, "service", view)
}

func (s *Server) lifeEventPage(w http.ResponseWriter, r *http.Request) error {
	ev, ok := catalog.LifeEventBySlug(r.PathValue("slug"))
	if !ok {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	return s.renderCached(w, r, "event:"+ev.Slug, "lifeevent", func() (any, error) {
		return lifeEventView{
			Base:     Base{Title: ev.Name, Description: ev.Description},
			Event:    ev,
			Services: s.cfg.Catalog.Current().Select(catalog.Filter{LifeEvent: ev.Slug}),
		}, nil
	})
}

func (s *Server) agenciesPage(w http.ResponseWriter, r *http.Request) error {
	ministries, err := s.cfg.Units.Agencies(r.Context(), units.AgencyMinistry)
	if err != nil {
		return err
	}
	provinces, err := s.cfg.Units.Provinces(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "agencies", agenciesView{
		Base:       Base{Title: s.msg.T("agencies.title"), Description: s.msg.T("site.description")},
		Ministries: ministries, Provinces: provinces,
	})
}

func (s *Server) agencyPage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.cfg.Units.Agency(r.Context(), r.PathValue("code"))
	if errors.Is(err, units.ErrNotFound) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "agency", agencyView{
		Base:     Base{Title: a.Name, Description: a.Name},
		Agency:   *a,
		Services: s.cfg.Catalog.Current().Select(catalog.Filter{Agency: a.Code}),
	})
}

func (s *Server) provincePage(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	p, err := s.cfg.Units.Unit(r.Context(), code)
	if errors.Is(err, units.ErrNotFound) || (err == nil && p.Level != units.LevelProvince) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	communes, err := s.cfg.Units.Communes(r.Context(), code)
	if err != nil {
		return err
	}
	view := provinceView{Base: Base{Title: p.FullName, Description: p.FullName}, Province: *p, Communes: communes}
	if a, err := s.cfg.Units.AgencyForUnit(r.Context(), code); err == nil {
		view.Committee = a
	} else if !errors.Is(err, units.ErrNotFound) {
		return err
	}
	snap := s.cfg.Catalog.Current()
	seen := map[string]bool{}
	for _, l := range []catalog.Level{catalog.LevelProvince, catalog.LevelCommune} {
		for _, svc := range snap.Select(catalog.Filter{Level: l}) {
			if !seen[svc.Slug] {
				seen[svc.Slug] = true
				view.Services = append(view.Services, svc)
			}
		}
	}
	return s.render(w, http.StatusOK, "province", view)
}
