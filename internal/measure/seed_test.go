package measure

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

const seedFile = "testdata/seed-2023.csv"

// demoCatalogStore is a store that knows the demo catalogue's procedures,
// where the four exemplary services of the seed file live.
func demoCatalogStore(t testing.TB, d *db.DB) *Store {
	t.Helper()
	svcs, err := catalog.DemoServices()
	if err != nil {
		t.Fatal(err)
	}
	return NewStore(d, WithDirectory(testDir()), WithProcedures(CatalogProcedures(StaticCatalog(svcs))))
}

func importSeed(t *testing.T, s *Store) ImportSummary {
	t.Helper()
	f, err := os.Open(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := s.ParseAggregates(f)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportAggregates(context.Background(), audit.System, p, ImportOptions{Source: "seed-2023.csv"})
	if err != nil {
		t.Fatalf("import: %v %v", err, sum.Errors)
	}
	return sum
}

// TestSeedFiguresReproduce is the quality bar: the programme's published
// 2023 figures come out of the seed file.
func TestSeedFiguresReproduce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := demoCatalogStore(t, d)
		if sum := importSeed(t, s); sum.Created != 5 || len(sum.Warnings) != 0 {
			t.Fatalf("first import: %+v", sum)
		}
		// Importing again replaces, never adds.
		if sum := importSeed(t, s); sum.Created != 0 || sum.Replaced != 5 {
			t.Fatalf("second import: %+v", sum)
		}
		y2023, err := ParsePeriod("2023")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Report(ctx, Slice{Period: y2023, Unit: National})
		if err != nil {
			t.Fatal(err)
		}
		j := rep.JSON()
		if j.ReceivedTotal == nil || *j.ReceivedTotal != 47624021 || *j.ReceivedOnline != 18240000 || *j.ReceivedFullyOnline != 10653493 {
			t.Errorf("national counts: %+v", j)
		}
		if j.OnlineRate == nil || *j.OnlineRate != 38.3 {
			t.Errorf("online rate %v, want 38.3", deref(j.OnlineRate))
		}
		if j.FullyOnlineRate == nil || *j.FullyOnlineRate != 22.37 {
			t.Errorf("fully online rate %v, want 22.37", deref(j.FullyOnlineRate))
		}
		if j.HoursSaved == nil || *j.HoursSaved != 36_480_000 {
			t.Errorf("hours saved %v, want 36,480,000", deref(j.HoursSaved))
		}
		if j.ValueSavedVND == nil || *j.ValueSavedVND != 1_276_800_000_000 {
			t.Errorf("value saved %v, want 1,276,800,000,000", deref(j.ValueSavedVND))
		}

		res, err := s.Report(ctx, Slice{Period: y2023, Unit: National, Procedure: "thong-bao-luu-tru"})
		if err != nil {
			t.Fatal(err)
		}
		if r := res.JSON().OnlineRate; r == nil || *r != 99.86 {
			t.Errorf("residence notification online rate %v, want 99.86", deref(r))
		}

		var hours float64
		for _, slug := range []string{"cap-ho-chieu-pho-thong", "thong-bao-luu-tru", "dang-ky-du-thi-tot-nghiep-thpt", "khai-thue-gtgt"} {
			r, err := s.Report(ctx, Slice{Period: y2023, Unit: National, Procedure: slug})
			if err != nil {
				t.Fatal(err)
			}
			h := r.JSON().HoursSaved
			if h == nil || *h == 0 {
				t.Fatalf("%s: no hours saved", slug)
			}
			hours += *h
		}
		if hours != 27_065_854 {
			t.Errorf("four exemplary services: %v hours, want 27,065,854", hours)
		}

		// The ministry's own slice counts its rows only.
		bca, err := s.Report(ctx, Slice{Period: y2023, Unit: "BCA"})
		if err != nil {
			t.Fatal(err)
		}
		if c := bca.Counts["received_total"]; c.N != 2150000+4919882 {
			t.Errorf("BCA received %d", c.N)
		}
		// Unknown columns stay unknown: no on-time rate, not 0%.
		if v, _ := rep.Value("on_time_rate"); v.Known {
			t.Errorf("on-time rate known from a file without resolved counts: %+v", v)
		}
	})
}

func deref[T any](p *T) any {
	if p == nil {
		return "null"
	}
	return *p
}

func TestSeedCopyMatchesShared(t *testing.T) {
	shared, err := os.ReadFile("../../../shared/data/measure/seed-2023.csv")
	if os.IsNotExist(err) {
		t.Skip("shared folder not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	local, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, local) {
		t.Error("testdata/seed-2023.csv differs from ../shared/data/measure/seed-2023.csv; copy it again")
	}
}
