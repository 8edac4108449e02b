package open311

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/cases"
)

// Query is a GET requests query, checked by ParseQuery.
type Query struct {
	// IDs are the service_request_id values (tracking codes, normalised).
	// When set they override every other filter, as the specification says.
	IDs []string
	// Categories are the service_code values; empty means all.
	Categories []cases.Category
	// Statuses are StatusOpen and/or StatusClosed; empty means all.
	Statuses []string
	// From and To bound requested_datetime; ParseQuery fills the defaults.
	From, To time.Time
	// Page (from 1) and PageSize are the pagination extension most servers
	// implement.
	Page, PageSize int
}

// Limits of GET requests.
const (
	// MaxSpan is the longest date range, and the default one ending now.
	MaxSpan = 90 * 24 * time.Hour
	// MaxIDs bounds the service_request_id list.
	MaxIDs = 100
	// DefaultPageSize and MaxPageSize bound one page. The specification
	// speaks of the first 1,000 requests; Loa pages by 500 (cases.MaxLimit)
	// and serves the rest with page=2, 3, ….
	DefaultPageSize = cases.MaxLimit
	MaxPageSize     = cases.MaxLimit
	maxPage         = 10000
)

// values returns the comma-separated values of a parameter that may also be
// repeated, empty items dropped.
func values(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// queryFields are the parameters a query may hold once.
var queryFields = []string{"start_date", "end_date", "page", "page_size", "jurisdiction_id"}

// ParseQuery checks the filters of GET requests at the instant now. As
// "optional" means in the specification, an empty parameter is the same
// as a missing one. Problems come back together as *Errors (400).
func ParseQuery(q url.Values, now time.Time) (*Query, error) {
	var c collector
	out := &Query{Page: 1, PageSize: DefaultPageSize}
	for _, f := range queryFields {
		if len(q[f]) > 1 {
			c.add(400, "Tham số "+f+" chỉ được gửi một lần.")
		}
	}
	for _, v := range q {
		for _, s := range v {
			if len(s) > 4096 {
				c.add(400, "Tham số quá dài.")
				return nil, c.err()
			}
		}
	}
	ids := values(q, "service_request_id")
	if len(ids) > MaxIDs {
		c.add(400, "Chỉ hỏi được tối đa "+itoa(MaxIDs)+" service_request_id một lần.")
	} else {
		seen := map[string]bool{}
		for _, id := range ids {
			code, ok := cases.NormalizeCode(id)
			if !ok {
				c.add(400, "service_request_id không phải mã phản ánh hợp lệ (dạng PA-XXXXX-XXXXX).")
				break
			}
			if !seen[code] {
				seen[code] = true
				out.IDs = append(out.IDs, code)
			}
		}
	}
	for _, s := range values(q, "service_code") {
		if !cases.Category(s).Valid() {
			c.add(400, "Không có loại phản ánh với service_code này.")
			break
		}
		out.Categories = append(out.Categories, cases.Category(s))
	}
	for _, s := range values(q, "status") {
		s = strings.ToLower(s)
		if s != StatusOpen && s != StatusClosed {
			c.add(400, "status chỉ nhận open hoặc closed.")
			break
		}
		out.Statuses = append(out.Statuses, s)
	}
	from, okFrom := c.date(q.Get("start_date"), "start_date")
	to, okTo := c.date(q.Get("end_date"), "end_date")
	if okFrom && okTo {
		switch {
		case from.IsZero() && to.IsZero():
			from, to = now.Add(-MaxSpan), now
		case from.IsZero():
			from = to.Add(-MaxSpan)
		case to.IsZero():
			to = from.Add(MaxSpan)
		}
		switch {
		case to.Before(from):
			c.add(400, "end_date phải sau start_date.")
		case to.Sub(from) > MaxSpan:
			c.add(400, "Khoảng thời gian từ start_date đến end_date không được quá 90 ngày.")
		}
		out.From, out.To = from, to
	}
	out.Page = c.count(q.Get("page"), "page", 1, maxPage)
	out.PageSize = c.count(q.Get("page_size"), "page_size", DefaultPageSize, MaxPageSize)
	if err := c.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ParseRange checks the start_date and end_date of mySociety's Service
// Request Updates; both are optional and unbounded there.
func ParseRange(q url.Values) (from, to time.Time, err error) {
	var c collector
	from, _ = c.date(q.Get("start_date"), "start_date")
	to, _ = c.date(q.Get("end_date"), "end_date")
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		c.add(400, "end_date phải sau start_date.")
	}
	return from, to, c.err()
}

// date reads a W3C datetime with its zone, as the specification requires
// ("2010-01-01T00:00:00Z", "2010-01-01T07:00:00+07:00", minutes only or
// fractions of a second allowed). A "+" sent unescaped in a query string
// arrives as a space; it is taken back. "" is the zero time.
func (c *collector) date(s, field string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if len(s) > 40 {
		c.add(400, field+" không đúng định dạng ngày giờ W3C, ví dụ 2026-03-01T00:00:00+07:00.")
		return time.Time{}, false
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 && i >= len(s)-6 {
		s = s[:i] + "+" + s[i+1:]
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	c.add(400, field+" không đúng định dạng ngày giờ W3C (có múi giờ), ví dụ 2026-03-01T00:00:00+07:00.")
	return time.Time{}, false
}

// count reads a positive integer parameter with a default and a maximum.
func (c *collector) count(s, field string, def, max int) int {
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max || len(s) > 6 {
		c.add(400, field+" phải là số nguyên từ 1 đến "+itoa(max)+".")
		return def
	}
	return n
}
