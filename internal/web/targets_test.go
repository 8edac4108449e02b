package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/targets"
)

// editForm is the target edit form for the seeded online-dossier rate,
// with 2025 and 2030 targets filled in.
func editForm(version string) url.Values {
	return url.Values{"version": {version}, "name": {"Tỷ lệ hồ sơ trực tuyến"}, "unit": {"%"}, "direction": {"higher"},
		"baseline": {"38,3"}, "baseline_year": {"2023"}, "target_2025": {"50"}, "target_2030": {"70"},
		"source": {"Thử nghiệm"}, "change_note": {"Nhập mục tiêu"}}
}

func TestTargetsAdmin(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "dieuphoi", staff.RoleAdmin, staff.National)
		c := newStaffClient(t, ts.URL)
		c.login("dieuphoi", pw)

		status, body, _ := c.get("/quan-tri/muc-tieu")
		if status != 200 || !strings.Contains(body, "Thứ hạng Chỉ số dịch vụ trực tuyến (OSI)") || !strings.Contains(body, "Chưa đủ dữ liệu") {
			t.Fatalf("list: %d %.600s", status, body)
		}
		const page = "/quan-tri/muc-tieu/ho_so_truc_tuyen"
		status, body, _ = c.get(page)
		if status != 200 || !strings.Contains(body, `action="/quan-tri/muc-tieu/ho_so_truc_tuyen/so-lieu"`) {
			t.Fatalf("detail: %d %.600s", status, body)
		}
		version := versionOn(t, body)

		// A number that cannot be read: nothing saved, the form comes back.
		bad := editForm(version)
		bad.Set("target_2025", "năm mươi")
		if status, body, _ := c.post(page, bad); status != http.StatusBadRequest || !strings.Contains(body, "Không đọc được số") ||
			!strings.Contains(body, `value="năm mươi"`) {
			t.Fatalf("bad number: %d %.600s", status, body)
		}
		// A rate over 100: the domain's message.
		bad = editForm(version)
		bad.Set("target_2030", "120")
		if status, body, _ := c.post(page, bad); status != http.StatusBadRequest || !strings.Contains(body, "tỷ lệ phải từ 0 đến 100") {
			t.Fatalf("over 100: %d %.600s", status, body)
		}
		if status, _, hdr := c.post(page, editForm(version)); status != http.StatusSeeOther || !strings.Contains(hdr.Get("Location"), "ok=target_saved") {
			t.Fatalf("save: %d %v", status, hdr)
		}
		// The same form again is a conflict with the version just saved.
		if status, body, _ := c.post(page, editForm(version)); status != http.StatusConflict || !strings.Contains(body, `value="50"`) {
			t.Fatalf("stale save: %d %.600s", status, body)
		}

		obs := url.Values{"period": {"2024"}, "value": {"45"}, "source_kind": {"manual"}, "source": {"Báo cáo thử"}}
		if status, _, _ := c.post(page+"/so-lieu", obs); status != http.StatusSeeOther {
			t.Fatalf("observe: %d", status)
		}
		future := url.Values{"period": {"2099"}, "value": {"45"}, "source_kind": {"manual"}, "source": {"x"}}
		if status, body, _ := c.post(page+"/so-lieu", future); status != http.StatusBadRequest || !strings.Contains(body, "chưa kết thúc") {
			t.Fatalf("future period: %d %.400s", status, body)
		}
		status, body, _ = c.get(page)
		// 38.3 (2023) → 45 (2024) is ahead of the pace to 50 (2025) and to 70 (2030).
		if status != 200 || !strings.Contains(body, "Đúng tiến độ") || !strings.Contains(body, "17,49%/năm") ||
			!strings.Contains(body, "Báo cáo thử") || strings.Count(body, "<tr") < 4 {
			t.Fatalf("after observation: %d %.2000s", status, body)
		}

		entries, err := a.Audit.List(context.Background(), audit.Filter{ObjectType: "target", ObjectID: "ho_so_truc_tuyen"})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if e.Actor.Name == "dieuphoi" {
				seen[e.Action] = true
			}
		}
		if !seen["target.update"] || !seen["target.observe"] || len(entries) != 3 {
			t.Errorf("audit: %v (%d entries)", seen, len(entries))
		}

		// An analyst reads the section but has no forms and may not post.
		apw := createStaff(t, a, "phantich", staff.RoleAnalyst, "UBND-01")
		an := newStaffClient(t, ts.URL)
		an.login("phantich", apw)
		if status, body, _ := an.get(page); status != 200 || strings.Contains(body, `action="/quan-tri/muc-tieu/ho_so_truc_tuyen/so-lieu"`) {
			t.Fatalf("analyst view: %d", status)
		}
		if status, _, _ := an.post(page+"/so-lieu", obs); status != http.StatusForbidden {
			t.Fatalf("analyst post: %d", status)
		}
		if status, _, _ := c.get("/quan-tri/muc-tieu/khong_co"); status != http.StatusNotFound {
			t.Fatalf("unknown target: %d", status)
		}
	})
}

