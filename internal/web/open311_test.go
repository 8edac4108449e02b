package web_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// The spec-shaped structures a client would decode, written from the
// GeoReport v2 and Service Discovery pages, independent of package
// open311's own types so that a wrong element name fails here.
type (
	xDiscovery struct {
		XMLName    xml.Name `xml:"discovery"`
		Changeset  string   `xml:"changeset"`
		Contact    string   `xml:"contact"`
		KeyService string   `xml:"key_service"`
		Endpoints  []struct {
			Specification string   `xml:"specification"`
			URL           string   `xml:"url"`
			Type          string   `xml:"type"`
			Formats       []string `xml:"formats>format"`
		} `xml:"endpoints>endpoint"`
	}
	xServices struct {
		XMLName  xml.Name `xml:"services"`
		Services []struct {
			Code     string `xml:"service_code" json:"service_code"`
			Name     string `xml:"service_name" json:"service_name"`
			Metadata bool   `xml:"metadata" json:"metadata"`
			Type     string `xml:"type" json:"type"`
			Group    string `xml:"group" json:"group"`
		} `xml:"service"`
	}
	xDefinition struct {
		XMLName    xml.Name `xml:"service_definition"`
		Code       string   `xml:"service_code"`
		Attributes []struct {
			Code     string `xml:"code"`
			Datatype string `xml:"datatype"`
			Order    int    `xml:"order"`
			Values   []struct {
				Key  string `xml:"key"`
				Name string `xml:"name"`
			} `xml:"values>value"`
		} `xml:"attributes>attribute"`
	}
	xRequest struct {
		ID          string   `xml:"service_request_id" json:"service_request_id"`
		Token       string   `xml:"token" json:"token"`
		Notice      string   `xml:"service_notice" json:"service_notice"`
		Status      string   `xml:"status" json:"status"`
		StatusNotes string   `xml:"status_notes" json:"status_notes"`
		ServiceCode string   `xml:"service_code" json:"service_code"`
		ServiceName string   `xml:"service_name" json:"service_name"`
		Description string   `xml:"description" json:"description"`
		Requested   string   `xml:"requested_datetime" json:"requested_datetime"`
		Address     string   `xml:"address" json:"address"`
		Lat         *float64 `xml:"lat" json:"lat"`
		Long        *float64 `xml:"long" json:"long"`
		MediaURL    string   `xml:"media_url" json:"media_url"`
	}
	xRequests struct {
		XMLName  xml.Name   `xml:"service_requests"`
		Requests []xRequest `xml:"request"`
	}
	xErrors struct {
		XMLName xml.Name `xml:"errors"`
		Errors  []struct {
			Code        int    `xml:"code" json:"code"`
			Description string `xml:"description" json:"description"`
		} `xml:"error"`
	}
	xUpdates struct {
		XMLName xml.Name `xml:"service_request_updates"`
		Updates []struct {
			UpdateID string `xml:"update_id"`
			ID       string `xml:"service_request_id"`
			Status   string `xml:"status"`
			At       string `xml:"updated_datetime"`
		} `xml:"request_update"`
	}
)

func decodeXML(t *testing.T, body string, v any) {
	t.Helper()
	if !strings.HasPrefix(body, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Fatalf("no XML declaration: %.80s", body)
	}
	if err := xml.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
}

func decodeJSON(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
}

func post311(t *testing.T, base, path string, form url.Values, header map[string]string) (int, string, http.Header) {
	t.Helper()
	return post(t, base+path, "application/x-www-form-urlencoded; charset=utf-8", strings.NewReader(form.Encode()), header)
}

