package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestSplitFormat(t *testing.T) {
	for in, want := range map[string]struct {
		base string
		f    Format
		ok   bool
	}{
		"services.json": {"services", JSON, true}, "PA-K7QXM-3DHTW.xml": {"PA-K7QXM-3DHTW", XML, true},
		"services.JSON": {"", "", false}, "services": {"", "", false}, ".json": {"", "", false},
		"a.b.xml": {"a.b", XML, true}, "services.html": {"", "", false},
	} {
		base, f, ok := SplitFormat(in)
		if base != want.base || f != want.f || ok != want.ok {
			t.Errorf("SplitFormat(%q) = %q %q %v", in, base, f, ok)
		}
	}
}

// TestWriteShapes checks the XML roots and item names of the
// specification and the Spark-convention JSON (bare arrays for lists).
func TestWriteShapes(t *testing.T) {
	lat := 21.0285
	reqs := &ServiceRequests[Request]{Items: []Request{{ServiceRequestID: "PA-1", Status: "open", Lat: &lat,
		Description: "a < b & c", RequestedDatetime: W3(time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC))}}}
	for _, tc := range []struct {
		v              any
		root, item     string
		jsonArray      bool
		jsonFirstField string
	}{
		{&Services{Items: ServiceList()}, "services", "service", true, "service_code"},
		{&ServiceRequests[Created]{Items: []Created{{ServiceRequestID: "PA-1"}}}, "service_requests", "request", true, "service_request_id"},
		{reqs, "service_requests", "request", true, "service_request_id"},
		{&Errors{Items: []Error{{403, "Sai api_key."}}}, "errors", "error", true, "code"},
		{&Updates{Items: []Update{{UpdateID: "1"}}}, "service_request_updates", "request_update", true, "update_id"},
		{&Discovery{Endpoints: []Endpoint{{Formats: []string{"text/xml"}}}}, "discovery", "changeset", false, "changeset"},
	} {
		var x bytes.Buffer
		if err := Write(&x, XML, tc.v); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(x.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
			t.Errorf("%s: no declaration: %.60s", tc.root, x.String())
		}
		dec := xml.NewDecoder(&x)
		var names []string
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				names = append(names, se.Name.Local)
			}
		}
		if len(names) < 2 || names[0] != tc.root || names[1] != tc.item {
			t.Errorf("%s: elements %v", tc.root, names)
		}
		var j bytes.Buffer
		if err := Write(&j, JSON, tc.v); err != nil {
			t.Fatal(err)
		}
		if tc.jsonArray {
			var arr []map[string]any
			if err := json.Unmarshal(j.Bytes(), &arr); err != nil || len(arr) == 0 {
				t.Errorf("%s: JSON %s is not a non-empty array: %v", tc.root, j.String(), err)
				continue
			}
			if _, ok := arr[0][tc.jsonFirstField]; !ok {
				t.Errorf("%s: JSON item lacks %s: %s", tc.root, tc.jsonFirstField, j.String())
			}
		} else {
			var obj map[string]any
			if err := json.Unmarshal(j.Bytes(), &obj); err != nil {
				t.Errorf("%s: JSON %s: %v", tc.root, j.String(), err)
			}
		}
	}
	// Empty lists are [] in JSON, never null.
	var j bytes.Buffer
	if err := Write(&j, JSON, &ServiceRequests[Request]{}); err != nil || strings.TrimSpace(j.String()) != "[]" {
		t.Errorf("empty list: %q %v", j.String(), err)
	}
	// Text is escaped in XML and the datetime carries its zone.
	var x bytes.Buffer
	_ = Write(&x, XML, reqs)
	if !strings.Contains(x.String(), "a &lt; b &amp; c") || !strings.Contains(x.String(), "2026-03-02T09:30:00+07:00") ||
		!strings.Contains(x.String(), "<lat>21.0285</lat>") {
		t.Errorf("xml %s", x.String())
	}
}

func TestErrorsStatus(t *testing.T) {
	for _, tc := range []struct {
		codes []int
		want  int
	}{{[]int{400}, 400}, {[]int{400, 404}, 404}, {[]int{404, 403}, 403}, {[]int{429}, 429}, {[]int{400, 500}, 500}} {
		e := &Errors{}
		for _, c := range tc.codes {
			e.Items = append(e.Items, Error{Code: c})
		}
		if got := e.Status(); got != tc.want {
			t.Errorf("%v: %d, want %d", tc.codes, got, tc.want)
		}
	}
}
