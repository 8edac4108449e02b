package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// radioValues are the values of the service choices on a page.
var radioValues = regexp.MustCompile(`name="service_choice" value="([^"]*)"`)

// TestReportServiceByName files reports naming the service by its name in
// the plain form, without JavaScript: a full name is taken at once, a
// name fitting several services brings the form back with radio choices,
// a name fitting none is refused with a message, and "none of these"
// files the report without a service.
func TestReportServiceByName(t *testing.T) {
	clk := &testClock{}
	clk.set(t, "2026-03-02 09:30")
	ts, a := newListeningApp(t, dbtest.SQLite(t), clk)
	ctx := context.Background()
	me := citizen(t, ts)
	n := 0
	post := func(extra url.Values) (int, string, http.Header) {
		t.Helper()
		n++
		// confirm=1 skips the similar-reports round, which is not
		// what this test is about.
		form := url.Values{"category": {"thoi-han"}, "province": {"01"}, "confirm": {"1"},
			"description": {"Nộp hồ sơ trực tuyến bị trả lại nhiều lần, lần " + strings.Repeat("I", n)}}
		for k, v := range extra {
			form[k] = v
		}
		return me.do("POST", "/phan-anh", form)
	}
	filed := func(hdr http.Header) *cases.Case {
		t.Helper()
		code := codePattern.FindString(hdr.Get("Location"))
		c, err := a.Cases.ByCode(ctx, code)
		if err != nil {
			t.Fatalf("case %q: %v", hdr.Get("Location"), err)
		}
		return c
	}
	count := func() int {
		t.Helper()
		n, err := a.Cases.Count(ctx, cases.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// The box is labelled, and a link from a service page fills it in.
	status, body, _ := me.do("GET", "/phan-anh?dich-vu=dang-ky-khai-sinh", nil)
	if status != http.StatusOK || !strings.Contains(body, `<label for="service_query">Thủ tục liên quan (nếu có)</label>`) ||
		!strings.Contains(body, `value="Đăng ký khai sinh"`) || !strings.Contains(body, `name="service" value="dang-ky-khai-sinh"`) {
		t.Fatalf("form from a service link: %d", status)
	}

	// A name fitting several services: the form comes back with them as
	// radio choices in a fieldset with a legend, and nothing is filed.
	status, body, _ = post(url.Values{"service_query": {"khai sinh"}})
	if status != http.StatusOK {
		t.Fatalf("ambiguous name: %d %s", status, errorOf(body))
	}
	if count() != 0 {
		t.Fatal("a report was filed before the service was chosen")
	}
	var choices []string
	for _, m := range radioValues.FindAllStringSubmatch(body, -1) {
		choices = append(choices, m[1])
	}
	if len(choices) < 3 || len(choices) > 6 || choices[len(choices)-1] != "none" ||
		!strings.Contains(strings.Join(choices, " "), "dang-ky-khai-sinh") ||
		!strings.Contains(strings.Join(choices, " "), "lien-thong-khai-sinh-thuong-tru-bhyt") {
		t.Fatalf("choices = %v", choices)
	}
	if !strings.Contains(body, `<fieldset id="service-choices" class="choices"><legend>`) ||
		!strings.Contains(html.UnescapeString(body), "Có nhiều thủ tục khớp với «khai sinh»") {
		t.Error("the choices have no fieldset and legend naming the typed name")
	}
	if !strings.Contains(body, `href="#service-choices"`) {
		t.Error("no notice at the top leading to the choices")
	}
	// What was typed elsewhere is kept.
	if !strings.Contains(body, "bị trả lại nhiều lần") {
		t.Error("the description was lost")
	}

	// Choosing one files the report with it.
	status, _, hdr := post(url.Values{"service_query": {"khai sinh"}, "service_choice": {"lien-thong-khai-sinh-thuong-tru-bhyt"}})
	if status != http.StatusSeeOther {
		t.Fatalf("chosen: %d", status)
	}
	if c := filed(hdr); c.ServiceSlug != "lien-thong-khai-sinh-thuong-tru-bhyt" {
		t.Errorf("chosen service = %q", c.ServiceSlug)
	}

	// A full name, typed without tone marks, is taken at once.
	status, body, hdr = post(url.Values{"service_query": {"dang ky  KHAI sinh"}})
	if status != http.StatusSeeOther {
		t.Fatalf("full name: %d %s", status, errorOf(body))
	}
	if c := filed(hdr); c.ServiceSlug != "dang-ky-khai-sinh" {
		t.Errorf("full name gave %q", c.ServiceSlug)
	}

	// A name only one service fits well is taken at once, and the box
	// then shows that service's full name.
	status, body, hdr = post(url.Values{"service_query": {"ly lich tu phap"}})
	if status != http.StatusSeeOther {
		t.Fatalf("one match: %d %s", status, errorOf(body))
	}
	if c := filed(hdr); c.ServiceSlug != "cap-phieu-ly-lich-tu-phap" {
		t.Errorf("one match gave %q", c.ServiceSlug)
	}

	// A name fitting nothing: a message on the box, nothing filed.
	before := count()
	status, body, _ = post(url.Values{"service_query": {"zzqx wvyk"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "Không tìm thấy thủ tục nào khớp") ||
		!strings.Contains(body, `aria-describedby="service-hint service-err" aria-invalid="true"`) {
		t.Fatalf("unknown name: %d %s", status, errorOf(body))
	}
	if count() != before {
		t.Error("a report was filed with an unknown service name")
	}

	// "None of these" files without a service.
	status, _, hdr = post(url.Values{"service_query": {"khai sinh"}, "service_choice": {"none"}})
	if status != http.StatusSeeOther {
		t.Fatalf("none: %d", status)
	}
	if c := filed(hdr); c.ServiceSlug != "" {
		t.Errorf("none gave %q", c.ServiceSlug)
	}

	// The service from a link, with the box emptied: no service.
	status, _, hdr = post(url.Values{"service": {"dang-ky-khai-sinh"}, "service_query": {""}})
	if status != http.StatusSeeOther {
		t.Fatalf("emptied box: %d", status)
	}
	if c := filed(hdr); c.ServiceSlug != "" {
		t.Errorf("emptied box kept %q", c.ServiceSlug)
	}

	// The service from a link, its name untouched: kept as it was.
	status, _, hdr = post(url.Values{"service": {"dang-ky-ket-hon"}, "service_query": {"Đăng ký kết hôn"}})
	if status != http.StatusSeeOther {
		t.Fatalf("kept link: %d", status)
	}
	if c := filed(hdr); c.ServiceSlug != "dang-ky-ket-hon" {
		t.Errorf("link's service = %q", c.ServiceSlug)
	}
}
