package catalog

import (
	"context"
	"log/slog"
	"sort"
	"sync/atomic"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Snapshot is an immutable in-memory copy of the published catalogue.
// Readers share it without locks; a change builds a new one.
type Snapshot struct {
	// Version is the catalogue change counter the snapshot was built at.
	Version int64
	// Services are ordered by popularity, then by name in Vietnamese order.
	Services []Service
	bySlug   map[string]*Service
	byCode   map[string]*Service
}

// NewSnapshot orders services for display and indexes them by slug.
func NewSnapshot(version int64, services []Service) *Snapshot {
	col := collate.New(language.Vietnamese)
	sort.SliceStable(services, func(i, j int) bool {
		if services[i].Popularity != services[j].Popularity {
			return services[i].Popularity > services[j].Popularity
		}
		return col.CompareString(services[i].Name, services[j].Name) < 0
	})
	s := &Snapshot{Version: version, Services: services,
		bySlug: make(map[string]*Service, len(services)), byCode: make(map[string]*Service, len(services))}
	for i := range services {
		s.bySlug[services[i].Slug] = &services[i]
		s.byCode[services[i].Code] = &services[i]
	}
	return s
}

// BySlug returns the service with the slug, or nil.
func (s *Snapshot) BySlug(slug string) *Service { return s.bySlug[slug] }

// ByCode returns the service with the national procedure code, or nil.
func (s *Snapshot) ByCode(code string) *Service { return s.byCode[code] }

// Filter selects services; the zero value selects all.
type Filter struct {
	Level     Level
	Agency    string
	LifeEvent string
	Online    OnlineLevel
}

// Match reports whether svc passes the filter.
func (f Filter) Match(svc *Service) bool {
	if f.Level != "" && !contains(svc.Levels, f.Level) {
		return false
	}
	if f.Agency != "" && !contains(svc.Agencies, f.Agency) {
		return false
	}
	if f.LifeEvent != "" && !contains(svc.LifeEvents, f.LifeEvent) {
		return false
	}
	if f.Online != "" && svc.OnlineLevel != f.Online {
		return false
	}
	return true
}

// Select returns the services passing f, in display order.
func (s *Snapshot) Select(f Filter) []*Service {
	var out []*Service
	for i := range s.Services {
		if f.Match(&s.Services[i]) {
			out = append(out, &s.Services[i])
		}
	}
	return out
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Live keeps the current snapshot and reloads it when the catalogue's
// version changes, so every replica sharing one database converges.
type Live struct {
	store    *Store
	current  atomic.Pointer[Snapshot]
	onChange []func(*Snapshot)
}

// NewLive returns a Live over store; call Load before use.
func NewLive(store *Store) *Live { return &Live{store: store} }

// OnChange registers fn to run after each reload (the search index uses it).
// Register before Load.
func (l *Live) OnChange(fn func(*Snapshot)) { l.onChange = append(l.onChange, fn) }

// Current returns the current snapshot.
func (l *Live) Current() *Snapshot { return l.current.Load() }

// Load reads the catalogue when its version differs from the current snapshot's.
func (l *Live) Load(ctx context.Context) error {
	v, err := l.store.Version(ctx)
	if err != nil {
		return err
	}
	if cur := l.current.Load(); cur != nil && cur.Version == v {
		return nil
	}
	services, err := l.store.All(ctx)
	if err != nil {
		return err
	}
	snap := NewSnapshot(v, services)
	for _, fn := range l.onChange {
		fn(snap)
	}
	l.current.Store(snap)
	return nil
}

// Watch reloads every interval until ctx ends. Errors are logged and retried:
// the site keeps serving the last good snapshot.
func (l *Live) Watch(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := l.Load(ctx); err != nil && ctx.Err() == nil {
				log.Error("catalog reload failed", "err", err)
			}
		}
	}
}
