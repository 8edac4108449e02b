package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestSafeCell(t *testing.T) {
	tests := map[string]string{
		"":                  "",
		"bình thường":       "bình thường",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+84 912":           "'+84 912",
		"-1+1":              "'-1+1",
		"@SUM(A1)":          "'@SUM(A1)",
		"\t=1":              "'\t=1",
		"\r=1":              "'\r=1",
		"a=1":               "a=1",
		`{"x":"=1"}`:        `{"x":"=1"}`,
	}
	for in, want := range tests {
		if got := audit.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		t0 := seed(t, d)
		evil := entry("guide.edit", "Z")
		evil.Note = "=cmd|' /C calc'!A0"
		evil.Agency = "BTP"
		evil.After = json.RawMessage(`{"a":"x,y\n\"z\""}`)
		evil.At = t0.Add(10 * time.Hour)
		if err := audit.Record(ctx, d, evil); err != nil {
			t.Fatal(err)
		}
		s := audit.NewStore(d)
		var buf bytes.Buffer
		if err := s.ExportCSV(ctx, &buf, audit.Filter{}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("export is not valid CSV: %v", err)
		}
		if strings.Join(recs[0], ",") != "id,at,actor_id,actor_name,actor_agency,action,object_type,object_id,agency,before,after,note" {
			t.Errorf("header = %v", recs[0])
		}
		if len(recs) != 1+6 {
			t.Fatalf("rows = %d, want 7", len(recs))
		}
		newest := recs[1] // the evil entry is the newest
		if newest[11] != "'=cmd|' /C calc'!A0" {
			t.Errorf("note = %q, want it neutralised", newest[11])
		}
		if newest[10] != `{"a":"x,y\n\"z\""}` {
			t.Errorf("after = %q", newest[10])
		}
		oldest := recs[6]
		if oldest[1] != "2026-01-10T07:00:00+07:00" || oldest[3] != "lan" || oldest[7] != "A" {
			t.Errorf("oldest row = %v", oldest)
		}

		// A filter applies to the export as to List.
		buf.Reset()
		if err := s.ExportCSV(ctx, &buf, audit.Filter{Agency: "BTP"}); err != nil {
			t.Fatal(err)
		}
		recs, err = csv.NewReader(&buf).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("filtered export = %d rows, %v; want header + 1", len(recs), err)
		}
	})
}
