package workdays_test

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/workdays"
)

func TestStoreOverrides(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := workdays.NewStore(d)
		actor := audit.Actor{ID: 1, Name: "admin", Agency: "VN"}
		sat, _ := workdays.ParseDate("2025-02-08")
		if err := s.Set(ctx, actor, workdays.Override{Date: sat, Kind: workdays.KindWorking, Note: "Làm bù  Tết"}); err != nil {
			t.Fatal(err)
		}
		cal, err := s.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !cal.IsWorkingDay(sat) {
			t.Error("stored override not in the calendar")
		}
		// Replacing the same day.
		if err := s.Set(ctx, actor, workdays.Override{Date: sat, Kind: workdays.KindHoliday, Note: "Đổi lại"}); err != nil {
			t.Fatal(err)
		}
		list, err := s.Overrides(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Kind != workdays.KindHoliday || list[0].Note != "Đổi lại" {
			t.Errorf("overrides = %+v", list)
		}
		if other, _ := s.Overrides(ctx, 2026); len(other) != 0 {
			t.Errorf("2026 overrides = %+v", other)
		}
		if err := s.Set(ctx, actor, workdays.Override{Date: sat, Kind: "x", Note: "n"}); !errors.Is(err, workdays.ErrInvalid) {
			t.Errorf("bad kind: err = %v", err)
		}
		if err := s.Set(ctx, actor, workdays.Override{Date: sat, Kind: workdays.KindWorking}); !errors.Is(err, workdays.ErrInvalid) {
			t.Errorf("no note: err = %v", err)
		}
		if err := s.Delete(ctx, actor, sat); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.Overrides(ctx, 0); len(list) != 0 {
			t.Errorf("after delete: %+v", list)
		}
		n, err := audit.NewStore(d).Count(ctx, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("audit entries = %d, want 3 (two sets, one delete)", n)
		}
	})
}
