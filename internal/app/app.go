// Package app wires Loa together: it opens the database, brings the schema
// up to date, seeds reference and demo data, and builds the web server. The
// loa command calls it; tests use it to run the whole platform in-process.
package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/channels"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/idempotency"
	"github.com/loa-vn/loa/internal/jobs"
	"github.com/loa-vn/loa/internal/llm"
	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/notify"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/surveys"
	"github.com/loa-vn/loa/internal/targets"
	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
	"github.com/loa-vn/loa/internal/web"
)

// Options say where the data lives.
type Options struct {
	// DatabaseURL selects PostgreSQL when set.
	DatabaseURL string
	// SQLitePath is the SQLite file used otherwise.
	SQLitePath string
}

// App is an open, migrated installation.
type App struct {
	DB      *db.DB
	Catalog *catalog.Store
	Units   *units.Store
	Staff   *staff.Store
	Audit   *audit.Store
	Cases   *cases.Store
	// Targets are the programme's targets and observations.
	Targets *targets.Store
	// Measure holds dossier events, aggregates and indicators.
	Measure *measure.Store
	// Surveys holds the agencies' surveys and their responses.
	Surveys *surveys.Store
	mcat    *measureCatalog
	// Jobs is the background queue, created by Web; nil in commands that
	// serve nothing (their scheduled work is picked up by a serving replica).
	Jobs *jobs.Queue
	// chatReplies runs the chat channels' reply jobs (channels.go).
	chatReplies *channels.Replies
	parents     *agencyParents
	// mail is how citizens' notifications are sent (WebOptions.SMTP).
	mail notify.Config
}

// Open opens the database and migrates it to the newest schema.
func Open(ctx context.Context, opts Options) (*App, error) {
	d, err := db.Open(ctx, db.Config{URL: opts.DatabaseURL, Path: opts.SQLitePath})
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		d.Close()
		return nil, err
	}
	return FromDB(d), nil
}

// FromDB wraps an already open and migrated database.
func FromDB(d *db.DB) *App {
	parents := &agencyParents{}
	a := &App{
		DB: d, Units: units.NewStore(d), Audit: audit.NewStore(d),
		parents: parents,
	}
	a.Cases = a.newCases()
	a.Targets = targets.NewStore(d, targets.WithIndicators(rateIndicators()))
	a.Surveys = surveys.NewStore(d, surveys.WithPlaces(surveys.UnitPlaces(a.Units)))
	a.Measure = a.newMeasure()
	a.Catalog = catalog.NewStore(d, catalog.WithParents(parents.parent), catalog.WithScheduleHook(a.schedulePublication))
	a.Staff = staff.NewStore(d, staff.WithParents(parents.parent), staff.WithKnownAgency(a.agencyExists))
	return a
}

// schedulePublication enqueues the job publishing a scheduled revision, in
// the transaction that schedules it. A process without a queue (a command)
// enqueues nothing: the minute sweep of a serving replica publishes it.
func (a *App) schedulePublication(ctx context.Context, tx *db.Tx, rev *catalog.Revision) error {
	if a.Jobs == nil {
		return nil
	}
	return catalog.SchedulePublication(ctx, a.Jobs, tx, rev)
}

// initJobs creates the background queue and registers every job kind. It
// does not start it: StartJobs does, in processes that should work jobs.
func (a *App) initJobs(ctx context.Context, log *slog.Logger) error {
	if a.Jobs != nil {
		return nil
	}
	if err := jobs.Migrate(ctx, a.DB); err != nil {
		return err
	}
	q, err := jobs.New(a.DB, log, jobs.Options{})
	if err != nil {
		return err
	}
	if err := catalog.RegisterJobs(q, a.Catalog); err != nil {
		return err
	}
	if err := cases.RegisterJobs(q, a.Cases); err != nil {
		return err
	}
	// Old idempotency keys (a week) and form uploads no report claimed (a day).
	if err := idempotency.RegisterJobs(q, a.DB); err != nil {
		return err
	}
	if err := cases.RegisterAttachmentJobs(q, a.Cases); err != nil {
		return err
	}
	// Survey uploads no response claimed (a day).
	if err := surveys.RegisterJobs(q, a.Surveys); err != nil {
		return err
	}
	// Measuring: compact tables, ratings into satisfaction, outliers,
	// alerts, frozen rankings, weekly digests.
	if err := measure.RegisterJobs(q, a.Measure, measure.JobOptions{RatingTallies: a.ratingTallies}); err != nil {
		return err
	}
	// Programme targets bound to a measured rate: computed observations.
	if err := targets.RegisterJobs(q, a.Targets, a.measuredRate); err != nil {
		return err
	}
	// Citizens' e-mails: the outbox is written by the cases store's hook
	// (newCases); this sweep delivers it, or leaves it pending without SMTP.
	if err := notify.RegisterJobs(q, notify.NewDeliverer(a.DB, a.Cases, a.mail)); err != nil {
		return err
	}
	a.Jobs = q
	return nil
}

