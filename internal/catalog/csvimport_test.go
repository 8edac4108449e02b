package catalog

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

const sampleCSV = "../../docs/import-services-sample.csv"

func TestParseServicesCSVSampleParses(t *testing.T) {
	f, err := os.Open(sampleCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ParseServicesCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Error(e)
	}
	if len(res.Services) != 3 || len(res.Lines) != 3 {
		t.Fatalf("%d services, %d lines", len(res.Services), len(res.Lines))
	}
	// The first record spans lines 2 to 4 (steps on three lines).
	if res.Lines[0] != 2 || res.Lines[1] != 5 || res.Lines[2] != 6 {
		t.Errorf("lines %v", res.Lines)
	}
	svc := res.Services[0]
	if svc.OnlineLevel != OnlinePartial || len(svc.Levels) != 1 || svc.Levels[0] != LevelCommune ||
		svc.Slug != "dang-ky-nghia-vu-quan-su-lan-dau-1-013133" || len(svc.Steps) != 3 ||
		strings.HasPrefix(svc.Steps[0], "Bước") || len(svc.Channels) != 2 || svc.Conditions != "" {
		t.Errorf("first record: %+v", svc)
	}
	if d := svc.Documents[1]; d.Copies != 1 || d.Originals != 0 || !strings.HasPrefix(d.Note, "không phải nộp") {
		t.Errorf("document %+v", d)
	}
	if svc := res.Services[2]; svc.OnlineLevel != OnlineFull || len(svc.Channels) != 1 || svc.Channels[0].FeeVND == nil ||
		*svc.Channels[0].FeeVND != 0 || svc.Documents[0].Template == "" || len(svc.LegalBasis) != 3 {
		t.Errorf("third record: %+v", svc)
	}
}

// csvHead is the header used by the tests below: every column.
var csvHead = strings.Join(servicesCSVColumns, ",") + "\n"

// csvRow builds a row of the full template from the given cells.
func csvRow(cells map[string]string) string {
	base := map[string]string{"code": "1.000001", "name": "Đăng ký khai sinh", "online_level": "mot-phan", "levels": "xa"}
	for k, v := range cells {
		base[k] = v
	}
	out := make([]string, len(servicesCSVColumns))
	for i, c := range servicesCSVColumns {
		v := base[c]
		if strings.ContainsAny(v, ",\"\n") {
			v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
		}
		out[i] = v
	}
	return strings.Join(out, ",") + "\n"
}

