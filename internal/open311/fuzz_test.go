package open311

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/cases"
)

// FuzzParsePost feeds arbitrary form bodies to the POST parser: it must
// never panic, must answer either a Post or *Errors, and what it accepts
// must keep its promises (a known service, a point in Vietnam, clean
// UTF-8 text without stray control characters).
func FuzzParsePost(f *testing.F) {
	for _, s := range []string{
		"service_code=he-thong&lat=21.0285&long=105.8542&description=x",
		"api_key=k&service_code=phi&address_string=H%C3%A0+N%E1%BB%99i&attribute[province_code]=01",
		"service_code=khac&attribute[x][]=1&attribute[y]=2&media_url=https%3A%2F%2Fa.vn%2Fb",
		"lat=-0&long=+118.000000000000001", "service_code=%ff", "attribute[=1", "a=%zz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return // the web layer answers 400 before the parser
		}
		p, err := ParsePost(form)
		if err != nil {
			var e *Errors
			if !errors.As(err, &e) || len(e.Items) == 0 || p != nil {
				t.Fatalf("error %v is not *Errors (post %v)", err, p)
			}
			for _, it := range e.Items {
				if it.Code != 400 && it.Code != 404 || it.Description == "" {
					t.Fatalf("error %+v", it)
				}
			}
			return
		}
		if !p.ServiceCode.Valid() {
			t.Fatalf("accepted service %q", p.ServiceCode)
		}
		if p.HasPoint && (p.Lat < MinLat || p.Lat > MaxLat || p.Long < MinLong || p.Long > MaxLong) {
			t.Fatalf("accepted point %v,%v", p.Lat, p.Long)
		}
		for _, s := range []string{p.Address, p.AddressID, p.Email, p.Phone, p.Name, p.MediaURL, p.Province, p.Commune, p.Service} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\n\r\t") || s != strings.TrimSpace(s) {
				t.Fatalf("accepted field %q", s)
			}
		}
		if !utf8.ValidString(p.Description) || strings.ContainsRune(p.Description, 0) {
			t.Fatalf("accepted description %q", p.Description)
		}
	})
}

// FuzzParseQuery does the same for the GET requests filters.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"status=open&service_code=phi,khac&start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00+07:00",
		"service_request_id=PA-K7QXM-3DHTW,pa k7qxm 3dhtw&page=2&page_size=10",
		"start_date=2026-01-01T00:00 07:00", "end_date=0000-01-01T00:00:00Z", "page=-1", "status=,,,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := ParseQuery(v, now)
		if err != nil {
			var e *Errors
			if !errors.As(err, &e) || e.Status() != 400 || q != nil {
				t.Fatalf("error %v (query %v)", err, q)
			}
			return
		}
		if q.To.Before(q.From) || q.To.Sub(q.From) > MaxSpan {
			t.Fatalf("range %v – %v", q.From, q.To)
		}
		if q.Page < 1 || q.PageSize < 1 || q.PageSize > MaxPageSize || len(q.IDs) > MaxIDs {
			t.Fatalf("paging %+v", q)
		}
		for _, id := range q.IDs {
			if !cases.ValidCode(id) {
				t.Fatalf("id %q", id)
			}
		}
		for _, c := range q.Categories {
			if !c.Valid() {
				t.Fatalf("category %q", c)
			}
		}
		for _, s := range q.Statuses {
			if s != StatusOpen && s != StatusClosed {
				t.Fatalf("status %q", s)
			}
		}
	})
}
