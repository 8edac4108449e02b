// Package web is Loa's HTTP layer: one route table per surface (the public
// site, the JSON API), middleware, embedded templates and static files.
// Handlers return errors; one adapter turns them into pages or JSON.
package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/jobs"
	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/notify"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/ratings"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/surveys"
	"github.com/loa-vn/loa/internal/targets"
	"github.com/loa-vn/loa/internal/units"
)

// Config holds what the server needs.
type Config struct {
	DB      *db.DB
	Catalog *catalog.Live
	Store   *catalog.Store
	Search  *search.Index
	Units   *units.Store
	Staff   *staff.Store
	Audit   *audit.Store
	Jobs    *jobs.Queue
	// Assistant answers citizens' questions; Cases holds their reports and
	// the assistant's handoffs.
	Assistant *assistant.Engine
	Cases     *cases.Store
	Limiter   *ratelimit.Limiter
	// Ratings stores ratings after a service and rating links.
	Ratings *ratings.Store
	Logger  *slog.Logger
	// BaseURL is the public address (https://loa.gov.vn) used in QR codes and
	// links that leave the site; when empty it is taken from the request.
	BaseURL string
	// Version is shown in /healthz.
	Version string

	// Channels answers the Zalo OA and Messenger webhooks; nil or a channel
	// not configured makes its webhook answer 404.
	Channels *channels.Service

	// Abbreviations are the rows editors add to the table of
	// abbreviations and everyday names (back office, /quan-tri/tro-ly).
	Abbreviations *assistant.Abbreviations

	// Targets holds the programme's targets and observations
	// (/so-lieu/muc-tieu, /quan-tri/muc-tieu).
	Targets *targets.Store

	// Surveys holds the agencies' surveys and their responses
	// (/khao-sat, /quan-tri/khao-sat).
	Surveys *surveys.Store

	// Measure holds dossier events, aggregates and the indicators
	// (/api/v1/measure/events, /quan-tri/so-lieu).
	Measure *measure.Store

	// Outbox shows the citizens' e-mail notifications (/quan-tri/thu-di);
	// nil makes the page answer 404.
	Outbox *notify.Board
}

// Server serves every surface.
type Server struct {
	cfg     Config
	log     *slog.Logger
	pages   map[string]*template.Template
	msg     Messages
	mux     *http.ServeMux
	routes  []Route
	metrics *metrics
	cache   *pageCache
	// ratingStats keeps the public rating results for a minute.
	ratingStats ratingStatsCache
}

// New parses the templates and builds the route table.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	msg, err := LoadMessages("vi")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Logger, msg: msg, mux: http.NewServeMux(), metrics: newMetrics(), cache: newPageCache()}
	if s.pages, err = parsePages(msg); err != nil {
		return nil, err
	}
	s.routes = append(append(s.routeTable(), s.assistantRoutes()...), s.adminRoutes()...)
	s.routes = append(append(s.routes, s.assistantFeedbackRoutes()...), s.assistantAdminRoutes()...)
	s.routes = append(s.routes, s.ratingRoutes()...)
	s.routes = append(append(s.routes, s.surveyRoutes()...), s.surveyAdminRoutes()...)
	s.routes = append(s.routes, s.channelRoutes()...)
	s.routes = append(s.routes, s.targetRoutes()...)
	s.routes = append(s.routes, s.dashboardRoutes()...)
	s.routes = append(append(s.routes, s.measureRoutes()...), s.open311Routes()...)
	s.routes = append(append(s.routes, s.reportRoutes()...), s.adminCaseRoutes()...)
	s.routes = append(s.routes, s.reportAttachmentRoutes()...)
	s.routes = append(s.routes, s.outboxRoutes()...)
	for _, rt := range s.routes {
		s.mux.Handle(strings.TrimSpace(rt.Method+" "+rt.Pattern), s.adapt(rt))
	}
	s.mux.Handle("/", s.adapt(Route{Surface: SurfaceSite, Perm: PermPublic, Handler: s.notFound}))
	s.mux.Handle("/quan-tri/", s.adapt(Route{Surface: SurfaceAdmin, Perm: PermSignedIn, Handler: s.notFound}))
	return s, nil
}

// Handler returns the root handler with middleware applied.
func (s *Server) Handler() http.Handler {
	return s.withMiddleware(s.mux)
}

// Routes returns the route table, for tests that walk it.
func (s *Server) Routes() []Route { return s.routes }

// Serve serves on ln until ctx ends, then shuts down gracefully, letting
// requests in flight finish for up to 15 seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}