func parseCSV(t *testing.T, s string) *ParseResult {
	t.Helper()
	res, err := ParseServicesCSV(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestParseServicesCSVHappyPath(t *testing.T) {
	in := "\xEF\xBB\xBF" + csvHead + csvRow(map[string]string{
		"slug": "dang-ky-khai-sinh", "field": "Hộ tịch", "online_level": "Toàn trình", "levels": "Bộ; Tỉnh; Cấp xã; xa",
		"channels": "Trực tuyến", "agencies": "btp; BCA", "agency_text": "UBND cấp xã",
		"audience": "Công dân Việt Nam; Cán bộ, công chức, viên chức", "life_events": "Sinh con",
		"processing_time": "Trong ngày", "fee": "Miễn lệ phí nếu đăng ký đúng hạn", "fee_vnd": "0",
		"documents": "Tờ khai | chính: 1 | sao: 0 | mẫu: https://example.gov.vn/to-khai.docx\nGiấy chứng sinh | bản chính: 1 | ghi chú: do bệnh viện cấp",
		"steps":     "Bước 1: Nộp tờ khai; Bước 2: Nhận kết quả", "conditions": "Không quy định",
		"result": "Giấy khai sinh", "legal_basis": "Luật Hộ tịch 2014", "keywords": "giấy khai sinh, khai sinh online; khai sinh",
		"portal_url": "https://dichvucong.gov.vn", "source": "Sở Tư pháp",
	}) + "\n,,,,,,,,,,,,,,,,,,,,,\n" + csvRow(map[string]string{"code": "1.000002", "name": norm.NFD.String("Đăng ký kết hôn"), "fee": "Lệ phí: 50.000 đồng"})
	res := parseCSV(t, in)
	if len(res.Errors) > 0 || len(res.Services) != 2 {
		t.Fatalf("errors %v, %d services", res.Errors, len(res.Services))
	}
	svc := res.Services[0]
	checks := []struct {
		what string
		ok   bool
	}{
		{"slug", svc.Slug == "dang-ky-khai-sinh"},
		{"online level", svc.OnlineLevel == OnlineFull},
		{"levels", len(svc.Levels) == 3 && svc.Levels[0] == LevelMinistry && svc.Levels[2] == LevelCommune},
		{"agencies", strings.Join(svc.Agencies, ",") == "BTP,BCA"},
		{"audience", len(svc.Audience) == 2 && svc.Audience[1] == "Cán bộ, công chức, viên chức"},
		{"life events", len(svc.LifeEvents) == 1 && svc.LifeEvents[0] == "sinh-con"},
		{"channels", len(svc.Channels) == 1 && svc.Channels[0].Kind == ChannelOnline && svc.Channels[0].FeeVND != nil && *svc.Channels[0].FeeVND == 0 && svc.Channels[0].ProcessingTime == "Trong ngày"},
		{"documents", len(svc.Documents) == 2 && svc.Documents[0].Template == "https://example.gov.vn/to-khai.docx" && svc.Documents[1].Originals == 1 && svc.Documents[1].Note == "do bệnh viện cấp"},
		{"steps", strings.Join(svc.Steps, "|") == "Nộp tờ khai|Nhận kết quả"},
		{"conditions", svc.Conditions == ""},
		{"keywords", strings.Join(svc.Keywords, "|") == "giấy khai sinh|khai sinh online|khai sinh"},
		{"source", svc.Source == "Sở Tư pháp"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: %+v", c.what, svc)
		}
	}
	two := res.Services[1]
	if two.Name != "Đăng ký kết hôn" || two.Slug != "dang-ky-ket-hon-1-000002" || two.Source != SourceCSV || res.Lines[1] != 6 {
		t.Errorf("second record: name %q slug %q source %q line %d", two.Name, two.Slug, two.Source, res.Lines[1])
	}
	// A fee without channels gets the channels the online level implies, and
	// the amount is read from the fee text.
	if len(two.Channels) != 2 || two.Channels[0].Kind != ChannelInPerson || two.Channels[1].FeeVND == nil || *two.Channels[1].FeeVND != 50000 {
		t.Errorf("second record channels: %+v", two.Channels)
	}
	// Each channel has its own copy of the amount.
	if two.Channels[0].FeeVND == two.Channels[1].FeeVND {
		t.Error("channels share one fee pointer")
	}
}

func TestParseServicesCSVMinimalHeader(t *testing.T) {
	res := parseCSV(t, "Name,CODE,online level,levels\r\nKhai sinh,1.1,chua-truc-tuyen,tinh\r\n")
	if len(res.Errors) > 0 || len(res.Services) != 1 || res.Services[0].Slug != "khai-sinh-1-1" || res.Services[0].Channels != nil {
		t.Fatalf("%v %+v", res.Errors, res.Services)
	}
}

func TestParseServicesCSVRecordErrors(t *testing.T) {
	for _, tc := range []struct {
		field string
		cells map[string]string
	}{
		{"code", map[string]string{"code": ""}},
		{"code", map[string]string{"code": "1 001"}},
		{"name", map[string]string{"name": "Không có thông tin"}},
		{"slug", map[string]string{"slug": "Đăng ký"}},
		{"online_level", map[string]string{"online_level": ""}},
		{"online_level", map[string]string{"online_level": "mức độ 4"}},
		{"levels", map[string]string{"levels": ""}},
		{"levels", map[string]string{"levels": "huyện"}},
		{"levels", map[string]string{"levels": "xa;thon"}},
		{"channels", map[string]string{"channels": "fax"}},
		{"channels", map[string]string{"channels": "truc-tuyen", "online_level": "chua-truc-tuyen"}},
		{"channels", map[string]string{"channels": "truc-tiep", "online_level": "toan-trinh"}},
		{"agencies", map[string]string{"agencies": "Bộ Công an"}},
		{"life_events", map[string]string{"life_events": "nghỉ hưu"}},
		{"fee_vnd", map[string]string{"fee_vnd": "50 nghìn"}},
		{"fee_vnd", map[string]string{"fee_vnd": "-5"}},
		{"documents", map[string]string{"documents": "| chính: 1"}},
		{"documents", map[string]string{"documents": "Tờ khai | 1 bản"}},
		{"documents", map[string]string{"documents": "Tờ khai | chính: nhiều"}},
		{"documents", map[string]string{"documents": "Tờ khai | cỡ: lớn"}},
		{"portal_url", map[string]string{"portal_url": "www.dichvucong.gov.vn"}},
		{"portal_url", map[string]string{"portal_url": "javascript:alert(1)"}},
	} {
		res := parseCSV(t, csvHead+csvRow(nil)+csvRow(mergeCells(map[string]string{"code": "1.000002"}, tc.cells)))
		if len(res.Services) != 1 || len(res.Errors) != 1 || res.Errors[0].Line != 3 || res.Errors[0].Field != tc.field || res.Errors[0].Msg == "" {
			t.Errorf("%v: services %d, errors %v", tc.cells, len(res.Services), res.Errors)
		}
	}
}

func mergeCells(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func TestParseServicesCSVRowErrors(t *testing.T) {
	// Duplicate code and slug, a short row, a broken quote; line numbers
	// count the lines of the multi-line record before them.
	in := csvHead +
		csvRow(map[string]string{"steps": "Nộp\nNhận"}) + // lines 2-3
		csvRow(map[string]string{"name": "Khác"}) + // line 4: same code
		csvRow(map[string]string{"code": "1.000003", "slug": "dang-ky-khai-sinh-1-000001"}) + // line 5: same slug
		"1.000004,x,y\n" + // line 6: too few columns
		csvRow(map[string]string{"code": "1.000005"}) + // line 7
		`1.000006,,"Tên có ngoặc "sai"` + strings.Repeat(",", len(servicesCSVColumns)-3) + "\n" // line 8: bad quote
	res := parseCSV(t, in)
	want := []struct {
		line  int
		field string
	}{{4, "code"}, {5, "slug"}, {6, ""}, {8, ""}}
	if len(res.Errors) != len(want) {
		t.Fatalf("errors %v", res.Errors)
	}
	for i, w := range want {
		if res.Errors[i].Line != w.line || res.Errors[i].Field != w.field {
			t.Errorf("error %d: %v, want line %d field %q", i, res.Errors[i], w.line, w.field)
		}
	}
	if len(res.Services) != 2 || res.Lines[0] != 2 || res.Lines[1] != 7 {
		t.Errorf("services %d, lines %v", len(res.Services), res.Lines)
	}
	if !strings.Contains(res.Errors[0].Msg, "dòng 2") {
		t.Errorf("duplicate does not name the first line: %q", res.Errors[0].Msg)
	}
}

func TestParseServicesCSVUnnamedColumn(t *testing.T) {
	head := "code,name,online_level,levels,\n"
	res := parseCSV(t, head+"1.1,A,mot-phan,xa,\n1.2,B,mot-phan,xa,lost\n")
	if len(res.Services) != 1 || len(res.Errors) != 1 || res.Errors[0].Line != 3 {
		t.Errorf("services %d, errors %v", len(res.Services), res.Errors)
	}
}

func TestParseServicesCSVFileErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":           "",
		"unknown column":  "code,name,online_level,levels,colour\n",
		"repeated column": "code,name,online_level,levels,name\n",
		"missing column":  "code,name,levels\n",
		"semicolons":      "code;name;online_level;levels\n1;A;mot-phan;xa\n",
		"not UTF-8":       "code,name,online_level,levels\n1,\xd0\xe3ng k\xfd,mot-phan,xa\n",
		"broken header":   "code,\"name\n",
	} {
		if _, err := ParseServicesCSV(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.HasPrefix(err.Error(), "catalog: csv: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := ParseServicesCSV(strings.NewReader("code,name,online_level,levels\n1,\xd0\xe3ng k\xfd,mot-phan,xa\n"))
	if err == nil || !strings.Contains(err.Error(), "dòng 2") || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("not UTF-8: %v", err)
	}
}

func TestParseServicesCSVHeader(t *testing.T) {
	h := ServicesCSVHeader()
	h[0] = "changed"
	if servicesCSVColumns[0] != "code" {
		t.Error("ServicesCSVHeader exposes the package's slice")
	}
	doc, err := os.ReadFile("../../docs/import-services.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range servicesCSVColumns {
		if !strings.Contains(string(doc), "`"+c+"`") {
			t.Errorf("column %s not documented in docs/import-services.md", c)
		}
	}
}
