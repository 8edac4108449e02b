package targets

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

var seedNow = time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)

func seedStore(d *db.DB) *Store {
	return NewStore(d, WithClock(func() time.Time { return seedNow }))
}

// urlOrDocument matches what a sourced value must cite: a page address or
// a numbered document.
var urlOrDocument = regexp.MustCompile(`https://\S+|\d+/QĐ-TTg|thuyết minh Đề án`)

// TestReferenceTargetsValid: every reference target passes the store's own
// checks, cites a source for the values it sets, and says what is still
// unknown rather than guessing it.
func TestReferenceTargetsValid(t *testing.T) {
	seen := map[string]bool{}
	positions := map[int]string{}
	for _, st := range referenceTargets() {
		in := st.in
		in.normalize()
		if err := in.validate("seed "+st.key, false, nil); err != nil {
			t.Errorf("%s: %v", st.key, err)
		}
		if seen[st.key] || positions[st.position] != "" {
			t.Errorf("%s: duplicate key or position %d", st.key, st.position)
		}
		seen[st.key], positions[st.position] = true, st.key
		if in.Confirmed {
			t.Errorf("%s: confirmed without the official text", st.key)
		}
		if utf8.RuneCountInString(in.Source) > maxSource {
			t.Errorf("%s: source of %d characters", st.key, utf8.RuneCountInString(in.Source))
		}
		set := in.Baseline != nil || in.Target2025 != nil || in.Target2030 != nil
		if set && !urlOrDocument.MatchString(in.Source) {
			t.Errorf("%s: values without a cited source: %q", st.key, in.Source)
		}
		if (in.Baseline == nil || in.Target2025 == nil || in.Target2030 == nil) && !strings.Contains(in.Source, "Cần xác nhận:") {
			t.Errorf("%s: a value is unknown but the source does not say what to confirm", st.key)
		}
	}
	for _, gen := range seedGenerations {
		for _, st := range gen() {
			if !seen[st.key] {
				t.Errorf("%s was seeded once and is gone from the reference data", st.key)
			}
		}
	}
}

func TestSeedReferenceFresh(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seedStore(d)
		sum, err := s.SeedReference(ctx)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != len(referenceTargets()) || sum.Upgraded != 0 || len(list) != sum.Created {
			t.Fatalf("seeded %+v, listed %d", sum, len(list))
		}
		by := map[string]Target{}
		for _, tg := range list {
			by[tg.Key] = tg
		}
		if r := by["ho_so_truc_tuyen"]; r.Baseline == nil || *r.Baseline != 38.3 || *r.BaselineYear != 2023 || r.Indicator != "online_rate" {
			t.Errorf("online dossiers %+v", r)
		}
		if r := by["ho_so_toan_trinh"]; r.Baseline == nil || *r.Baseline != 22.37 || r.Target2025 == nil || *r.Target2025 != 80 ||
			r.Indicator != "fully_online_rate" || !strings.Contains(r.Source, "942/QĐ-TTg") {
			t.Errorf("fully online %+v", r)
		}
		if r := by["xep_hang_egdi"]; r.Direction != LowerIsBetter || r.Unit != UnitRank || *r.Baseline != 71 ||
			*r.BaselineYear != 2024 || *r.Target2025 != 70 || *r.Target2030 != 50 || !strings.Contains(r.Source, "749/QĐ-TTg") {
			t.Errorf("EGDI %+v", r)
		}
		// The list keeps the programme's order: dossiers first, ranks last.
		if list[0].Key != "ho_so_truc_tuyen" || list[len(list)-1].Key != "xep_hang_egdi" {
			t.Errorf("order %s … %s", list[0].Key, list[len(list)-1].Key)
		}
		// A second seeding does nothing.
		if sum, err := s.SeedReference(ctx); err != nil || sum != (SeedSummary{}) {
			t.Fatalf("second seeding %+v: %v", sum, err)
		}
	})
}

