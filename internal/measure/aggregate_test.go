package measure

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

const aggHeader = "period,unit,procedure,received_total,received_online,received_fully_online,resolved_total,resolved_on_time,paid_online\n"

func TestParseAggregatesReportsEachBadLine(t *testing.T) {
	in := aggHeader +
		"2024,VN,*,100,40,20,,,\n" + // 2: fine
		"2024-13,01,*,1,,,,,\n" + // 3: bad period
		"2024,99999,*,1,,,,,\n" + // 4: unknown unit
		"2024,01,*,10,20,,,,\n" + // 5: online > total
		"2024,01,*,1.000,,,,,\n" + // 6: separator
		"2024,01,*,,,,,,\n" + // 7: nothing known
		"2024,VN,*,5,,,,,\n" + // 8: duplicate of line 2
		"2024,01,thu-tuc-la,7,,,,,\n" + // 9: unknown procedure: warning only
		"2024,01,*,1\n" // 10: short
	p, err := parseAggregates(strings.NewReader(in), testDir(), testProcs)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 2 || p.Lines != 9 {
		t.Fatalf("rows %d lines %d: %+v", len(p.Rows), p.Lines, p.Rows)
	}
	lines := map[int]string{}
	for _, e := range p.Errors {
		lines[e.Line] += e.String()
	}
	for line, want := range map[int]string{3: "Kỳ", 4: "99999", 5: "trực tuyến lớn hơn", 6: "1.000", 7: "không có số liệu", 8: "dòng 2", 10: "cột"} {
		if !strings.Contains(lines[line], want) {
			t.Errorf("line %d: %q, want it to mention %q", line, lines[line], want)
		}
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Line != 9 || p.Rows[1].KnownProcedure {
		t.Errorf("warnings %+v", p.Warnings)
	}
	if r := p.Rows[0]; !r.ReceivedTotal.Known || r.ResolvedTotal.Known || r.Agency != National {
		t.Errorf("row 2: %+v", r)
	}
}

func TestParseAggregatesHeader(t *testing.T) {
	for _, h := range []string{"", "period,unit\n", strings.Replace(aggHeader, "paid_online", "paid", 1), strings.TrimSuffix(aggHeader, "\n") + ",extra\n"} {
		if _, err := parseAggregates(strings.NewReader(h+"2024,VN,*,1,,,,,\n"), testDir(), testProcs); !errors.Is(err, ErrBadHeader) {
			t.Errorf("header %q: %v", h, err)
		}
	}
	// Columns in another order, with a BOM and CRLF, are fine.
	in := "\ufeffunit,period,procedure,received_online,received_total,received_fully_online,resolved_total,resolved_on_time,paid_online\r\nVN,2024,*,1,2,,,,\r\n"
	p, err := parseAggregates(strings.NewReader(in), testDir(), testProcs)
	if err != nil || len(p.Rows) != 1 || p.Rows[0].ReceivedTotal.N != 2 {
		t.Fatalf("reordered: %v %+v", err, p)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newTestStore(d)
		in := aggHeader + "2024,01,*,100,40,20,,,\n2024,79,*,abc,,,,,\n2024,BCA,*,5,,,,,\n"
		p, err := s.ParseAggregates(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		count := func() int {
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM measure_aggregates").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if _, err := s.ImportAggregates(ctx, audit.System, p, ImportOptions{}); !errors.Is(err, ErrInvalid) || count() != 0 {
			t.Fatalf("invalid file: %v, %d rows written", err, count())
		}
		// Out of scope lines are invalid too.
		allows := func(a string) bool { return a == "UBND-01" }
		sum, err := s.ImportAggregates(ctx, audit.System, p, ImportOptions{SkipInvalid: true, Allows: allows})
		if err != nil || sum.Imported != 1 || sum.Rejected != 2 || count() != 1 {
			t.Fatalf("skip invalid: %v %+v, %d rows", err, sum, count())
		}
	})
}

func FuzzParseAggregates(f *testing.F) {
	f.Add(aggHeader + "2023,VN,*,47624021,18240000,10653493,,,\n")
	f.Add(aggHeader + "2023-02,01,dang-ky-khai-sinh,1,1,1,1,1,1\n\"2023\",\"VN\n")
	f.Add("\ufeff" + aggHeader + "2023-02-29,00004,*,,,,,,\n")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := parseAggregates(strings.NewReader(in), testDir(), testProcs)
		if err != nil {
			return
		}
		if len(p.Rows)+countLines(p.Errors) > p.Lines {
			t.Fatalf("%d rows and %d bad lines out of %d", len(p.Rows), countLines(p.Errors), p.Lines)
		}
		for _, r := range p.Rows {
			if r.Period.From == "" || r.Unit == "" || r.Procedure == "" || r.Agency == "" {
				t.Fatalf("incomplete row %+v", r)
			}
			for _, c := range []Count{r.ReceivedTotal, r.ReceivedOnline, r.ReceivedFullyOnline, r.ResolvedTotal, r.ResolvedOnTime, r.PaidOnline} {
				if c.N < 0 || (!c.Known && c.N != 0) {
					t.Fatalf("bad count %+v", c)
				}
			}
			if r.ReceivedOnline.Known && r.ReceivedTotal.Known && r.ReceivedOnline.N > r.ReceivedTotal.N {
				t.Fatalf("online > total accepted: %+v", r)
			}
		}
	})
}

func countLines(errs []LineError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}
