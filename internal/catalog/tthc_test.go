package catalog

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

const tthcTestdata = "testdata/tthc-procedures.jsonl"

// parseTestdata parses the 207 real records of the national database.
func parseTestdata(t testing.TB) *ParseResult {
	t.Helper()
	f, err := os.Open(tthcTestdata)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ParseTTHC(f)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func byCode(t *testing.T, res *ParseResult, code string) *Service {
	t.Helper()
	for i := range res.Services {
		if res.Services[i].Code == code {
			return &res.Services[i]
		}
	}
	t.Fatalf("service %s not parsed", code)
	return nil
}

func TestParseTTHCAllRecords(t *testing.T) {
	res := parseTestdata(t)
	for _, e := range res.Errors {
		t.Error(e)
	}
	if len(res.Services) != 207 || len(res.Lines) != 207 {
		t.Fatalf("%d services, %d lines, want 207", len(res.Services), len(res.Lines))
	}
	codes, slugs := map[string]bool{}, map[string]bool{}
	for i, svc := range res.Services {
		if res.Lines[i] != i+1 {
			t.Errorf("service %d on line %d", i, res.Lines[i])
		}
		if err := svc.Validate(); err != nil {
			t.Errorf("%s: %v", svc.Code, err)
		}
		if codes[svc.Code] || slugs[svc.Slug] {
			t.Errorf("%s: code or slug %q repeated", svc.Code, svc.Slug)
		}
		codes[svc.Code], slugs[svc.Slug] = true, true
		if svc.Source != SourceTTHC || !strings.HasSuffix(svc.PortalURL, "ma_thu_tuc="+svc.Code) {
			t.Errorf("%s: source %q, portal %q", svc.Code, svc.Source, svc.PortalURL)
		}
		if len(svc.Steps) == 0 || len(svc.Documents) == 0 || len(svc.Channels) == 0 {
			t.Errorf("%s: %d steps, %d documents, %d channels", svc.Code, len(svc.Steps), len(svc.Documents), len(svc.Channels))
		}
		var raw map[string]any
		if err := json.Unmarshal(svc.Raw, &raw); err != nil || raw["thu_tuc_id"] != svc.Code || raw["tables"] == nil {
			t.Errorf("%s: raw record not kept: %v", svc.Code, err)
		}
		svc.eachText(func(field, s string) {
			if strings.Contains(s, "Không có thông tin") {
				t.Errorf("%s: %s keeps the no-information placeholder", svc.Code, field)
			}
		})
	}
}

func TestParseTTHCFields(t *testing.T) {
	res := parseTestdata(t)

	// Line 1: a ministry procedure with a template and a legal basis.
	svc := byCode(t, res, "1.013124")
	if svc.Name != "Thủ tục thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu của các cơ sở, dự án dầu khí ngoài khơi" ||
		svc.Field != "Ứng phó sự cố tràn dầu" || len(svc.Levels) != 1 || svc.Levels[0] != LevelMinistry ||
		svc.Slug != "thu-tuc-tham-dinh-va-phe-duyet-ke-hoach-ung-pho-su-co-tran-dau-cua-cac-co-so-du-1-013124" {
		t.Errorf("1.013124: %q %q %v %q", svc.Name, svc.Field, svc.Levels, svc.Slug)
	}
	if len(svc.Channels) != 3 || svc.Channels[1].Kind != ChannelOnline || svc.Channels[2].Kind != ChannelPost ||
		svc.Channels[0].ProcessingTime != "30 Ngày làm việc" || svc.Channels[0].FeeVND == nil || *svc.Channels[0].FeeVND != 0 ||
		svc.Channels[1].Note != "hoặc bằng các hình thức phù hợp khác" {
		t.Errorf("1.013124 channels: %+v", svc.Channels)
	}
	if svc.OnlineLevel != OnlinePartial {
		t.Errorf("1.013124 online level %s", svc.OnlineLevel)
	}
	if len(svc.Documents) != 2 || svc.Documents[1].Template != "5-PHLCII.doc" || svc.Documents[1].Originals != 1 || svc.Documents[1].Copies != 0 {
		t.Errorf("1.013124 documents: %+v", svc.Documents)
	}
	if len(svc.Steps) != 3 || !strings.HasPrefix(svc.Steps[1], "Trong thời hạn 30 ngày làm việc") {
		t.Errorf("1.013124 steps: %q", svc.Steps)
	}
	if len(svc.LegalBasis) != 1 || !strings.Contains(svc.LegalBasis[0], "12/2021/QĐ-TTg") {
		t.Errorf("1.013124 legal basis: %q", svc.LegalBasis)
	}
	if len(svc.Agencies) != 1 || svc.Agencies[0] != "BQP" || svc.Conditions != "" || svc.Keywords != nil {
		t.Errorf("1.013124: agencies %v, conditions %q, keywords %q", svc.Agencies, svc.Conditions, svc.Keywords)
	}

	// A commune procedure: a copy, a bullet dropped from a document name.
	svc = byCode(t, res, "1.013133")
	if len(svc.Levels) != 1 || svc.Levels[0] != LevelCommune || svc.AgencyText != "Ban chỉ huy quân sự cấp Xã" ||
		svc.Result != "Giấy chứng nhận đăng ký nghĩa vụ quân sự" || len(svc.Audience) != 1 || svc.Audience[0] != "Công dân Việt Nam" {
		t.Errorf("1.013133: %v %q %q %q", svc.Levels, svc.AgencyText, svc.Result, svc.Audience)
	}
	if len(svc.Documents) != 2 || svc.Documents[1].Copies != 1 || svc.Documents[1].Originals != 0 ||
		!strings.HasPrefix(svc.Documents[1].Name, "Bản chụp Căn cước") {
		t.Errorf("1.013133 documents: %+v", svc.Documents)
	}
	if ch := svc.Channels[1]; ch.Kind != ChannelOnline || ch.ProcessingTime != "02 Giờ" || ch.Fee != "" || ch.FeeVND != nil {
		t.Errorf("1.013133 online channel: %+v", ch)
	}
	if !contains(svc.LegalBasis, "Nghĩa vụ quân sự (78/2015/QH13)") {
		t.Errorf("1.013133 legal basis: %q", svc.LegalBasis)
	}

	// Online only: fully online.
	if svc := byCode(t, res, "1.013591"); svc.OnlineLevel != OnlineFull || len(svc.Channels) != 2 {
		t.Errorf("1.013591: %s, %d channels", svc.OnlineLevel, len(svc.Channels))
	}
	// No online channel.
	if svc := byCode(t, res, "1.013134"); svc.OnlineLevel != OnlineNone {
		t.Errorf("1.013134: %s", svc.OnlineLevel)
	}
	// "Cấp Bộ, Cấp Tỉnh, Cấp Xã, Cơ quan khác": the other agency is not a level.
	if svc := byCode(t, res, "1.013140"); len(svc.Levels) != 3 {
		t.Errorf("1.013140 levels: %v", svc.Levels)
	}
	// Several fees in one channel: no single amount.
	if svc := byCode(t, res, "1.013539"); svc.Channels[0].FeeVND != nil || !strings.Contains(svc.Channels[0].Fee, "\n") {
		t.Errorf("1.013539 fee: %+v", svc.Channels[0])
	}
	// "Phí : Không Đồng" is free.
	if svc := byCode(t, res, "1.013577"); svc.Channels[0].FeeVND == nil || *svc.Channels[0].FeeVND != 0 {
		t.Errorf("1.013577 fee: %+v", svc.Channels[0])
	}
	// The national category with commas stays whole.
	if svc := byCode(t, res, "1.013128"); !contains(svc.Audience, "Cán bộ, công chức, viên chức") || len(svc.Audience) != 8 {
		t.Errorf("1.013128 audience: %q", svc.Audience)
	}
	// Line 6 repeats each channel with a second processing time.
	if svc := byCode(t, res, "1.013129"); len(svc.Channels) != 6 || svc.Channels[1].ProcessingTime != "14 Ngày" || svc.Channels[1].Note == "" {
		t.Errorf("1.013129 channels: %+v", svc.Channels)
	}
	// Conditions "Không" are none; real conditions are kept.
	conditions := 0
	for _, s := range res.Services {
		if s.Conditions != "" {
			conditions++
		}
		if isNone(s.Conditions) && s.Conditions != "" {
			t.Errorf("%s: conditions %q", s.Code, s.Conditions)
		}
	}
	if conditions < 100 {
		t.Errorf("only %d services kept their conditions", conditions)
	}
}

func TestParseTTHCOutputIsNFC(t *testing.T) {
	src, err := os.ReadFile(tthcTestdata)
	if err != nil {
		t.Fatal(err)
	}
	if norm.NFC.IsNormal(src) {
		t.Fatal("testdata is already NFC; this test needs decomposed input")
	}
	// Decompose everything, keys included: the parser must still read it.
	res, err := ParseTTHC(bytes.NewReader(norm.NFD.Bytes(src)))
	if err != nil || len(res.Errors) > 0 || len(res.Services) != 207 {
		t.Fatalf("NFD input: %v, %v, %d services", err, res.Errors, len(res.Services))
	}
	for _, svc := range res.Services {
		svc.eachText(func(field, s string) {
			if !norm.NFC.IsNormalString(s) {
				t.Fatalf("%s: %s not NFC: %q", svc.Code, field, s)
			}
		})
		if !norm.NFC.IsNormal(svc.Raw) {
			t.Fatalf("%s: raw not NFC", svc.Code)
		}
	}
	if got := byCode(t, res, "1.013133").Name; got != "Thủ tục đăng ký nghĩa vụ quân sự lần đầu" {
		t.Errorf("name %q", got)
	}
}

func TestParseTTHCCorruptLine(t *testing.T) {
	src, err := os.ReadFile(tthcTestdata)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	lines[4] = lines[4][:len(lines[4])/2] + "\n"
	res, err := ParseTTHC(strings.NewReader(strings.Join(lines, "")))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || res.Errors[0].Line != 5 || res.Errors[0].Field != "json" {
		t.Fatalf("errors: %v", res.Errors)
	}
	if msg := res.Errors[0].Error(); !strings.HasPrefix(msg, `dòng 5, trường "json": JSON không hợp lệ`) {
		t.Errorf("message %q", msg)
	}
	if len(res.Services) != 206 || res.Lines[4] != 6 {
		t.Errorf("%d services; fifth on line %d", len(res.Services), res.Lines[4])
	}
}

// record returns a minimal valid national record with one change applied.
func record(t *testing.T, change func(m map[string]any)) string {
	t.Helper()
	m := map[string]any{
		"thu_tuc_id": "1.000001",
		"metadata": map[string]any{
			"mã_thủ_tục": "1.000001", "tên_thủ_tục": "Thủ tục thử", "cấp_thực_hiện": "Cấp Xã",
			"lĩnh_vực": "Hộ tịch", "số_quyết_định": "Quyết định số 1/QĐ-BTP",
		},
		"content": map[string]any{"trình_tự_thực_hiện": "Bước 1: Nộp. Bước 2: Nhận.", "yêu_cầu_điều_kiện_thực_hiện": "Không"},
		"tables": map[string]any{
			"hinh_thuc_nop":    []any{map[string]any{"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "1 Ngày", "phi_le_phi": "Lệ phí : 8.000 Đồng"}},
			"thanh_phan_ho_so": []any{map[string]any{"ten_giay_to": "Tờ khai", "so_luong": "01 bản", "ghi_chu": "Bản chính: 1\nBản sao: 0"}},
		},
	}
	if change != nil {
		change(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func meta(m map[string]any) map[string]any    { return m["metadata"].(map[string]any) }
func content(m map[string]any) map[string]any { return m["content"].(map[string]any) }

func TestParseTTHCRecordErrors(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		change      func(m map[string]any)
	}{
		{"no code", "mã_thủ_tục", func(m map[string]any) { m["thu_tuc_id"] = ""; meta(m)["mã_thủ_tục"] = "Không có thông tin" }},
		{"codes differ", "mã_thủ_tục", func(m map[string]any) { meta(m)["mã_thủ_tục"] = "1.000002" }},
		{"bad code", "mã_thủ_tục", func(m map[string]any) { m["thu_tuc_id"] = "1 000"; meta(m)["mã_thủ_tục"] = "" }},
		{"no name", "tên_thủ_tục", func(m map[string]any) { meta(m)["tên_thủ_tục"] = "  " }},
		{"no level", "cấp_thực_hiện", func(m map[string]any) { meta(m)["cấp_thực_hiện"] = "Cơ quan khác" }},
		{"unknown level", "cấp_thực_hiện", func(m map[string]any) { meta(m)["cấp_thực_hiện"] = "Cấp Thôn" }},
		{"wrong type", "metadata.tên_thủ_tục", func(m map[string]any) { meta(m)["tên_thủ_tục"] = []any{"a"} }},
		{"tables not lists", "tables.hinh_thuc_nop", func(m map[string]any) { m["tables"].(map[string]any)["hinh_thuc_nop"] = "Trực tiếp" }},
		{"unknown channel", "hinh_thuc_nop[0].hinh_thuc", func(m map[string]any) {
			m["tables"].(map[string]any)["hinh_thuc_nop"] = []any{map[string]any{"hinh_thuc": "Fax"}}
		}},
	} {
		res, err := ParseTTHC(strings.NewReader("\n" + record(t, tc.change) + "\n"))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(res.Services) != 0 || len(res.Errors) != 1 || res.Errors[0].Line != 2 || res.Errors[0].Field != tc.field {
			t.Errorf("%s: services %d, errors %v", tc.name, len(res.Services), res.Errors)
		}
	}
}

func TestParseTTHCRecordMapping(t *testing.T) {
	line := record(t, func(m map[string]any) {
		m["thu_tuc_id"] = 1.5 // a number where text is expected is read as written
		meta(m)["mã_thủ_tục"] = ""
		meta(m)["cấp_thực_hiện"] = "Cấp Huyện, Cấp Xã, Cấp Tỉnh"
		content(m)["từ_khóa"] = "khai sinh, giấy khai sinh; khai sinh"
		content(m)["cơ_quan_thực_hiện"] = "Không có thông tin"
		content(m)["cơ_quan_có_thẩm_quyền"] = "UBND cấp xã"
		m["other_table"] = []any{1, 2}
	})
	// BOM, CRLF and blank lines are tolerated.
	res, err := ParseTTHC(strings.NewReader("\xEF\xBB\xBF" + line + "\r\n\r\n   \n"))
	if err != nil || len(res.Errors) != 0 || len(res.Services) != 1 {
		t.Fatalf("%v %v", err, res.Errors)
	}
	svc := res.Services[0]
	if svc.Code != "1.5" || svc.Slug != "thu-tuc-thu-1-5" {
		t.Errorf("code %q slug %q", svc.Code, svc.Slug)
	}
	// Cấp Huyện no longer exists: it becomes Cấp Xã, without a repeat.
	if len(svc.Levels) != 2 || svc.Levels[0] != LevelProvince || svc.Levels[1] != LevelCommune {
		t.Errorf("levels %v", svc.Levels)
	}
	if strings.Join(svc.Keywords, "|") != "khai sinh|giấy khai sinh" {
		t.Errorf("keywords %q", svc.Keywords)
	}
	if svc.AgencyText != "UBND cấp xã" || len(svc.Agencies) != 1 || svc.Agencies[0] != "BTP" {
		t.Errorf("agency %q %v", svc.AgencyText, svc.Agencies)
	}
	if ch := svc.Channels[0]; ch.FeeVND == nil || *ch.FeeVND != 8000 || svc.OnlineLevel != OnlineNone {
		t.Errorf("channel %+v, level %s", ch, svc.OnlineLevel)
	}
	if d := svc.Documents[0]; d.Template != "" || d.Note != "01 bản" || d.Originals != 1 {
		t.Errorf("document %+v", d)
	}
	if !bytes.Contains(svc.Raw, []byte(`"other_table"`)) {
		t.Error("unmodelled table dropped from raw")
	}
}

func TestParseTTHCDuplicates(t *testing.T) {
	a := record(t, nil)
	b := record(t, func(m map[string]any) { meta(m)["tên_thủ_tục"] = "Tên khác" })
	res, err := ParseTTHC(strings.NewReader(a + "\n" + b + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Services) != 1 || len(res.Errors) != 1 || res.Errors[0].Line != 2 || res.Errors[0].Field != "mã_thủ_tục" ||
		!strings.Contains(res.Errors[0].Msg, "dòng 1") {
		t.Fatalf("services %d, errors %v", len(res.Services), res.Errors)
	}
}

func TestParseTTHCNotJSONLines(t *testing.T) {
	for _, in := range []string{
		"code,name\n1.1,Khai sinh\n",
		"\n[" + `{"thu_tuc_id":"1"}` + "]\n",
	} {
		if _, err := ParseTTHC(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "JSON Lines") {
			t.Errorf("%q: %v", in, err)
		}
	}
	res, err := ParseTTHC(strings.NewReader("\n\n"))
	if err != nil || len(res.Services)+len(res.Errors) != 0 {
		t.Errorf("blank file: %v %+v", err, res)
	}
	// A later line that is not an object is a record error, not a file error.
	res, err = ParseTTHC(strings.NewReader(record(t, nil) + "\n42\n\xff\xfe\n"))
	if err != nil || len(res.Errors) != 2 || res.Errors[0].Line != 2 || res.Errors[1].Line != 3 {
		t.Errorf("%v %v", err, res.Errors)
	}
}

func TestParseTTHCLongLine(t *testing.T) {
	long := `{"thu_tuc_id":"` + strings.Repeat("x", maxTTHCLine) + `"}`
	res, err := ParseTTHC(strings.NewReader(record(t, nil) + "\n" + long + "\n" + record(t, func(m map[string]any) { m["thu_tuc_id"] = "2.1"; meta(m)["mã_thủ_tục"] = "2.1" })))
	if err != nil || len(res.Services) != 2 || len(res.Errors) != 1 || res.Errors[0].Line != 2 || res.Lines[1] != 3 {
		t.Fatalf("%v, %d services, errors %v, lines %v", err, len(res.Services), res.Errors, res.Lines)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, os.ErrClosed }

func TestParseReadFailure(t *testing.T) {
	if _, err := ParseTTHC(failingReader{}); err == nil {
		t.Error("ParseTTHC: read failure not reported")
	}
	if _, err := ParseServicesCSV(failingReader{}); err == nil {
		t.Error("ParseServicesCSV: read failure not reported")
	}
}
