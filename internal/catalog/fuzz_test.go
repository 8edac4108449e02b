package catalog

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkParseResult holds every parser to the contract Store.Import relies
// on: as many lines as services, lines increasing, every service valid and
// storable, codes and slugs unique, errors with a line and a message.
func checkParseResult(t *testing.T, res *ParseResult) {
	t.Helper()
	if len(res.Services) != len(res.Lines) {
		t.Fatalf("%d services but %d lines", len(res.Services), len(res.Lines))
	}
	codes, slugs := map[string]bool{}, map[string]bool{}
	for i := range res.Services {
		svc := &res.Services[i]
		if i > 0 && res.Lines[i] <= res.Lines[i-1] || res.Lines[i] < 1 {
			t.Fatalf("lines not increasing: %v", res.Lines)
		}
		if err := svc.Validate(); err != nil {
			t.Fatalf("invalid service %+v: %v", svc, err)
		}
		if codes[svc.Code] || slugs[svc.Slug] {
			t.Fatalf("code %q or slug %q repeated", svc.Code, svc.Slug)
		}
		codes[svc.Code], slugs[svc.Slug] = true, true
		if !norm.NFC.IsNormalString(svc.Name) || !utf8.ValidString(svc.Name) {
			t.Fatalf("name not NFC UTF-8: %q", svc.Name)
		}
		if _, _, err := recordBody(svc); err != nil {
			t.Fatalf("service cannot be stored: %v", err)
		}
	}
	for _, e := range res.Errors {
		if e == nil || e.Line < 1 || e.Msg == "" {
			t.Fatalf("error without line or message: %+v", e)
		}
	}
}

func FuzzParseTTHC(f *testing.F) {
	src, err := os.ReadFile(tthcTestdata)
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	for _, l := range lines[:4] {
		f.Add(l)
	}
	f.Add(lines[0] + lines[0])
	f.Add(lines[10][:len(lines[10])/2] + "\n" + lines[11])
	f.Add(`{"thu_tuc_id":"1.1","metadata":{"tên_thủ_tục":"A","cấp_thực_hiện":"Cấp Huyện"},"tables":{"hinh_thuc_nop":[{"hinh_thuc":"Trực tuyến","phi_le_phi":"Phí : 1.000 Đồng"}]}}`)
	f.Add(`{"thu_tuc_id":1.5,"metadata":{"tên_thủ_tục":null}}` + "\n[]\n\n")
	f.Add("\xEF\xBB\xBF{}\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := ParseTTHC(strings.NewReader(in))
		if err != nil {
			return // not JSON Lines at all
		}
		checkParseResult(t, res)
	})
}

func FuzzParseServicesCSV(f *testing.F) {
	sample, err := os.ReadFile(sampleCSV)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(sample))
	f.Add(csvHead + csvRow(map[string]string{"documents": "A | chính: 1 | mẫu: x.doc", "channels": "truc-tuyen", "fee": "Phí: 0 đồng"}))
	f.Add("code,name,online_level,levels\n1,A,Một phần,Bộ;Xã\n1,B,x,y\n\"2\",\"C\nD\",toan-trinh,tinh\n")
	f.Add("code,name,online_level,levels,slug\n1,A,mot-phan,xa,a\n2,B,mot-phan,xa,a\n3,\"bad\"quote,mot-phan,xa,\n")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := ParseServicesCSV(strings.NewReader(in))
		if err != nil {
			return // not the template at all
		}
		checkParseResult(t, res)
		for i := range res.Services {
			if _, err := json.Marshal(res.Services[i]); err != nil {
				t.Fatal(err)
			}
		}
	})
}
