package catalog

import (
	"context"
	"os"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestImportTTHCRoundTrip imports the 207 national records twice: the first
// import creates them all, the second finds every one unchanged, so parsing
// is deterministic and what is stored reads back the same.
func TestImportTTHCRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		sum, err := s.Import(ctx, parseTestdata(t), ImportOptions{})
		if err != nil || sum.Created != 207 || sum.Rejected != 0 {
			t.Fatalf("first import: %+v, %v", sum, err)
		}
		sum, err = s.Import(ctx, parseTestdata(t), ImportOptions{})
		if err != nil || sum.Unchanged != 207 || sum.Created+sum.Updated+sum.Rejected != 0 {
			t.Fatalf("second import: %+v, %v", sum, err)
		}
		all, err := s.All(ctx)
		if err != nil || len(all) != 207 {
			t.Fatalf("%d services, %v", len(all), err)
		}
		parsed := parseTestdata(t)
		for _, svc := range all {
			if svc.Code != "1.013133" {
				continue
			}
			want := byCode(t, parsed, "1.013133")
			if svc.Slug != want.Slug || svc.Name != want.Name || len(svc.Documents) != 2 || len(svc.Raw) == 0 ||
				len(svc.Agencies) != 1 || svc.Agencies[0] != "BQP" {
				t.Errorf("read back: %+v", svc)
			}
		}
	})
}

func TestImportServicesCSVSample(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		parse := func() *ParseResult {
			f, err := os.Open(sampleCSV)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			res, err := ParseServicesCSV(f)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		if sum, err := s.Import(ctx, parse(), ImportOptions{}); err != nil || sum.Created != 3 {
			t.Fatalf("first import: %+v, %v", sum, err)
		}
		if sum, err := s.Import(ctx, parse(), ImportOptions{}); err != nil || sum.Unchanged != 3 {
			t.Fatalf("second import: %+v, %v", sum, err)
		}
	})
}