func TestTargetsPublic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		status, body, _ := get(t, ts, "/so-lieu/muc-tieu")
		if status != 200 || !strings.Contains(body, "Mục tiêu của Đề án") || !strings.Contains(body, `role="img"`) ||
			!strings.Contains(body, "38,3% (2023)") || !strings.Contains(body, "Cần xác nhận") {
			t.Fatalf("page: %d %.1000s", status, body)
		}
		if strings.Contains(body, "system") {
			t.Error("the public page names who entered the figures")
		}

		// Add an observation through the store and see it in every format.
		ctx := context.Background()
		if _, err := a.Targets.AddObservation(ctx, audit.System, "ho_so_toan_trinh", targetsObservation("2024", 25.5)); err != nil {
			t.Fatal(err)
		}
		status, body, hdr := get(t, ts, "/so-lieu/muc-tieu.json")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("json: %d %s", status, hdr.Get("Content-Type"))
		}
		var out struct {
			Targets []struct {
				Key          string   `json:"key"`
				Direction    string   `json:"direction"`
				Baseline     *float64 `json:"baseline"`
				Target2030   *float64 `json:"target_2030"`
				Observations []struct {
					Period string  `json:"period"`
					Value  float64 `json:"value"`
				} `json:"observations"`
				Progress struct {
					Status         string   `json:"status"`
					Label          string   `json:"label"`
					ObservedGrowth *float64 `json:"observed_growth"`
				} `json:"progress"`
			} `json:"targets"`
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("json: %v", err)
		}
		if strings.Contains(body, "created_by") || strings.Contains(body, "\"system\"") {
			t.Error("the JSON export names staff")
		}
		byKey := map[string]int{}
		for i, tg := range out.Targets {
			byKey[tg.Key] = i
		}
		ft := out.Targets[byKey["ho_so_toan_trinh"]]
		// 22.37 → 25.5 in a year is +14% a year, where reaching 80% in 2025
		// (Quyết định 942/QĐ-TTg) needs +89%: limited progress.
		if len(ft.Observations) != 1 || ft.Observations[0].Period != "2024" || ft.Progress.Status != "limited_progress" ||
			ft.Progress.ObservedGrowth == nil || *ft.Progress.ObservedGrowth < 0.13 || *ft.Progress.ObservedGrowth > 0.15 {
			t.Errorf("fully online in JSON: %+v", ft)
		}
		if osi := out.Targets[byKey["xep_hang_osi"]]; osi.Direction != "lower" || osi.Target2030 == nil || *osi.Target2030 != 50 ||
			osi.Progress.Status != "insufficient_data" || osi.Progress.Label != "Chưa đủ dữ liệu" {
			t.Errorf("OSI in JSON: %+v", osi)
		}

		status, body, hdr = get(t, ts, "/so-lieu/muc-tieu.csv")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", status, hdr.Get("Content-Type"))
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "target_key" || rows[0][6] != "value" {
			t.Fatalf("header %v", rows[0])
		}
		found := false
		for _, r := range rows[1:] {
			if r[0] == "ho_so_toan_trinh" && r[4] == "observation" && r[5] == "2024" && r[6] == "25.5" && r[9] == "limited_progress" {
				found = true
			}
			if r[0] == "ho_so_truc_tuyen" && r[4] == "baseline" && r[6] != "38.3" {
				t.Errorf("baseline row %v", r)
			}
		}
		if !found {
			t.Errorf("observation row missing: %v", rows)
		}
	})
}

