package app

import (
	"context"
	"sync/atomic"

	"github.com/loa-vn/loa/internal/units"
)

// agencyParents answers "which agency is above this one?" from memory for
// staff scope checks, which run on every back-office request. It is filled
// from the units tables once they are seeded; the tree changes only with
// an administrative reform, that is with a new binary.
type agencyParents struct {
	m atomic.Pointer[map[string]string]
}

// load reads the tree from the units store.
func (p *agencyParents) load(ctx context.Context, u *units.Store) error {
	m, err := u.AgencyParents(ctx)
	if err != nil {
		return err
	}
	p.m.Store(&m)
	return nil
}

// parent returns the agency above code, or "" (a ministry, a province, an
// unknown code, or the tree not loaded yet: scopes then cover only
// themselves, which denies rather than allows).
func (p *agencyParents) parent(code string) string {
	m := p.m.Load()
	if m == nil {
		return ""
	}
	return (*m)[code]
}
