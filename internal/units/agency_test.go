package units

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestAgencies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)

		for kind, want := range map[AgencyKind]int{AgencyMinistry: 17, AgencyProvince: 34, AgencyCommune: 3321, "x": 0} {
			as, err := s.Agencies(ctx, kind)
			if err != nil || len(as) != want {
				t.Errorf("Agencies(%q) = %d, %v; want %d", kind, len(as), err, want)
			}
		}
		ms, err := s.Agencies(ctx, AgencyMinistry)
		if err != nil {
			t.Fatal(err)
		}
		// The government's own order, not the alphabet.
		if ms[0].Code != "BQP" || ms[1].Code != "BCA" || ms[16].Code != "VPCP" || ms[1].Name != "Bộ Công an" || ms[1].UnitCode != "" || ms[1].ParentCode != "" {
			t.Errorf("ministries = %+v … %+v", ms[0], ms[16])
		}
		ps, err := s.Agencies(ctx, AgencyProvince)
		if err != nil || ps[0].Code != "UBND-91" {
			t.Errorf("first province committee = %+v, %v; want An Giang's", ps[0], err)
		}

		hn, err := s.Agency(ctx, "UBND-01")
		want := Agency{Code: "UBND-01", Name: "Ủy ban nhân dân Thành phố Hà Nội", NameEn: "People's Committee of Hanoi City",
			Kind: AgencyProvince, UnitCode: "01"}
		if err != nil || *hn != want {
			t.Errorf("Agency(UBND-01) = %+v, %v; want %+v", hn, err, want)
		}
		bd, err := s.Agency(ctx, "UBND-00004")
		want = Agency{Code: "UBND-00004", Name: "Ủy ban nhân dân Phường Ba Đình", NameEn: "People's Committee of Ba Dinh Ward",
			Kind: AgencyCommune, UnitCode: "00004", ParentCode: "UBND-01"}
		if err != nil || *bd != want {
			t.Errorf("Agency(UBND-00004) = %+v, %v; want %+v", bd, err, want)
		}
		for _, code := range []string{"UBND-06978", "UBND-02", "bca", ""} {
			if _, err := s.Agency(ctx, code); !errors.Is(err, ErrNotFound) {
				t.Errorf("Agency(%q) error = %v, want ErrNotFound", code, err)
			}
		}

		for unit, code := range map[string]string{"01": "UBND-01", "00004": "UBND-00004", "06970": "UBND-06970"} {
			a, err := s.AgencyForUnit(ctx, unit)
			if err != nil || a.Code != code {
				t.Errorf("AgencyForUnit(%s) = %+v, %v; want %s", unit, a, err, code)
			}
		}
		if _, err := s.AgencyForUnit(ctx, "001"); !errors.Is(err, ErrNotFound) {
			t.Errorf("AgencyForUnit(old district) error = %v", err)
		}

		for _, tt := range []struct {
			scope, target string
			want          bool
		}{
			{"UBND-01", "UBND-00004", true},
			{"UBND-01", "UBND-01", true},
			{"UBND-00004", "UBND-00004", true},
			{"UBND-79", "UBND-00004", false},
			{"UBND-00004", "UBND-01", false},
			{"BCA", "UBND-01", false},
			{"BCA", "BCA", true},
			{"", "BCA", false},
		} {
			got, err := s.InScope(ctx, tt.scope, tt.target)
			if err != nil || got != tt.want {
				t.Errorf("InScope(%q, %q) = %v, %v; want %v", tt.scope, tt.target, got, err, tt.want)
			}
		}
		if _, err := s.InScope(ctx, "UBND-01", "UBND-99999"); !errors.Is(err, ErrNotFound) {
			t.Errorf("InScope(unknown target) error = %v", err)
		}
	})
}

func TestCovers(t *testing.T) {
	commune := Agency{Code: "UBND-00004", Kind: AgencyCommune, UnitCode: "00004", ParentCode: "UBND-01"}
	for _, tt := range []struct {
		scope string
		want  bool
	}{{"UBND-00004", true}, {"UBND-01", true}, {"UBND-79", false}, {"", false}, {"BCA", false}} {
		if got := Covers(tt.scope, commune); got != tt.want {
			t.Errorf("Covers(%q, Ba Đình) = %v, want %v", tt.scope, got, tt.want)
		}
	}
	if Covers("", Agency{}) {
		t.Error("an empty scope covers an empty agency")
	}
}

func TestAgencyParents(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		parents, err := seeded(t, d).AgencyParents(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(parents) != 3321 {
			t.Errorf("%d agencies with a parent, want the 3,321 commune committees", len(parents))
		}
		if got := parents["UBND-00004"]; got != "UBND-01" {
			t.Errorf("parent of Phường Ba Đình's committee = %q, want UBND-01", got)
		}
		if _, ok := parents["BCA"]; ok {
			t.Error("a ministry has a parent")
		}
	})
}