func targetsObservation(period string, v float64) targets.ObservationInput {
	return targets.ObservationInput{Period: period, Value: v, SourceKind: targets.SourceManual, Source: "Báo cáo thử nghiệm"}
}

// TestTargetsComputed: once the programme's 2023 figures are imported and
// the sweep has run, the bound targets show Loa's figures with a visible
// "tự động tính" mark; the coordinator binds a target to a measured rate
// in the form, and a person's value is always entered as manual.
func TestTargetsComputed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		importSeed2023(t, a)
		if _, err := a.ComputeTargets(ctx); err != nil {
			t.Fatal(err)
		}
		const mark = `<span class="badge auto">tự động tính</span>`
		status, body, _ := get(t, ts, "/so-lieu/muc-tieu")
		if status != 200 || strings.Count(body, mark) < 4 || !strings.Contains(body, "18.240.000/47.624.021 hồ sơ") ||
			!strings.Contains(body, "38,3% (năm 2023) "+mark) || !strings.Contains(body, "chỉ số đo lường “Tỷ lệ hồ sơ trực tuyến toàn trình”") {
			t.Fatalf("public page: %d %.3000s", status, body)
		}

		pw := createStaff(t, a, "dieuphoi", staff.RoleAdmin, staff.National)
		c := newStaffClient(t, ts.URL)
		c.login("dieuphoi", pw)
		const page = "/quan-tri/muc-tieu/ho_so_truc_tuyen"
		status, body, _ = c.get(page)
		if status != 200 || !strings.Contains(body, mark) || !strings.Contains(body, `<option value="online_rate" selected>`) ||
			strings.Contains(body, `name="source_kind"`) {
			t.Fatalf("admin page: %d %.3000s", status, body)
		}
		if status, body, _ := c.get("/quan-tri/muc-tieu"); status != 200 || !strings.Contains(body, "38,3% (năm 2023) "+mark) {
			t.Fatalf("admin list: %d %.2000s", status, body)
		}

		// Only rates Loa measures may be bound.
		form := editForm(versionOn(t, body))
		form.Set("indicator", "hours_saved")
		if status, body, _ := c.post(page, form); status != http.StatusBadRequest || !strings.Contains(body, "không phải chỉ số tỷ lệ mà Loa đo") {
			t.Fatalf("bad binding: %d %.600s", status, body)
		}
		form.Set("indicator", "fully_online_rate")
		if status, _, _ := c.post(page, form); status != http.StatusSeeOther {
			t.Fatalf("rebinding: %d", status)
		}
		if tg, err := a.Targets.Get(ctx, "ho_so_truc_tuyen"); err != nil || tg.Indicator != "fully_online_rate" {
			t.Fatalf("binding not saved: %+v %v", tg, err)
		}

		// A value typed in the form is a person's, whatever kind is posted.
		obs := url.Values{"period": {"2024"}, "value": {"45"}, "source_kind": {"computed"}, "source": {"Báo cáo thử"}}
		if status, _, _ := c.post(page+"/so-lieu", obs); status != http.StatusSeeOther {
			t.Fatalf("observe: %d", status)
		}
		list, err := a.Targets.Observations(ctx, "ho_so_truc_tuyen")
		if err != nil {
			t.Fatal(err)
		}
		last := list[len(list)-1]
		if last.Period.String() != "2024" || last.SourceKind != targets.SourceManual || last.Automatic() {
			t.Errorf("typed observation %+v", last)
		}
	})
}