// StartJobs starts working background jobs; call it after Web.
func (a *App) StartJobs(ctx context.Context) error {
	if a.Jobs == nil {
		return errors.New("app: start jobs: the queue is created by Web")
	}
	return a.Jobs.Start(ctx)
}

// StopJobs lets running jobs finish until ctx ends, then stops the queue.
func (a *App) StopJobs(ctx context.Context) error {
	if a.Jobs == nil || !a.Jobs.Running() {
		return nil
	}
	return a.Jobs.Stop(ctx)
}

// agencyExists reports whether code names an agency staff can belong to:
// the nation or an agency of the units tables.
func (a *App) agencyExists(code string) bool {
	if code == staff.National {
		return true
	}
	_, err := a.Units.Agency(context.Background(), code)
	return err == nil
}

// Close closes the database.
func (a *App) Close() error { return a.DB.Close() }

// SeedReference loads the administrative units and agencies embedded in the
// binary. It is idempotent and cheap when they are already there.
func (a *App) SeedReference(ctx context.Context) error {
	if err := a.Units.Seed(ctx); err != nil {
		return err
	}
	// The programme's targets are reference data every installation needs;
	// existing ones (possibly edited) are left alone.
	if _, err := a.Targets.SeedReference(ctx); err != nil {
		return err
	}
	return a.parents.load(ctx, a.Units)
}

// demoKey marks in the meta table that the demo data was loaded once, so
// an operator who deletes demo services does not see them come back.
const demoKey = "demo_loaded_at"

// Demo says what SeedDemo did.
type Demo struct {
	// Loaded is true on the first start, when the demo catalogue was loaded.
	Loaded bool
	// Accounts are the demo staff accounts created now, with their
	// passwords, to be shown once.
	Accounts []staff.DemoAccount
}

// SeedDemo loads the demo catalogue and the demo staff accounts (one per
// role) on the first start.
func (a *App) SeedDemo(ctx context.Context) (Demo, error) {
	_, done, err := a.DB.Meta(ctx, demoKey)
	if err != nil || done {
		return Demo{}, err
	}
	if _, err := a.Catalog.SeedDemo(ctx); err != nil {
		return Demo{}, err
	}
	accounts, err := a.Staff.SeedDemo(ctx)
	if err != nil {
		return Demo{}, err
	}
	if _, err := a.Surveys.SeedDemo(ctx, "UBND-01", audit.System); err != nil {
		return Demo{}, err
	}
	if err := db.SetMeta(ctx, a.DB, demoKey, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return Demo{}, err
	}
	return Demo{Loaded: true, Accounts: accounts}, nil
}

// WebOptions tune the web server.
type WebOptions struct {
	Logger  *slog.Logger
	BaseURL string
	Version string
	// Hotline and HotlineHours are the support line a handoff gives
	// (LOA_HOTLINE, LOA_HOTLINE_HOURS); empty means the assistant's defaults.
	Hotline, HotlineHours string
	// LLM, when its URL is set (LOA_LLM_URL, LOA_LLM_MODEL,
	// LOA_LLM_API_KEY), lets a language model word the assistant's
	// answers from the sections it retrieved; off by default.
	LLM llm.Config
	// Refresh is how often the catalogue is checked for changes made by
	// other replicas; zero means every two seconds.
	Refresh time.Duration
	// RateLimitScale multiplies every rate limit (LOA_RATE_LIMIT_SCALE;
	// +Inf turns them off), for load tests only; zero means 1, the limits
	// as written. Anything else is logged as a warning.
	RateLimitScale float64
	// Zalo and Messenger configure the assistant's chat channels
	// (LOA_ZALO_*, LOA_MESSENGER_*); a channel left empty is off.
	Zalo      channels.ZaloConfig
	Messenger channels.MessengerConfig
	// SMTP delivers the e-mails to citizens (LOA_SMTP_*); with no address
	// they wait in the outbox, pending, until it is configured.
	SMTP notify.Config
}