// TestOpen311 drives every endpoint as a standard client would, in JSON
// and XML: discovery, services, definitions, POST with and without a key,
// the created request visible as open in GET without personal data,
// tokens, updates, filters and the error format.
func TestOpen311(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		key, _, err := a.Staff.CreateToken(ctx, staff.System(), "UBND-01", "Ứng dụng Open311", []staff.Perm{staff.PermCaseCreate})
		if err != nil {
			t.Fatal(err)
		}
		otherKey, _, err := a.Staff.CreateToken(ctx, staff.System(), "UBND-01", "Số liệu", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}

		// Discovery, both formats.
		code, body, h := get(t, ts, "/open311/discovery.xml")
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/xml") {
			t.Fatalf("discovery.xml: %d %s", code, h.Get("Content-Type"))
		}
		var disc xDiscovery
		decodeXML(t, body, &disc)
		if len(disc.Endpoints) != 1 || disc.Endpoints[0].Specification != "http://wiki.open311.org/GeoReport_v2" ||
			!strings.HasSuffix(disc.Endpoints[0].URL, "/open311/v2") || len(disc.Endpoints[0].Formats) != 2 ||
			disc.Changeset == "" || disc.KeyService == "" {
			t.Fatalf("discovery %+v", disc)
		}
		code, body, h = get(t, ts, "/open311/discovery.json")
		var discJ map[string]any
		decodeJSON(t, body, &discJ)
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || discJ["endpoints"] == nil {
			t.Fatalf("discovery.json %d %s", code, body)
		}

		// Services.
		code, body, _ = get(t, ts, "/open311/v2/services.xml")
		var svcs xServices
		decodeXML(t, body, &svcs)
		if code != 200 || len(svcs.Services) != 6 || svcs.Services[1].Code != "he-thong" || !svcs.Services[1].Metadata ||
			svcs.Services[1].Type != "realtime" {
			t.Fatalf("services.xml %d %+v", code, svcs)
		}
		code, body, _ = get(t, ts, "/open311/v2/services.json")
		var svcsJ []map[string]any
		decodeJSON(t, body, &svcsJ)
		if code != 200 || len(svcsJ) != 6 || svcsJ[0]["service_code"] != "huong-dan" {
			t.Fatalf("services.json %d %s", code, body)
		}
		code, body, _ = get(t, ts, "/open311/v2/services/phi.xml")
		var def xDefinition
		decodeXML(t, body, &def)
		if code != 200 || def.Code != "phi" || len(def.Attributes) != 3 || def.Attributes[0].Code != "province_code" ||
			def.Attributes[0].Datatype != "singlevaluelist" || len(def.Attributes[0].Values) != 34 {
			t.Fatalf("definition %d %+v", code, def)
		}
		code, body, _ = get(t, ts, "/open311/v2/services/pothole.json")
		var errsJ []map[string]any
		decodeJSON(t, body, &errsJ)
		if code != 404 || len(errsJ) != 1 || errsJ[0]["code"] != float64(404) || errsJ[0]["description"] == "" {
			t.Fatalf("unknown service: %d %s", code, body)
		}
		if code, body, _ = get(t, ts, "/open311/v2/services"); code != 404 || !strings.Contains(body, "<errors>") {
			t.Fatalf("no format: %d %s", code, body)
		}

		// POST: the key is checked, in Open311's error format.
		form := url.Values{"service_code": {"phi"}, "lat": {"21.0285"}, "long": {"105.8542"},
			"address_string": {"Bộ phận một cửa, 12 Tràng Tiền"}, "email": {"an@example.vn"},
			"first_name": {"An"}, "last_name": {"Nguyễn Văn"}, "phone": {"0912345678"},
			"description": {"Tôi là Nguyễn Văn An (0912345678), bị thu thêm phí ngoài quy định."},
			"media_url":   {"https://example.vn/anh.jpg"}, "attribute[province_code]": {"01"}, "device_id": {"abc"}}
		code, body, _ = post311(t, ts.URL, "/open311/v2/requests.xml", form, nil)
		var xe xErrors
		decodeXML(t, body, &xe)
		if code != 403 || len(xe.Errors) != 1 || xe.Errors[0].Code != 403 {
			t.Fatalf("no key: %d %s", code, body)
		}
		bad := o311Form(form, "api_key", otherKey)
		if code, body, _ = post311(t, ts.URL, "/open311/v2/requests.json", bad, nil); code != 403 || !strings.Contains(body, `"code":403`) {
			t.Fatalf("key without case.create: %d %s", code, body)
		}
		if code, body, _ = post311(t, ts.URL, "/open311/v2/requests.json", o311Form(form, "api_key", "loa_wrong"), nil); code != 403 {
			t.Fatalf("wrong key: %d %s", code, body)
		}
		// Bad input: every problem, 400, nothing stored.
		before := o311Count(t, d, "cases")
		badInput := o311Form(o311Form(form, "api_key", key), "lat", "48.85")
		code, body, _ = post311(t, ts.URL, "/open311/v2/requests.json", badInput, nil)
		if code != 400 || !strings.Contains(body, `"code":400`) || o311Count(t, d, "cases") != before {
			t.Fatalf("outside Vietnam: %d %s", code, body)
		}
		code, body, _ = post311(t, ts.URL, "/open311/v2/requests.json", o311Form(o311Form(form, "api_key", key), "phone", "123"), nil)
		if code != 400 || o311Count(t, d, "cases") != before {
			t.Fatalf("bad phone: %d %s", code, body)
		}

		// Created, with the key as a field.
		code, body, _ = post311(t, ts.URL, "/open311/v2/requests.xml", o311Form(form, "api_key", key), nil)
		var created xRequests
		decodeXML(t, body, &created)
		if code != 200 || len(created.Requests) != 1 || created.Requests[0].ID == "" || created.Requests[0].Token != "" ||
			!strings.Contains(created.Requests[0].Notice, "/phan-anh/"+created.Requests[0].ID) {
			t.Fatalf("create: %d %s", code, body)
		}
		id := created.Requests[0].ID
		// And with the key as a Bearer header, in JSON.
		code, body, _ = post311(t, ts.URL, "/open311/v2/requests.json", url.Values{"service_code": {"he-thong"},
			"description": {"Cổng dịch vụ công không mở được."}}, map[string]string{"Authorization": "Bearer " + key})
		var createdJ []xRequest
		decodeJSON(t, body, &createdJ)
		if code != 200 || len(createdJ) != 1 || createdJ[0].ID == "" {
			t.Fatalf("create json: %d %s", code, body)
		}
		id2 := createdJ[0].ID
		if code, _, _ = post311(t, ts.URL, "/open311/v2/requests.json", url.Values{}, map[string]string{"Content-Type": "application/json"}); code != 400 {
			t.Fatalf("JSON body: %d, want 400", code)
		}

		// The request is public, open, and carries no personal data.
		secrets := []string{"Nguyễn Văn An", "0912345678", "an@example.vn", "anh.jpg", "abc", "Nguyễn Văn"}
		for _, path := range []string{"/open311/v2/requests/" + id + ".xml", "/open311/v2/requests.xml?status=open",
			"/open311/v2/requests.xml?service_request_id=" + strings.ToLower(id) + "," + id2} {
			code, body, _ = get(t, ts, path)
			var got xRequests
			decodeXML(t, body, &got)
			var r *xRequest
			for i := range got.Requests {
				if got.Requests[i].ID == id {
					r = &got.Requests[i]
				}
			}
			if code != 200 || r == nil {
				t.Fatalf("%s: %d, request %s missing: %s", path, code, id, body)
			}
			if r.Status != "open" || r.ServiceCode != "phi" || r.ServiceName == "" || r.Requested == "" ||
				r.Lat == nil || *r.Lat != 21.0285 || r.Long == nil || r.MediaURL != "" {
				t.Errorf("%s: request %+v", path, *r)
			}
			// The citizen's words only for whoever names the request; an
			// open listing leaves them out.
			listing := strings.Contains(path, "status=open")
			if hasText := strings.Contains(r.Description, "thu thêm phí"); hasText == listing {
				t.Errorf("%s: description %q (listing: %v)", path, r.Description, listing)
			}
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("%s shows personal data %q", path, s)
				}
			}
		}
		code, body, _ = get(t, ts, "/open311/v2/requests/"+id+".json")
		var one []xRequest
		decodeJSON(t, body, &one)
		if code != 200 || len(one) != 1 || one[0].ID != id || one[0].Status != "open" {
			t.Fatalf("request json: %d %s", code, body)
		}
		// Filters.
		code, body, _ = get(t, ts, "/open311/v2/requests.json?status=closed")
		var none []xRequest
		decodeJSON(t, body, &none)
		if code != 200 || len(none) != 0 || strings.TrimSpace(body) != "[]" {
			t.Fatalf("closed: %d %s", code, body)
		}
		code, body, _ = get(t, ts, "/open311/v2/requests.json?service_code=he-thong")
		var sys []xRequest
		decodeJSON(t, body, &sys)
		if code != 200 || len(sys) != 1 || sys[0].ID != id2 {
			t.Fatalf("service_code filter: %d %s", code, body)
		}
		code, body, _ = get(t, ts, "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")
		if code != 200 || strings.TrimSpace(body) != "[]" {
			t.Fatalf("old range: %d %s", code, body)
		}
		code, body, _ = get(t, ts, "/open311/v2/requests.xml?start_date=yesterday")
		xe = xErrors{}
		decodeXML(t, body, &xe)
		if code != 400 || len(xe.Errors) != 1 || xe.Errors[0].Code != 400 {
			t.Fatalf("bad date: %d %s", code, body)
		}
		if code, body, _ = get(t, ts, "/open311/v2/requests/PA-AAAAA-AAAAA.json"); code != 404 || !strings.Contains(body, `"code":404`) {
			t.Fatalf("unknown request: %d %s", code, body)
		}

		// Tokens: the tracking code stands for its own token.
		code, body, _ = get(t, ts, "/open311/v2/tokens/"+id+".xml")
		var tok xRequests
		decodeXML(t, body, &tok)
		if code != 200 || len(tok.Requests) != 1 || tok.Requests[0].ID != id || tok.Requests[0].Token != id {
			t.Fatalf("token: %d %s", code, body)
		}
		if code, _, _ = get(t, ts, "/open311/v2/tokens/nope.json"); code != 404 {
			t.Fatalf("unknown token: %d", code)
		}

		// mySociety's updates: the openings, with the extended status.
		code, body, _ = get(t, ts, "/open311/v2/servicerequestupdates.xml")
		var ups xUpdates
		decodeXML(t, body, &ups)
		found := false
		for _, u := range ups.Updates {
			found = found || (u.ID == id && u.Status == "OPEN" && u.UpdateID != "" && u.At != "")
		}
		if code != 200 || !found {
			t.Fatalf("updates: %d %s", code, body)
		}
	})
}

func o311Form(f url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	out.Set(key, value)
	return out
}

func o311Count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
