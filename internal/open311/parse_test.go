package open311

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/cases"
)

func form(s string) url.Values {
	v, err := url.ParseQuery(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestParsePostValid(t *testing.T) {
	// The specification's own example, with Loa's service code and a
	// place in Hà Nội; FixMyStreet-style extra attributes are ignored.
	p, err := ParsePost(form("api_key=xyz&jurisdiction_id=loa.gov.vn&service_code=he-thong&lat=21.0285&long=105.8542" +
		"&address_string=12+Tr%C3%A0ng+Ti%E1%BB%81n&email=an%40example.vn&device_id=tt222111&account_id=123456" +
		"&first_name=An&last_name=Nguy%E1%BB%85n+V%C4%83n&phone=0912345678&description=C%E1%BB%95ng+b%C3%A1o+l%E1%BB%97i%0Akhi+n%E1%BB%99p" +
		"&media_url=https%3A%2F%2Fexample.vn%2Fa.jpg&attribute[province_code]=01&attribute[fixmystreet_id]=7&attribute[title]=x"))
	if err != nil {
		t.Fatal(err)
	}
	want := Post{APIKey: "xyz", ServiceCode: cases.CategorySystem, HasPoint: true, Lat: 21.0285, Long: 105.8542,
		Address: "12 Tràng Tiền", Email: "an@example.vn", Phone: "0912345678", Name: "Nguyễn Văn An",
		Description: "Cổng báo lỗi\nkhi nộp", MediaURL: "https://example.vn/a.jpg", Province: "01"}
	if *p != want {
		t.Fatalf("got  %+v\nwant %+v", *p, want)
	}
	// No location at all is accepted (see the package doc).
	if p, err := ParsePost(form("service_code=khac&description=x")); err != nil || p.HasPoint {
		t.Fatalf("no location: %+v %v", p, err)
	}
}

func TestParsePostErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		status     int
		contains   string
	}{
		{"no service", "description=x", 400, "service_code"},
		{"unknown service", "service_code=pothole", 404, "service_code"},
		{"lat alone", "service_code=khac&lat=21", 400, "lat và long"},
		{"not a number", "service_code=khac&lat=21&long=1e2", 400, "số thập phân"},
		{"hex float", "service_code=khac&lat=0x15&long=105", 400, "số thập phân"},
		{"nan", "service_code=khac&lat=NaN&long=105", 400, "số thập phân"},
		{"outside Vietnam", "service_code=khac&lat=48.85&long=2.35", 400, "ngoài lãnh thổ"},
		{"swapped", "service_code=khac&lat=105.85&long=21.02", 400, "ngoài lãnh thổ"},
		{"twice", "service_code=khac&service_code=phi", 400, "một lần"},
		{"bad utf8", "service_code=khac&description=%ff%fe", 400, "UTF-8"},
		{"control char", "service_code=khac&address_string=a%00b", 400, "điều khiển"},
		{"media scheme", "service_code=khac&media_url=javascript%3Aalert(1)", 400, "media_url"},
		{"media creds", "service_code=khac&media_url=https%3A%2F%2Fu%3Ap%40example.vn%2F", 400, "media_url"},
		{"bad attribute key", "service_code=khac&attribute[province_code=01", 400, "attribute[mã]"},
		{"list for single attribute", "service_code=khac&attribute[province_code][]=01", 400, "một giá trị"},
		{"address id", "service_code=khac&address_id=a%20b", 400, "address_id"},
		{"long name", "service_code=khac&first_name=" + strings.Repeat("a", 101), 400, "first_name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePost(form(tc.body))
			var e *Errors
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Errors", err)
			}
			if e.Status() != tc.status {
				t.Errorf("status %d, want %d (%+v)", e.Status(), tc.status, e.Items)
			}
			found := false
			for _, it := range e.Items {
				found = found || strings.Contains(it.Description, tc.contains)
			}
			if !found {
				t.Errorf("errors %+v do not mention %q", e.Items, tc.contains)
			}
		})
	}
	// Every problem at once.
	_, err := ParsePost(form("lat=1&media_url=ftp%3A%2F%2Fx"))
	var e *Errors
	if !errors.As(err, &e) || len(e.Items) != 3 {
		t.Fatalf("want 3 errors at once, got %v", err)
	}
	// An error never repeats the value sent (it may be personal data).
	_, err = ParsePost(form("service_code=khac&lat=99&long=bimat99&address_id=bimat%20x"))
	if !errors.As(err, &e) || len(e.Items) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
	for _, it := range e.Items {
		if strings.Contains(it.Description, "bimat") {
			t.Errorf("error repeats the value: %q", it.Description)
		}
	}
}
