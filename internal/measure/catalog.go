package measure

import "github.com/loa-vn/loa/internal/catalog"

// CatalogProcedures looks procedures up in the catalogue's current
// snapshot, taken at each call so that a reload is seen at once.
func CatalogProcedures(current func() *catalog.Snapshot) Procedures {
	return func(codeOrSlug string) (Procedure, bool) {
		snap := current()
		if snap == nil {
			return Procedure{}, false
		}
		svc := snap.ByCode(codeOrSlug)
		if svc == nil || codeOrSlug == "" {
			svc = snap.BySlug(codeOrSlug)
		}
		if svc == nil {
			return Procedure{}, false
		}
		return Procedure{Code: svc.Code, Slug: svc.Slug, Name: svc.Name}, true
	}
}

// StaticCatalog is a snapshot getter over a fixed list of services, for
// commands and tests that do not run the live catalogue.
func StaticCatalog(services []catalog.Service) func() *catalog.Snapshot {
	snap := catalog.NewSnapshot(0, services)
	return func() *catalog.Snapshot { return snap }
}
