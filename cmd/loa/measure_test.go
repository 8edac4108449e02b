package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const seedCSV = "../../internal/measure/testdata/seed-2023.csv"

// lastLine returns the last non-empty line of out.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

// TestMeasureReportReproducesTheSeed runs the commands as an operator
// would: import the programme's 2023 figures, then ask for the national
// report as JSON.
func TestMeasureReportReproducesTheSeed(t *testing.T) {
	storages(t, func(t *testing.T, env map[string]string) {
		code, out, errs := loa(t, env, "import", "aggregates", seedCSV)
		if code != 0 || !strings.Contains(out, "Đã ghi: 5") {
			t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
		}
		code, out, errs = loa(t, env, "measure", "report", "--period", "2023", "--unit", "VN", "--format", "json")
		if code != 0 {
			t.Fatalf("report: exit %d\n%s", code, errs)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(lastLine(out)), &got); err != nil {
			t.Fatalf("last line is not JSON: %v\n%s", err, out)
		}
		want := map[string]any{
			"period": "2023", "unit": "VN", "procedure": "*",
			"received_total": 47624021.0, "received_online": 18240000.0, "received_fully_online": 10653493.0,
			"online_rate": 38.3, "fully_online_rate": 22.37, "hours_saved": 36480000.0, "value_saved_vnd": 1276800000000.0,
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
		}
		if len(got) != len(want) {
			t.Errorf("keys %v", got)
		}
		code, out, _ = loa(t, env, "measure", "report", "--period", "2023", "--unit", "VN", "--procedure", "thong-bao-luu-tru", "--format", "json")
		if code != 0 || !strings.Contains(lastLine(out), `"online_rate":99.86`) {
			t.Errorf("residence notification: %s", out)
		}
		// A bad file changes nothing and says which line is wrong.
		code, _, errs = loa(t, env, "import", "aggregates", "testdata/bad-aggregates.csv")
		if code == 0 || !strings.Contains(errs, "Dòng 3") {
			t.Errorf("bad file: exit %d\n%s", code, errs)
		}
	})
}

func TestDemoMeasure(t *testing.T) {
	env := map[string]string{"LOA_DATA_DIR": t.TempDir()}
	code, out, errs := loa(t, env, "demo", "measure", "--scale", "0.001", "--end", "2025-12-31")
	if code != 0 || !strings.Contains(out, "hồ sơ") {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = loa(t, env, "measure", "report", "--period", "2025", "--unit", "01", "--format", "json")
	if code != 0 {
		t.Fatalf("report: %s", errs)
	}
	var got struct {
		ReceivedTotal *int64   `json:"received_total"`
		OnlineRate    *float64 `json:"online_rate"`
	}
	if err := json.Unmarshal([]byte(lastLine(out)), &got); err != nil || got.ReceivedTotal == nil || *got.ReceivedTotal == 0 || got.OnlineRate == nil {
		t.Fatalf("Hà Nội in the demo year: %v %s", err, out)
	}
}