// Web loads the catalogue, builds the search index and returns the web
// server. The catalogue keeps reloading in the background until ctx ends.
func (a *App) Web(ctx context.Context, opts WebOptions) (*web.Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Refresh == 0 {
		opts.Refresh = 2 * time.Second
	}
	if err := a.parents.load(ctx, a.Units); err != nil {
		return nil, err
	}
	a.mail = opts.SMTP
	a.mail.BaseURL = opts.BaseURL
	if err := a.initJobs(ctx, opts.Logger); err != nil {
		return nil, err
	}
	synonyms := vn.DefaultSynonyms()
	// Editors' abbreviations (back office) join the curated rows in the
	// table search and the assistant share; Watch applies other replicas'
	// changes within opts.Refresh.
	abbreviations := assistant.NewAbbreviations(a.DB, synonyms)
	if err := abbreviations.Load(ctx); err != nil {
		return nil, err
	}
	index := search.New(synonyms)
	live := catalog.NewLive(a.Catalog)
	a.mcat.live.Store(live)
	assistantOpts := assistant.Options{
		Synonyms: synonyms, BaseURL: opts.BaseURL, Hotline: opts.Hotline, HotlineHours: opts.HotlineHours,
	}
	if opts.LLM.URL != "" {
		writer, err := llm.New(opts.LLM)
		if err != nil {
			return nil, err
		}
		logger := opts.Logger
		assistantOpts.Writer = writer
		assistantOpts.WriterFailed = func(err error) {
			logger.Warn("assistant: written answer discarded, extractive answer used", "err", err)
		}
	}
	engine := assistant.New(a.DB, live, index, a.Cases, assistantOpts)
	live.OnChange(func(s *catalog.Snapshot) {
		index.Replace(search.CatalogDocs(s.Services))
		engine.Refresh(s)
	})
	if err := live.Load(ctx); err != nil {
		return nil, err
	}
	if err := a.PrepareMeasure(ctx); err != nil {
		return nil, err
	}
	go live.Watch(ctx, opts.Refresh, opts.Logger)
	go abbreviations.Watch(ctx, opts.Refresh, opts.Logger)
	salt, err := a.rateLimitSalt(ctx)
	if err != nil {
		return nil, err
	}
	limiter := ratelimit.New(a.DB, salt)
	if opts.RateLimitScale != 0 && opts.RateLimitScale != 1 {
		if err := limiter.SetScale(opts.RateLimitScale); err != nil {
			return nil, err
		}
		opts.Logger.Warn("rate limits scaled for a load test: never in production", "scale", opts.RateLimitScale)
	}
	chats, err := a.channelService(ctx, engine, opts)
	if err != nil {
		return nil, err
	}
	return web.New(web.Config{
		DB: a.DB, Catalog: live, Store: a.Catalog, Search: index, Units: a.Units, Staff: a.Staff, Audit: a.Audit, Jobs: a.Jobs,
		Assistant: engine, Cases: a.Cases, Abbreviations: abbreviations, Channels: chats, Targets: a.Targets, Measure: a.Measure,
		Ratings: a.ratingStore(live), Surveys: a.Surveys, Outbox: notify.NewBoard(a.DB, a.Cases, a.mail),
		Limiter: limiter, Logger: opts.Logger, BaseURL: opts.BaseURL, Version: opts.Version,
	})
}

// rateLimitSalt returns the installation's secret salt for rate-limit keys,
// created once and shared by every replica.
func (a *App) rateLimitSalt(ctx context.Context) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("app: salt: %w", err)
	}
	return a.DB.MetaOnce(ctx, "ratelimit_salt", hex.EncodeToString(b[:]))
}
