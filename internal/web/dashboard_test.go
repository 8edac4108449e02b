package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/staff"
)

// seedMeasureDemo loads a small demo year ending last month, so the
// dashboards have whole months to show.
func seedMeasureDemo(t *testing.T, a *app.App) string {
	t.Helper()
	ctx := context.Background()
	svcs, err := a.Catalog.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(time.FixedZone("ICT", 7*3600))
	end := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	if _, err := a.Measure.Demo(ctx, measure.DemoOptions{Scale: 0.002, Seed: 3, End: end, Services: svcs}); err != nil {
		t.Fatal(err)
	}
	return end.Format("2006-01")
}

func TestPublicDashboards(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		month := seedMeasureDemo(t, a)
		get := func(path string) (int, string, http.Header) {
			t.Helper()
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b strings.Builder
			buf := make([]byte, 32<<10)
			for {
				n, err := resp.Body.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			return resp.StatusCode, b.String(), resp.Header
		}
		status, body, _ := get("/so-lieu")
		if status != http.StatusOK {
			t.Fatalf("/so-lieu: %d %.500s", status, body)
		}
		for _, want := range []string{"Xếp hạng 34 tỉnh, thành phố", "Xếp hạng bộ, ngành", `role="img"`, "<title id=", "<caption>",
			"/so-lieu/tai-ve/xep-hang-tinh?ky=" + month, "Xu hướng 12 tháng", "Tỷ lệ hồ sơ trực tuyến"} {
			if !strings.Contains(body, want) {
				t.Errorf("/so-lieu lacks %q", want)
			}
		}
		// 34 provinces in the table (each a link to its drill-down).
		if n := strings.Count(body, `<th scope="row"><a href="/so-lieu/don-vi/`); n < 34+17 {
			t.Errorf("%d unit rows, want at least 51", n)
		}
		// The JSON download of the provinces' ranking matches the page.
		status, js, hdr := get("/so-lieu/tai-ve/xep-hang-tinh?ky=" + month + "&chi-so=online_rate&dinh-dang=json")
		if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("json: %d %s", status, js)
		}
		var table struct {
			Columns []string `json:"columns"`
			Rows    [][]any  `json:"rows"`
			Method  string   `json:"method"`
		}
		if err := json.Unmarshal([]byte(js), &table); err != nil || len(table.Rows) != 34 || !strings.Contains(table.Method, "ranking v1") {
			t.Fatalf("json table: %v %d rows %q", err, len(table.Rows), table.Method)
		}
		if first := table.Rows[0]; first[0] != nil {
			v, _ := first[6].(float64)
			if shown := strings.Replace(fmt.Sprintf("%.2f", v), ".", ",", 1) + " %"; !strings.Contains(body, shown) {
				t.Errorf("first province's value %s not on the page", shown)
			}
		}
		status, csvBody, _ := get("/so-lieu/tai-ve/xu-huong?ky=" + month + "&dinh-dang=csv")
		if status != http.StatusOK || strings.Count(csvBody, "\n") != 13 || !strings.HasPrefix(csvBody, "\ufeffmonth,online_rate_percent") {
			t.Errorf("trend csv: %d, %d lines: %s", status, strings.Count(csvBody, "\n"), csvBody)
		}
		for path, want := range map[string]int{
			"/so-lieu/xep-hang?cap=bo&chi-so=on_time_rate&ky=" + month: http.StatusOK,
			"/so-lieu/don-vi/01?ky=" + month[:4]:                       http.StatusOK,
			"/so-lieu/vinh-danh":                                       http.StatusOK,
			"/so-lieu/don-vi/khong-co":                                 http.StatusNotFound,
			"/so-lieu?ky=2025-13":                                      http.StatusBadRequest,
			"/so-lieu?chi-so=hours_saved":                              http.StatusBadRequest,
			"/so-lieu/tai-ve/khong-co?dinh-dang=csv":                   http.StatusNotFound,
			"/so-lieu/tai-ve/xu-huong?dinh-dang=xml":                   http.StatusBadRequest,
		} {
			if status, body, _ := get(path); status != want {
				t.Errorf("%s: %d, want %d (%.200s)", path, status, want, body)
			}
		}
		// A month no unit has enough dossiers in says so, and draws no
		// chart of empty bars.
		_, empty, _ := get("/so-lieu?ky=2020-01")
		if !strings.Contains(empty, "chưa đơn vị nào đủ dữ liệu để xếp hạng") || strings.Contains(empty, `id="bd-xep-hang-tinh-t"`) {
			t.Errorf("/so-lieu?ky=2020-01: want the note that nothing is ranked and no ranking chart")
		}
		_, unit, _ := get("/so-lieu/don-vi/01?ky=" + month[:4])
		if !strings.Contains(unit, "Xếp hạng xã, phường") || !strings.Contains(unit, "Thủ tục") {
			t.Errorf("province drill-down lacks communes or services")
		}
		// The ranking page's h1 is the ranking's title; its table is headed
		// by the period instead.
		_, rank, _ := get("/so-lieu/xep-hang?cap=bo&chi-so=on_time_rate&ky=" + month)
		if want := ">tháng " + month[5:] + "/" + month[:4] + "</h2>"; !strings.Contains(rank, want) {
			t.Errorf("ranking page lacks the heading %q", want)
		}
		// Cached: a second request is answered from the cache with the same
		// ETag, until the data version moves.
		_, _, h1 := get("/so-lieu")
		_, _, h2 := get("/so-lieu")
		if h1.Get("ETag") == "" || h1.Get("ETag") != h2.Get("ETag") {
			t.Errorf("ETags %q %q", h1.Get("ETag"), h2.Get("ETag"))
		}
	})
}