// seedV1 writes generation 1 as the first version of Loa did.
func seedV1(t *testing.T, s *Store) {
	t.Helper()
	for _, st := range referenceTargetsV1() {
		st.in.ChangeNote = "Dữ liệu tham chiếu ban đầu, cần xác nhận."
		if _, err := s.Create(context.Background(), audit.System, st.key, st.position, st.in); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSeedReferenceUpgrade: on a database seeded by generation 1, the
// targets nobody touched move to the sourced values, those a person edited
// stay exactly as the person left them, and the new targets are added.
func TestSeedReferenceUpgrade(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seedStore(d)
		seedV1(t, s)
		coordinator := audit.Actor{ID: 7, Name: "dieuphoi", Agency: "VN"}

		// The coordinator edits the online-dossier rate…
		cur, err := s.Get(ctx, "ho_so_truc_tuyen")
		if err != nil {
			t.Fatal(err)
		}
		edited := inputOf(cur)
		edited.Target2025, edited.ChangeNote = ptr(55.0), "Theo báo cáo của Văn phòng Chính phủ"
		if _, err := s.Update(ctx, coordinator, "ho_so_truc_tuyen", cur.Version, edited); err != nil {
			t.Fatal(err)
		}
		// …and edits the OSI rank, then puts every value back as the seed
		// had it: still a person's edit, never to be overwritten.
		osi, _ := s.Get(ctx, "xep_hang_osi")
		back := inputOf(osi)
		back.Name, back.ChangeNote = "Tạm đổi tên", "Thử"
		if osi, err = s.Update(ctx, coordinator, "xep_hang_osi", osi.Version, back); err != nil {
			t.Fatal(err)
		}
		back.Name, back.ChangeNote = referenceTargetsV1()[4].in.Name, "Trả lại"
		if _, err := s.Update(ctx, coordinator, "xep_hang_osi", osi.Version, back); err != nil {
			t.Fatal(err)
		}

		sum, err := s.SeedReference(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Upgraded: toan_trinh, nguoi_truong_thanh (can_bo_tap_huan is the
		// same in both generations); created: thu_tuc_toan_trinh, xep_hang_egdi.
		if sum.Created != 2 || sum.Upgraded != 2 {
			t.Fatalf("summary %+v, want 2 created and 2 upgraded", sum)
		}
		want := map[string]seedTarget{}
		for _, st := range referenceTargets() {
			want[st.key] = st
		}
		for _, key := range []string{"ho_so_toan_trinh", "nguoi_truong_thanh_dvctt", "thu_tuc_toan_trinh", "xep_hang_egdi", "can_bo_tap_huan"} {
			got, err := s.Get(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			if !sameContent(got, want[key].in) {
				t.Errorf("%s not at the current reference data: %+v", key, got)
			}
		}
		ft, _ := s.Get(ctx, "ho_so_toan_trinh")
		if ft.Version != 2 || ft.CreatedByID != audit.System.ID || !strings.Contains(ft.ChangeNote, "đợt 2") ||
			ft.Indicator != "fully_online_rate" || *ft.Target2025 != 80 {
			t.Errorf("upgraded version %+v", ft)
		}
		if cb, _ := s.Get(ctx, "can_bo_tap_huan"); cb.Version != 1 {
			t.Errorf("unchanged reference target got version %d", cb.Version)
		}
		// The person's edits are untouched: no new version, no binding.
		if got, _ := s.Get(ctx, "ho_so_truc_tuyen"); got.Version != 2 || *got.Target2025 != 55 || got.Indicator != "" {
			t.Errorf("edited target changed: %+v", got)
		}
		if got, _ := s.Get(ctx, "xep_hang_osi"); got.Version != 3 || got.Baseline != nil || got.CreatedBy != "dieuphoi" {
			t.Errorf("edited-and-restored target changed: %+v", got)
		}
		entries, err := audit.NewStore(d).List(ctx, audit.Filter{ObjectType: "target", ObjectID: "ho_so_toan_trinh"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Action != "target.update" || entries[0].Actor.ID != audit.System.ID {
			t.Errorf("upgrade not audited: %+v", entries)
		}

		// Idempotent: nothing more on the next start.
		if sum, err := s.SeedReference(ctx); err != nil || sum != (SeedSummary{}) {
			t.Fatalf("second seeding %+v: %v", sum, err)
		}
	})
}

// TestSeedReferenceLeavesUnknownContent: a target only Loa wrote but that
// holds something no generation seeded (written by a later Loa, say) is
// not Loa's to upgrade.
func TestSeedReferenceLeavesUnknownContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seedStore(d)
		seedV1(t, s)
		cur, _ := s.Get(ctx, "nguoi_truong_thanh_dvctt")
		in := inputOf(cur)
		in.Target2025, in.ChangeNote = ptr(50.0), "Nhập bằng lệnh"
		if _, err := s.Update(ctx, audit.System, cur.Key, cur.Version, in); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SeedReference(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Get(ctx, cur.Key); got.Version != 2 || *got.Target2025 != 50 {
			t.Errorf("target with unknown content changed: %+v", got)
		}
	})
}

// inputOf is the input that would save t again as it is.
func inputOf(t Target) Input {
	return Input{Name: t.Name, Unit: t.Unit, Direction: t.Direction, Baseline: t.Baseline, BaselineYear: t.BaselineYear,
		Target2025: t.Target2025, Target2030: t.Target2030, Source: t.Source, Indicator: t.Indicator, Confirmed: t.Confirmed}
}
