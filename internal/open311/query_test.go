package open311

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/cases"
)

var now = time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC)

func TestParseQueryDefaults(t *testing.T) {
	q, err := ParseQuery(form("jurisdiction_id=loa.gov.vn&status="), now)
	if err != nil {
		t.Fatal(err)
	}
	if !q.To.Equal(now) || !q.From.Equal(now.Add(-MaxSpan)) || q.Page != 1 || q.PageSize != DefaultPageSize ||
		q.IDs != nil || q.Categories != nil || q.Statuses != nil {
		t.Fatalf("defaults %+v", q)
	}
}

func TestParseQueryFilters(t *testing.T) {
	// "+" unescaped in a query string arrives as a space, and is taken back.
	q, err := ParseQuery(form("service_code=phi,thoi-han&service_code=khac&status=open,CLOSED"+
		"&start_date=2026-01-01T00:00:00+07:00&end_date=2026-02-01T00:00Z&page=2&page_size=10"), now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(q.Categories, []cases.Category{cases.CategoryFee, cases.CategoryDelay, cases.CategoryOther}) ||
		!slices.Equal(q.Statuses, []string{"open", "closed"}) || q.Page != 2 || q.PageSize != 10 {
		t.Fatalf("filters %+v", q)
	}
	if want := time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC); !q.From.Equal(want) {
		t.Errorf("from %v, want %v", q.From, want)
	}
	if want := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC); !q.To.Equal(want) {
		t.Errorf("to %v, want %v", q.To, want)
	}
	// Only a start: 90 days from it.
	q, err = ParseQuery(form("start_date=2026-01-01T00:00:00Z"), now)
	if err != nil || !q.To.Equal(q.From.Add(MaxSpan)) {
		t.Fatalf("start only: %+v %v", q, err)
	}
	// ids, in any spelling, deduplicated.
	code := "PA-K7QXM-3DHTW"
	if _, ok := cases.NormalizeCode(code); !ok {
		t.Skip("example code not valid")
	}
	q, err = ParseQuery(form("service_request_id=pa-k7qxm-3dhtw,"+code), now)
	if err != nil || !slices.Equal(q.IDs, []string{code}) {
		t.Fatalf("ids %+v %v", q, err)
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, s := range []string{
		"status=pending",
		"service_code=pothole",
		"start_date=2026-01-01",          // no time, no zone
		"start_date=2026-01-01T00:00:00", // no zone
		"start_date=yesterday",           //
		"start_date=2026-03-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", // reversed
		"start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", // > 90 days
		"page=0", "page_size=501", "page_size=x", "page=1&page=2",
		"service_request_id=PA-K7QXM-3DHTX", // wrong check character
	} {
		_, err := ParseQuery(form(s), now)
		var e *Errors
		if !errors.As(err, &e) || e.Status() != 400 {
			t.Errorf("%s: err %v, want a 400", s, err)
		}
	}
}

func TestParseRange(t *testing.T) {
	from, to, err := ParseRange(form("start_date=2026-01-01T00:00:00Z"))
	if err != nil || from.IsZero() || !to.IsZero() {
		t.Fatalf("%v %v %v", from, to, err)
	}
	if _, _, err := ParseRange(form("end_date=2026-01-01T00:00:00Z&start_date=2026-02-01T00:00:00Z")); err == nil {
		t.Fatal("reversed range accepted")
	}
}
