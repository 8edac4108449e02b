package app

import (
	"context"
	"sync/atomic"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/measure"
)

// measureCatalog gives measuring the catalogue: the live one once the web
// server runs, else a snapshot read once for a command.
type measureCatalog struct {
	live atomic.Pointer[catalog.Live]
	snap atomic.Pointer[catalog.Snapshot]
}

func (m *measureCatalog) current() *catalog.Snapshot {
	if l := m.live.Load(); l != nil {
		if s := l.Current(); s != nil {
			return s
		}
	}
	return m.snap.Load()
}

// newMeasure builds the measuring store; PrepareMeasure fills in its units
// and, for commands, its catalogue.
func (a *App) newMeasure() *measure.Store {
	a.mcat = &measureCatalog{}
	return measure.NewStore(a.DB, measure.WithProcedures(measure.CatalogProcedures(a.mcat.current)))
}

// PrepareMeasure loads what measuring needs to check units and
// procedures: the units directory (seed the units first) and, when no
// live catalogue runs, a snapshot of the catalogue.
func (a *App) PrepareMeasure(ctx context.Context) error {
	dir, err := measure.LoadDirectory(ctx, a.Units)
	if err != nil {
		return err
	}
	a.Measure.SetDirectory(dir)
	if a.mcat.live.Load() == nil {
		svcs, err := a.Catalog.All(ctx)
		if err != nil {
			return err
		}
		a.mcat.snap.Store(catalog.NewSnapshot(0, svcs))
	}
	return nil
}

// measureDemoKey marks that the demo year of figures was generated, so it
// is done once per installation, not at every start.
const measureDemoKey = "demo_measure_loaded_at"

// MeasureDemoScale is the size of the demo year loaded at first start:
// half a percent of the national volume (about 240,000 dossiers, some 14
// seconds on SQLite) is the least at which the rankings rank most
// provinces (21 of 34 in the last month; a unit needs 500 dossiers in a
// month), where a thousandth left every ranking empty. `loa demo measure
// --scale 0.1` makes a fuller year.
const MeasureDemoScale = 0.005

// SeedMeasureDemo generates the demo year of figures once, when --demo is
// on and nothing was measured yet, so the dashboards are alive on the
// first start. It returns whether it did.
func (a *App) SeedMeasureDemo(ctx context.Context, scale float64) (bool, error) {
	if _, done, err := a.DB.Meta(ctx, measureDemoKey); err != nil || done {
		return false, err
	}
	if err := a.PrepareMeasure(ctx); err != nil {
		return false, err
	}
	measured, err := a.Measure.HasData(ctx)
	if err != nil {
		return false, err
	}
	if !measured {
		svcs, err := a.Catalog.All(ctx)
		if err != nil {
			return false, err
		}
		if _, err := a.Measure.Demo(ctx, measure.DemoOptions{Scale: scale, Seed: 1, Services: svcs}); err != nil {
			return false, err
		}
	}
	if _, err := a.DB.MetaOnce(ctx, measureDemoKey, "1"); err != nil {
		return false, err
	}
	return !measured, nil
}
