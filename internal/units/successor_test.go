package units

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestSuccessors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)

		// Đặng Xá (00556) went to Phù Đổng and, by the erratum, Thuận An
		// (the published row says 00553, Cổ Bi's code).
		got, err := s.Successors(ctx, "00556")
		want := []Succession{
			{OldCode: "00556", OldLevel: LevelCommune, OldFullName: "Xã Đặng Xá", NewCode: "00541",
				NewFullName: "Xã Phù Đổng", NewParentCode: "01", Note: "Nhập một phần diện tích", ChangedOn: ReformDate},
			{OldCode: "00556", OldLevel: LevelCommune, OldFullName: "Xã Đặng Xá", NewCode: "00562",
				NewFullName: "Xã Thuận An", NewParentCode: "01", Note: "Nhập một phần diện tích, toàn bộ dân số", ChangedOn: ReformDate},
		}
		if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("Successors(00556) = %+v, %v; want %+v", got, err, want)
		}

		// Cổ Bi (00553) was split three ways and never went to Thuận An.
		got, err = s.Successors(ctx, "00553")
		if err != nil || len(got) != 3 {
			t.Fatalf("Successors(00553) = %+v, %v", got, err)
		}
		for _, x := range got {
			if x.NewCode == "00562" || x.OldFullName != "Xã Cổ Bi" || x.Note != "Nhập một phần" {
				t.Errorf("Cổ Bi successor %+v", x)
			}
		}

		for _, tt := range []struct{ old, new, name, note string }{
			{"02", "08", "Tỉnh Tuyên Quang", "Nhập toàn bộ"}, // Hà Giang
			{"01", "01", "Thành phố Hà Nội", "Giữ nguyên"},
			{"318", "11948", "Đặc khu Bạch Long Vĩ", "Sắp xếp toàn bộ huyện Bạch Long Vĩ thành đặc khu Bạch Long Vĩ"},
			{"27691", "27694", "Phường Long An", "Nhập toàn bộ"},
		} {
			got, err := s.Successors(ctx, tt.old)
			if err != nil || len(got) != 1 || got[0].NewCode != tt.new || got[0].NewFullName != tt.name || got[0].Note != tt.note {
				t.Errorf("Successors(%s) = %+v, %v; want %s %s", tt.old, got, err, tt.new, tt.name)
			}
		}

		// Kim Sơn had communes; only its alluvial area went to Kim Đông, so
		// the district itself has no link.
		if got, err := s.Successors(ctx, "376"); err != nil || got == nil || len(got) != 0 {
			t.Errorf("Successors(376) = %+v, %v; want empty", got, err)
		}
		if _, err := s.Successors(ctx, "99999"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Successors(unknown) error = %v", err)
		}

		pre, err := s.Predecessors(ctx, "00004")
		if err != nil || len(pre) == 0 {
			t.Fatalf("Predecessors(00004) = %+v, %v", pre, err)
		}
		names := map[string]bool{}
		for _, x := range pre {
			names[x.OldFullName] = true
		}
		if !names["Phường Trúc Bạch"] || !names["Phường Quán Thánh"] {
			t.Errorf("Predecessors(00004) names = %v", names)
		}
	})
}
