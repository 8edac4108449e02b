package web

import (
	"net/http"

	"github.com/loa-vn/loa/internal/staff"
)

// Surface is a part of the site with its own error format.
type Surface int

// The surfaces.
const (
	SurfaceSite  Surface = iota // HTML pages for citizens
	SurfaceAPI                  // JSON API under /api
	SurfaceOps                  // health, readiness and metrics
	SurfaceAdmin                // the back office under /quan-tri, for signed-in staff
)

// Perm is the permission a route requires. Every route declares one on its
// line in the route table, so access is visible where the route is.
type Perm string

// The permissions that are not a staff permission.
const (
	// PermPublic lets anyone call the route.
	PermPublic Perm = "public"
	// PermSignedIn lets any signed-in staff account call the route (its
	// own dashboard, password, sign-out).
	PermSignedIn Perm = "signed-in"
)

// need declares a staff permission on a route line.
func need(p staff.Perm) Perm { return Perm(p) }

// Scope finds the agency that owns the object a request acts on (the
// guide's service, the account, the token), so the adapter can check that
// it lies within the signed-in user's scope before the handler runs. A
// route whose Scope is nil acts on no single agency's object: lists that
// the handler filters to the user's scope, or the user's own things. The
// signed-in user is already in the request's context, so for an object
// owned by several agencies (a service of two ministries) Scope may return
// the owner the user belongs to.
type Scope func(r *http.Request) (agency string, err error)

// HandlerFunc is a handler that returns an error instead of writing one.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Route is one line of the route table.
type Route struct {
	Method  string
	Pattern string
	Perm    Perm
	Scope   Scope
	Surface Surface
	Handler HandlerFunc
}

// routeTable lists every public route. Keep it in one place: a reader should see
// the whole site, and who may call each part, here.
func (s *Server) routeTable() []Route {
	site, api, ops := SurfaceSite, SurfaceAPI, SurfaceOps
	return []Route{
		{"GET", "/{$}", PermPublic, nil, site, s.home},
		{"GET", "/tim-kiem", PermPublic, nil, site, s.searchPage},
		{"GET", "/dich-vu/{slug}", PermPublic, nil, site, s.servicePage},
		{"GET", "/dich-vu/{slug}/poster", PermPublic, nil, site, s.posterPage},
		{"POST", "/dich-vu/{slug}/phan-hoi", PermPublic, nil, site, s.pageFeedback},
		{"GET", "/su-kien/{slug}", PermPublic, nil, site, s.lifeEventPage},
		{"GET", "/co-quan", PermPublic, nil, site, s.agenciesPage},
		{"GET", "/co-quan/{code}", PermPublic, nil, site, s.agencyPage},
		{"GET", "/tinh/{code}", PermPublic, nil, site, s.provincePage},
		{"GET", "/static/{file}", PermPublic, nil, site, s.static},

		{"GET", "/api/v1/services", PermPublic, nil, api, s.apiServices},
		{"GET", "/api/v1/services/{slug}", PermPublic, nil, api, s.apiService},
		{"GET", "/api/v1/units", PermPublic, nil, api, s.apiUnits},
		{"GET", "/api/openapi.json", PermPublic, nil, api, s.apiOpenAPI},
		{"", "/api/", PermPublic, nil, api, s.apiNotFound},

		{"GET", "/healthz", PermPublic, nil, ops, s.healthz},
		{"GET", "/readyz", PermPublic, nil, ops, s.readyz},
		{"GET", "/metrics", PermPublic, nil, ops, s.metricsHandler},
	}
}