func TestAdminDashboardScopeAndRelease(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		seedMeasureDemo(t, a)
		// A held outlier of Hà Nội's commune 00004: Mondays of 100, then
		// 2,000.
		var evs []measure.EventInput
		monday := time.Date(2025, 3, 31, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
		n := 0
		for k := 0; k <= measure.OutlierWeeks; k++ {
			count := 100
			if k == 0 {
				count = 2000
			}
			for i := 0; i < count; i++ {
				n++
				evs = append(evs, measure.EventInput{ID: "e" + itoa(n), Source: "motcua", Type: "received", Procedure: "x.1",
					Unit: "00004", Channel: "online", Level: "full", OccurredAt: monday.AddDate(0, 0, -7*k).Format(time.RFC3339)})
			}
		}
		for start := 0; start < len(evs); start += measure.MaxBatch {
			if _, err := a.Measure.Ingest(ctx, measure.Sender{Agency: "UBND-01"}, measure.Items(evs[start:min(start+measure.MaxBatch, len(evs))])); err != nil {
				t.Fatal(err)
			}
		}
		held, err := a.Measure.QuarantineOutliers(ctx, "2025-03-31")
		if err != nil || len(held) != 1 {
			t.Fatalf("held %+v %v", held, err)
		}
		id := itoa(int(held[0].ID))

		hn := newStaffClient(t, ts.URL)
		hn.login("hn.admin", createStaff(t, a, "hn.admin", staff.RoleAgencyAdmin, "UBND-01"))
		hcm := newStaffClient(t, ts.URL)
		hcm.login("hcm.analyst", createStaff(t, a, "hcm.analyst", staff.RoleAnalyst, "UBND-79"))
		nat := newStaffClient(t, ts.URL)
		nat.login("dieu.phoi", createStaff(t, a, "dieu.phoi", staff.RoleAdmin, staff.National))

		_, body, _ := hn.get("/quan-tri/so-lieu")
		if !strings.Contains(body, "UBND-01:motcua") || !strings.Contains(body, "2025-03-31") || strings.Contains(body, ">Giải phóng<") {
			t.Errorf("Hà Nội's dashboard: source, held day, no release button expected")
		}
		_, body, _ = hcm.get("/quan-tri/so-lieu")
		if strings.Contains(body, "UBND-01:motcua") || strings.Contains(body, "2025-03-31") {
			t.Error("TP HCM sees Hà Nội's source or held day")
		}
		if status, _, _ := hcm.get("/quan-tri/so-lieu/nguon/UBND-01:motcua"); status != http.StatusForbidden && status != http.StatusNotFound {
			t.Errorf("TP HCM on Hà Nội's source: %d", status)
		}
		if status, body, _ := hn.get("/quan-tri/so-lieu/nguon/UBND-01:motcua"); status != http.StatusOK || !strings.Contains(body, "Nhịp gửi") {
			t.Errorf("source page: %d", status)
		}
		// Only the coordinator releases, with a reason.
		if status, _, _ := hn.post("/quan-tri/so-lieu/cach-ly", url.Values{"id": {id}, "note": {"ok"}}); status != http.StatusForbidden {
			t.Errorf("agency admin released: %d", status)
		}
		if status, _, _ := nat.post("/quan-tri/so-lieu/cach-ly", url.Values{"id": {id}, "note": {" "}}); status != http.StatusBadRequest {
			t.Errorf("release without a reason: %d", status)
		}
		if status, _, hdr := nat.post("/quan-tri/so-lieu/cach-ly", url.Values{"id": {id}, "note": {"Đã xác minh với xã."}}); status != http.StatusSeeOther ||
			!strings.Contains(hdr.Get("Location"), "measure_released") {
			t.Errorf("release: %d %v", status, hdr)
		}
		q, _ := a.Measure.QuarantineByID(ctx, held[0].ID)
		if q.Status != measure.QuarantineReleased {
			t.Errorf("status %s", q.Status)
		}
		// Alerts: the outlier alert is Hà Nội's commune's; TP HCM cannot
		// mark it read.
		alerts, _ := a.Measure.Alerts(ctx, measure.AlertFilter{})
		if len(alerts) == 0 {
			t.Fatal("no alert")
		}
		aid := itoa(int(alerts[0].ID))
		if status, _, _ := hcm.post("/quan-tri/so-lieu/canh-bao", url.Values{"id": {aid}}); status != http.StatusNotFound {
			t.Errorf("out-of-scope mark: %d", status)
		}
		if status, _, _ := hn.post("/quan-tri/so-lieu/canh-bao", url.Values{"id": {aid}}); status != http.StatusSeeOther {
			t.Errorf("mark read: %d", status)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestDashboardShowsImportedAggregates: after the programme's 2023 figures
// are imported on top of a demo year, /so-lieu for 2023 shows them — the
// headline, hours saved, the ministries' lines ranked — and the cached
// page of before the import is not served again.
func TestDashboardShowsImportedAggregates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		seedMeasureDemo(t, a)
		_, before, h := get(t, ts, "/so-lieu?ky=2023")
		if strings.Contains(before, "38,30 %") {
			t.Fatal("2023 figures before the import")
		}
		importSeed2023(t, a)
		status, page, h2 := get(t, ts, "/so-lieu?ky=2023")
		if status != http.StatusOK || h2.Get("ETag") == h.Get("ETag") {
			t.Fatalf("after import: %d, ETag %q then %q", status, h.Get("ETag"), h2.Get("ETag"))
		}
		for _, want := range []string{"38,30 %", "22,37 %", "36.480.000 giờ", "1.276.800.000.000 đồng", `<option value="2023" selected>`,
			"Bộ Tài chính", "100,00 %", "97,50 %"} {
			if !strings.Contains(page, want) {
				t.Errorf("/so-lieu?ky=2023 lacks %q", want)
			}
		}
		_, js, _ := get(t, ts, "/so-lieu/tai-ve/chi-so-chinh?ky=2023&dinh-dang=json")
		if !strings.Contains(js, `"hours_saved","Số giờ tiết kiệm",18240000,null,36480000`) {
			t.Errorf("headline json: %s", js)
		}
	})
}

// importSeed2023 imports the programme's 2023 figures, as
// `loa import aggregates` would.
func importSeed2023(t *testing.T, a *app.App) {
	t.Helper()
	f, err := os.Open("../measure/testdata/seed-2023.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parsed, err := a.Measure.ParseAggregates(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Measure.ImportAggregates(context.Background(), audit.System, parsed, measure.ImportOptions{Source: "seed-2023.csv"}); err != nil {
		t.Fatal(err)
	}
}
