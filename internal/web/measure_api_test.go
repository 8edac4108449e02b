package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/staff"
)

// postEvents sends a batch with the token and decodes the answer.
func postEvents(t testing.TB, base, token string, body any) (int, measure.IngestResult, string) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	status, raw, _ := post(t, base+"/api/v1/measure/events", "application/json", bytes.NewReader(b),
		map[string]string{"Authorization": "Bearer " + token})
	var res measure.IngestResult
	_ = json.Unmarshal([]byte(raw), &res)
	return status, res, raw
}

func hanoiEvent(id, unit string) map[string]any {
	return map[string]any{"id": id, "source": "motcua-hn", "type": "received", "procedure": "2.001159", "unit": unit,
		"channel": "online", "level": "toan-trinh", "occurred_at": "2025-03-03T09:00:00+07:00"}
}

func TestMeasureEventsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		token, _, err := a.Staff.CreateToken(ctx, staff.System(), "UBND-01", "Một cửa Hà Nội", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		batch := map[string]any{"events": []any{
			hanoiEvent("e1", "01"),
			hanoiEvent("e2", "00004"), // a commune of Hà Nội: in scope
			hanoiEvent("e3", "79"),    // Hồ Chí Minh City: out of scope
			map[string]any{"id": "e4", "score": "năm"},
			hanoiEvent("e5", "BCA"), // a ministry: out of a province's scope
		}}
		status, res, raw := postEvents(t, ts.URL, token, batch)
		if status != http.StatusOK || res.Created != 2 || res.Rejected != 3 {
			t.Fatalf("first delivery: %d %s", status, raw)
		}
		if e := res.Items[2].Errors; len(e) != 1 || e[0].Code != "out_of_scope" {
			t.Errorf("item 3: %+v", res.Items[2])
		}
		if e := res.Items[3].Errors; len(e) != 1 || e[0].Code != "malformed" {
			t.Errorf("item 4: %+v", res.Items[3])
		}
		// Sent again: counted once.
		if status, res, raw = postEvents(t, ts.URL, token, batch); status != http.StatusOK || res.Created != 0 || res.Duplicates != 2 {
			t.Fatalf("second delivery: %d %s", status, raw)
		}
		rep, err := a.Measure.Report(ctx, measure.Slice{Period: mustMeasurePeriod(t, "2025-03"), Unit: "01"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts["received_total"].N != 2 {
			t.Errorf("Hà Nội March: %+v", rep.Counts["received_total"])
		}

		// Whole-request errors: no token, bad JSON, empty, too many.
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/measure/events", strings.NewReader(`{"events":[]}`))
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("without a token: %v %v", err, resp.Status)
		}
		for _, tc := range []struct {
			body any
			want int
		}{
			{"không phải đối tượng", http.StatusBadRequest},
			{map[string]any{"events": []any{}}, http.StatusBadRequest},
			{map[string]any{"events": make([]any, measure.MaxBatch+1)}, http.StatusRequestEntityTooLarge},
		} {
			if status, _, raw := postEvents(t, ts.URL, token, tc.body); status != tc.want || !strings.Contains(raw, `"message"`) {
				t.Errorf("%.40v: %d %s, want %d", tc.body, status, raw, tc.want)
			}
		}
	})
}

func mustMeasurePeriod(t testing.TB, s string) measure.Period {
	p, err := measure.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// upload posts a CSV to the aggregate upload page as the client's user.
func upload(t *testing.T, c *staffClient, csv string, skip bool) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "so-lieu.csv")
	fw.Write([]byte(csv))
	if skip {
		mw.WriteField("skip_invalid", "1")
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/quan-tri/so-lieu/nhap", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestMeasureUploadPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "qt.hn", staff.RoleAgencyAdmin, "UBND-01")
		c := newStaffClient(t, ts.URL)
		c.login("qt.hn", pw)
		if status, body, _ := c.get("/quan-tri/so-lieu/nhap"); status != 200 || !strings.Contains(body, `type="file"`) {
			t.Fatalf("page: %d", status)
		}
		csv := "period,unit,procedure,received_total,received_online,received_fully_online,resolved_total,resolved_on_time,paid_online\n" +
			"2024,01,*,100,40,20,,,\n" + // line 2: Hà Nội, fine
			"2024,VN,*,1000,400,,,,\n" + // line 3: national, not for a province
			"2024-02,00004,*,10,20,,,,\n" // line 4: online > total
		status, body := upload(t, c, csv, false)
		if status != http.StatusBadRequest || !strings.Contains(body, "Dòng 3") || !strings.Contains(body, "Dòng 4") ||
			!strings.Contains(body, "chưa dòng nào được ghi") {
			t.Fatalf("invalid file: %d %.2000s", status, body)
		}
		var n int
		if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM measure_aggregates").Scan(&n); err != nil || n != 0 {
			t.Fatalf("rows after a refused file: %d %v", n, err)
		}
		status, body = upload(t, c, csv, true)
		if status != http.StatusOK || !strings.Contains(body, "Đã ghi 1 dòng") {
			t.Fatalf("skipping invalid lines: %d %.2000s", status, body)
		}
	})
}

func TestMeasureParamsPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "dieuphoi", staff.RoleAdmin, staff.National)
		c := newStaffClient(t, ts.URL)
		c.login("dieuphoi", pw)
		status, body, _ := c.get("/quan-tri/so-lieu/tham-so")
		if status != 200 || !strings.Contains(body, "35.000") || !strings.Contains(body, `name="hours"`) {
			t.Fatalf("page: %d %.1000s", status, body)
		}
		next := time.Now().AddDate(0, 2, 0)
		from := fmt.Sprintf("%04d-%02d-01", next.Year(), next.Month())
		status, body, _ = c.post("/quan-tri/so-lieu/tham-so", url.Values{"valid_from": {from}, "hours": {"1,5"}, "vnd_per_hour": {"40.000"}, "note": {"Khảo sát mới"}})
		if status != http.StatusSeeOther {
			t.Fatalf("add: %d %.1000s", status, body)
		}
		if _, body, _ = c.get("/quan-tri/so-lieu/tham-so"); !strings.Contains(body, "1,5") || !strings.Contains(body, "40.000") {
			t.Fatal("new version not listed")
		}
		status, body, _ = c.post("/quan-tri/so-lieu/tham-so", url.Values{"valid_from": {"2026-05-15"}, "hours": {"2"}, "vnd_per_hour": {"1"}, "note": {"x"}})
		if status != http.StatusBadRequest || !strings.Contains(body, "ngày đầu tháng") {
			t.Fatalf("mid-month: %d", status)
		}
		// An analyst sees the versions but no form.
		pw = createStaff(t, a, "phantich", staff.RoleAnalyst, "UBND-01")
		c2 := newStaffClient(t, ts.URL)
		c2.login("phantich", pw)
		if status, body, _ := c2.get("/quan-tri/so-lieu/tham-so"); status != 200 || strings.Contains(body, `name="hours"`) {
			t.Fatalf("analyst: %d", status)
		}
	})
}

// BenchmarkIngestHTTP measures events per second through POST
// /api/v1/measure/events, batches of 5,000 new events, JSON encoded
// beforehand. Run:
//
//	LOA_TEST_DATABASE_URL=postgres://... go test -run '^$' -bench IngestHTTP -benchtime 20x ./internal/web/
func BenchmarkIngestHTTP(b *testing.B) {
	dbtest.EachB(b, func(b *testing.B, d *db.DB) {
		ts, a := newBenchApp(b, d)
		token, _, err := a.Staff.CreateToken(context.Background(), staff.System(), staff.National, "Bench", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			b.Fatal(err)
		}
		unitsList := []string{"BCA", "01", "00004", "79", "25747"}
		bodies := make([][]byte, b.N)
		for i := range bodies {
			evs := make([]map[string]any, measure.MaxBatch)
			day := time.Date(2024, 1, 1, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600)).AddDate(0, 0, i%360)
			for j := range evs {
				evs[j] = map[string]any{"id": fmt.Sprintf("%d-%d", i, j), "source": "bench", "type": "received",
					"procedure": "2.001159", "unit": unitsList[j%len(unitsList)], "channel": []string{"online", "in_person"}[j%2],
					"level": "full", "occurred_at": day.Add(time.Duration(j) * time.Second).Format(time.RFC3339)}
				if j%2 == 1 {
					delete(evs[j], "level")
				}
			}
			bodies[i], _ = json.Marshal(map[string]any{"events": evs})
		}
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/measure/events", bytes.NewReader(bodies[i]))
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var res measure.IngestResult
			err = json.NewDecoder(resp.Body).Decode(&res)
			resp.Body.Close()
			if err != nil || res.Created != measure.MaxBatch {
				b.Fatalf("batch %d: %v created %d", i, err, res.Created)
			}
		}
		b.ReportMetric(float64(b.N*measure.MaxBatch)/time.Since(start).Seconds(), "events/s")
	})
}

// newBenchApp is newSiteApp for benchmarks: the site with the units and
// demo catalogue, without the background jobs.
func newBenchApp(b *testing.B, d *db.DB) (*httptest.Server, *app.App) {
	b.Helper()
	return startSite(b, d, siteOptions{noJobs: true})
}
