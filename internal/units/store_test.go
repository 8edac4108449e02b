package units

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// seeded returns a store on d with the embedded data seeded, logging how
// long the seed took (figures for the issue note; no timing asserts).
func seeded(t *testing.T, d *db.DB) *Store {
	t.Helper()
	s := NewStore(d)
	start := time.Now()
	if err := s.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed on %s: %v", d.Dialect(), time.Since(start))
	return s
}

func TestStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)

		t.Run("counts", func(t *testing.T) {
			c, err := s.Counts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := Counts{CurrentProvinces: 34, CurrentCommunes: 3321, OldProvinces: 63, OldDistricts: 696, OldCommunes: 10035,
				Agencies: 17 + 34 + 3321, Successions: 10565 + 5 + 63}
			if c != want {
				t.Errorf("Counts = %+v, want %+v", c, want)
			}
		})

		t.Run("children", func(t *testing.T) {
			top, err := s.Children(ctx, "")
			if err != nil || len(top) != 34 {
				t.Fatalf("Children(\"\") = %d units, %v", len(top), err)
			}
			hn, err := s.Children(ctx, "01")
			if err != nil {
				t.Fatal(err)
			}
			var baDinh *Unit
			for i, u := range hn {
				if u.ParentCode != "01" || u.Level != LevelCommune || u.ValidTo != "" {
					t.Errorf("Children(01) has %+v", u)
				}
				if u.Code == "00004" {
					baDinh = &hn[i]
				}
			}
			if baDinh == nil || baDinh.FullName != "Phường Ba Đình" || baDinh.Name != "Ba Đình" || baDinh.NameEn != "Ba Dinh" {
				t.Errorf("Ba Đình in Children(01) = %+v", baDinh)
			}
			if len(hn) != 126 {
				t.Errorf("Hà Nội has %d communes, want 126", len(hn))
			}
			if got, err := s.Children(ctx, "00004"); err != nil || got == nil || len(got) != 0 {
				t.Errorf("Children(commune) = %v, %v; want empty", got, err)
			}
			for _, code := range []string{"99", "001", "06978", "x"} {
				if _, err := s.Children(ctx, code); !errors.Is(err, ErrNotFound) {
					t.Errorf("Children(%q) error = %v, want ErrNotFound", code, err)
				}
			}
		})

		t.Run("provinces in Vietnamese order", func(t *testing.T) {
			ps, err := s.Provinces(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			got := strings.Join(names, ", ")
			// Byte order would put every Đ… after Vĩnh Long.
			if !strings.HasPrefix(got, "An Giang, Bắc Ninh, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, Điện Biên, Đồng Nai, Đồng Tháp, Gia Lai") ||
				!strings.HasSuffix(got, "Tuyên Quang, Vĩnh Long") {
				t.Errorf("Provinces order = %s", got)
			}
		})

		t.Run("communes", func(t *testing.T) {
			qn, err := s.Communes(ctx, "22")
			if err != nil {
				t.Fatal(err)
			}
			codes := map[string]bool{}
			for _, u := range qn {
				codes[u.Code] = true
			}
			if !codes["06970"] || codes["06978"] {
				t.Errorf("Quảng Ninh communes: 06970 %v, 06978 %v", codes["06970"], codes["06978"])
			}
			if _, err := s.Communes(ctx, "00004"); !errors.Is(err, ErrNotFound) {
				t.Errorf("Communes(commune) error = %v", err)
			}
			if _, err := s.Communes(ctx, "02"); !errors.Is(err, ErrNotFound) {
				t.Errorf("Communes(old province) error = %v", err)
			}
		})

		t.Run("unit", func(t *testing.T) {
			u, err := s.Unit(ctx, "01")
			if err != nil || u.FullName != "Thành phố Hà Nội" || u.Level != LevelProvince || u.ValidFrom != ReformDate || u.ValidTo != "" || u.ParentCode != "" {
				t.Errorf("Unit(01) = %+v, %v", u, err)
			}
			u, err = s.Unit(ctx, "06970")
			if err != nil || u.Name != "Ba Chẽ" || u.ParentCode != "22" {
				t.Errorf("Unit(06970) = %+v, %v", u, err)
			}
			for _, code := range []string{"06978", "02", "001", ""} {
				if _, err := s.Unit(ctx, code); !errors.Is(err, ErrNotFound) {
					t.Errorf("Unit(%q) error = %v, want ErrNotFound", code, err)
				}
			}
			old, err := s.UnitOn(ctx, "00004", "2025-06-30")
			if err != nil || old.FullName != "Phường Trúc Bạch" || old.ParentCode != "001" || old.ValidTo != ReformDate {
				t.Errorf("UnitOn(00004, 2025-06-30) = %+v, %v", old, err)
			}
			dist, err := s.UnitOn(ctx, "001", "2025-06-30")
			if err != nil || dist.FullName != "Quận Ba Đình" || dist.Level != LevelDistrict || dist.ParentCode != "01" {
				t.Errorf("UnitOn(001) = %+v, %v", dist, err)
			}
			if _, err := s.UnitOn(ctx, "00004", "2025-02-28"); !errors.Is(err, ErrNotFound) {
				t.Errorf("UnitOn before the old list = %v", err)
			}
		})

		t.Run("clock before the reform", func(t *testing.T) {
			past := &Store{db: d, now: func() time.Time { return time.Date(2025, 6, 30, 12, 0, 0, 0, vietnam) }}
			ps, err := past.Provinces(ctx)
			if err != nil || len(ps) != 63 {
				t.Errorf("Provinces on 2025-06-30 = %d, %v; want 63", len(ps), err)
			}
			// 17:30 UTC on 30 June is already 1 July in Vietnam.
			edge := &Store{db: d, now: func() time.Time { return time.Date(2025, 6, 30, 17, 30, 0, 0, time.UTC) }}
			if ps, err := edge.Provinces(ctx); err != nil || len(ps) != 34 {
				t.Errorf("Provinces at 00:30 on 1 July in Vietnam = %d, %v; want 34", len(ps), err)
			}
		})
	})
}

func TestSeedIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)
		mustExec := func(q string, args ...any) {
			t.Helper()
			if _, err := d.Exec(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		// A hand edit survives a second Seed: with the hash unchanged, Seed
		// writes nothing.
		mustExec("UPDATE units SET name = 'X' WHERE code = '01' AND valid_from = ?", ReformDate)
		start := time.Now()
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		t.Logf("second seed on %s: %v", d.Dialect(), time.Since(start))
		if u, err := s.Unit(ctx, "01"); err != nil || u.Name != "X" {
			t.Fatalf("after a no-op Seed: %+v, %v", u, err)
		}

		// With another hash recorded, Seed restores the data and drops rows
		// the data does not have.
		if err := db.SetMeta(ctx, d, metaKey, "stale"); err != nil {
			t.Fatal(err)
		}
		mustExec("INSERT INTO units (code, level, name, full_name, valid_from) VALUES ('98', 'tinh', 'Giả', 'Tỉnh Giả', ?)", ReformDate)
		mustExec("INSERT INTO agencies (code, kind, name) VALUES ('BGIA', 'bo', 'Bộ Giả')")
		mustExec("INSERT INTO unit_successors (old_code, old_level, new_code, changed_on) VALUES ('97', 'tinh', '98', ?)", ReformDate)
		start = time.Now()
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		t.Logf("re-seed on %s: %v", d.Dialect(), time.Since(start))
		if u, err := s.Unit(ctx, "01"); err != nil || u.Name != "Hà Nội" {
			t.Errorf("after re-seed Unit(01) = %+v, %v", u, err)
		}
		if _, err := s.Unit(ctx, "98"); !errors.Is(err, ErrNotFound) {
			t.Errorf("stale unit survived: %v", err)
		}
		if _, err := s.Agency(ctx, "BGIA"); !errors.Is(err, ErrNotFound) {
			t.Errorf("stale agency survived: %v", err)
		}
		c, err := s.Counts(ctx)
		if err != nil || c.Successions != 10565+5+63 || c.CurrentProvinces != 34 {
			t.Errorf("after re-seed Counts = %+v, %v", c, err)
		}
		key, err := dataKey()
		if err != nil {
			t.Fatal(err)
		}
		if v, _, err := d.Meta(ctx, metaKey); err != nil || v != key {
			t.Errorf("meta data key = %q, %v; want %q", v, err, key)
		}
	})
}

// BenchmarkSeed measures a full seed into a fresh database per iteration
// (run with LOA_TEST_DATABASE_URL set for PostgreSQL).
func BenchmarkSeed(b *testing.B) {
	for _, open := range []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(open.name, func(b *testing.B) {
			if _, err := embedded(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				b.StopTimer()
				d := open.open(b)
				b.StartTimer()
				if err := NewStore(d).Seed(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSeedConcurrent starts several seeds at once, as replicas sharing one
// PostgreSQL do at start-up: all must succeed and leave one copy of the data.
func TestSeedConcurrent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		errs := make(chan error, 3)
		for range 3 {
			go func() { errs <- NewStore(d).Seed(ctx) }()
		}
		for range 3 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		c, err := NewStore(d).Counts(ctx)
		if err != nil || c.CurrentCommunes != 3321 || c.OldCommunes != 10035 || c.Agencies != 3372 {
			t.Errorf("Counts after concurrent seeds = %+v, %v", c, err)
		}
	})
}
