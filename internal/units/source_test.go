package units

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestEmbeddedFilesAreTheSources checks that the embedded files, once
// decompressed, are byte for byte the files whose SHA-256 sums the shared
// data folder's SOURCE.md records: provenance holds only if nothing was
// edited on the way in (corrections belong in errata.go).
func TestEmbeddedFilesAreTheSources(t *testing.T) {
	want := map[string]string{
		fileCurrent:    "6207c791177859ce2340167e28a9676d819116ddeadbc7a73a28bf0d94c825f3",
		fileOld:        "07f533191e94f29d9f59e430122e345672a4a236ad457cfdf114c07ebcc41bd8",
		fileMapping:    "80aa2aea70c295b021b864e513d8e2e892516361677c2145fbe0a97250656695",
		fileMinistries: "8f83844f3c2f5f61a9c85aa4d587a54cc01d06b98e1e4f52a3b60abafd4c10c1",
	}
	for name, sum := range want {
		b, err := readEmbedded(name)
		if err != nil {
			t.Fatal(err)
		}
		got := sha256.Sum256(b)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: SHA-256 %x, want %s", name, got, sum)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := readEmbedded(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseEmbeddedFiles(t *testing.T) {
	cur, err := parseCurrent(mustRead(t, fileCurrent))
	if err != nil {
		t.Fatal(err)
	}
	communes := 0
	for _, p := range cur {
		communes += len(p.Wards)
	}
	if len(cur) != 34 || communes != 3321 {
		t.Errorf("current: %d provinces, %d communes; want 34, 3321", len(cur), communes)
	}
	if cur[0].Code != "01" || cur[0].FullName != "Thành phố Hà Nội" || cur[0].NameEn != "Hanoi" {
		t.Errorf("current[0] = %+v", cur[0].Code+" "+cur[0].FullName+" "+cur[0].NameEn)
	}

	old, err := parseOld(mustRead(t, fileOld))
	if err != nil {
		t.Fatal(err)
	}
	districts, communes, islands := 0, 0, 0
	for _, p := range old {
		districts += len(p.District)
		for _, d := range p.District {
			communes += len(d.Ward)
			if d.Ward == nil {
				islands++
			}
		}
	}
	if len(old) != 63 || districts != 696 || communes != 10035 || islands != 5 {
		t.Errorf("old: %d provinces, %d districts, %d communes, %d island districts; want 63, 696, 10035, 5",
			len(old), districts, communes, islands)
	}

	rows, err := parseMapping(bytes.NewReader(mustRead(t, fileMapping)))
	if err != nil {
		t.Fatal(err)
	}
	noOld := 0
	for _, r := range rows {
		if r.OldCode == "" {
			noOld++
		}
	}
	if len(rows) != 10571 || noOld != 6 {
		t.Errorf("mapping: %d rows, %d without old commune; want 10571, 6", len(rows), noOld)
	}
	first := rows[0]
	if first.Line != 2 || first.NewCode != "00004" || first.NewName != "Phường Ba Đình" || first.OldCode != "00004" ||
		first.OldName != "Phường Trúc Bạch" || first.OldDistrictCode != "001" || first.Note != "Nhập toàn bộ" {
		t.Errorf("mapping row 1 = %+v", first)
	}

	mins, err := parseMinistries(bytes.NewReader(mustRead(t, fileMinistries)))
	if err != nil {
		t.Fatal(err)
	}
	if len(mins) != 17 || mins[1].Code != "BCA" || mins[1].Name != "Bộ Công an" {
		t.Errorf("ministries: %d, second %+v", len(mins), mins[1])
	}
}

const mappingHead = "new_province_code,new_province_name,new_code,new_name,old_code,old_name,old_district_code,old_district_name,old_province_code,old_province_name,note\n"

func TestParseMappingRejects(t *testing.T) {
	tests := map[string]string{
		"empty":            "",
		"wrong header":     "a,b,c\n",
		"short new code":   mappingHead + "01,Hà Nội,4,Phường Ba Đình,00004,Phường Trúc Bạch,001,Quận Ba Đình,01,Hà Nội,x\n",
		"letters in code":  mappingHead + "01,Hà Nội,0000A,Phường Ba Đình,00004,Phường Trúc Bạch,001,Quận Ba Đình,01,Hà Nội,x\n",
		"bad old district": mappingHead + "01,Hà Nội,00004,Phường Ba Đình,00004,Phường Trúc Bạch,1,Quận Ba Đình,01,Hà Nội,x\n",
		"missing field":    mappingHead + "01,Hà Nội,00004,Phường Ba Đình,00004\n",
	}
	for name, in := range tests {
		if _, err := parseMapping(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	rows, err := parseMapping(strings.NewReader(mappingHead + "01,Hà Nội,00004,\" Phường  Ba Đình\",,,318,Huyện Bạch Long Vĩ,31,Hải Phòng,Nhập toàn bộ\n"))
	if err != nil || len(rows) != 1 || rows[0].NewName != "Phường Ba Đình" || rows[0].OldCode != "" {
		t.Errorf("valid row: %+v, %v", rows, err)
	}
}

func TestParseMinistriesRejects(t *testing.T) {
	head := "code,name_vi,name_en,kind,note\n"
	tests := map[string]string{
		"wrong header":   "code,name\n",
		"lower case":     head + "bca,Bộ Công an,,ministry,\n",
		"committee code": head + "UBND-01,Ủy ban,,ministry,\n",
		"duplicate":      head + "BCA,Bộ Công an,,ministry,\nBCA,Bộ Công an,,ministry,\n",
		"unknown kind":   head + "BCA,Bộ Công an,,department,\n",
		"empty name":     head + "BCA,,,ministry,\n",
	}
	for name, in := range tests {
		if _, err := parseMinistries(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseJSONRejects(t *testing.T) {
	curTests := map[string]string{
		"not json":        "[",
		"short code":      `[{"Code":"1","Name":"A","FullName":"Tỉnh A"}]`,
		"foreign commune": `[{"Code":"01","Name":"A","FullName":"Tỉnh A","Wards":[{"Code":"00001","Name":"B","FullName":"Xã B","ProvinceCode":"02"}]}]`,
		"empty name":      `[{"Code":"01","Name":"","FullName":"Tỉnh A"}]`,
	}
	for name, in := range curTests {
		if _, err := parseCurrent([]byte(in)); err == nil {
			t.Errorf("current %s: no error", name)
		}
	}
	oldTests := map[string]string{
		"not json":         "{}",
		"foreign district": `[{"Code":"01","FullName":"Tỉnh A","District":[{"Code":"001","FullName":"Huyện B","ProvinceCode":"02"}]}]`,
		"foreign commune":  `[{"Code":"01","FullName":"Tỉnh A","District":[{"Code":"001","FullName":"Huyện B","ProvinceCode":"01","Ward":[{"Code":"00001","FullName":"Xã C","DistrictCode":"002"}]}]}]`,
	}
	for name, in := range oldTests {
		if _, err := parseOld([]byte(in)); err == nil {
			t.Errorf("old %s: no error", name)
		}
	}
}

// FuzzParseMapping feeds arbitrary CSV to the conversion-table parser:
// it must not panic, and every row it accepts must have well-formed codes
// and clean text.
func FuzzParseMapping(f *testing.F) {
	f.Add(mappingHead + "01,Hà Nội,00004,Phường Ba Đình,00004,Phường Trúc Bạch,001,Quận Ba Đình,01,Hà Nội,Nhập toàn bộ\n")
	f.Add(mappingHead + "31,Hải Phòng,11948,Đặc khu Bạch Long Vĩ,,,318,Huyện Bạch Long Vĩ,31,Hải Phòng,\"Sắp xếp\n toàn bộ\"\n")
	f.Add("\"")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := parseMapping(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, r := range rows {
			if !isCode(r.NewCode, 5) || (r.OldCode != "" && !isCode(r.OldCode, 5)) || !isCode(r.OldDistrictCode, 3) {
				t.Fatalf("accepted malformed codes: %+v", r)
			}
			if r.NewName != cleanText(r.NewName) || r.Note != cleanText(r.Note) {
				t.Fatalf("text not cleaned: %+v", r)
			}
		}
	})
}

// FuzzParseMinistries does the same for the ministries list.
func FuzzParseMinistries(f *testing.F) {
	f.Add("code,name_vi,name_en,kind,note\nBCA,Bộ Công an,Ministry of Public Security,ministry,\n")
	f.Add("code,name_vi,name_en,kind,note\nVPCP,\"Văn phòng, Chính phủ\",,ministry-level agency,x\n")
	f.Fuzz(func(t *testing.T, in string) {
		ms, err := parseMinistries(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, m := range ms {
			if !isAgencyCode(m.Code) || seen[m.Code] || m.Name == "" {
				t.Fatalf("accepted bad ministry %+v", m)
			}
			seen[m.Code] = true
		}
	})
}

// FuzzParseCurrent feeds arbitrary JSON to the current-units parser.
func FuzzParseCurrent(f *testing.F) {
	f.Add(`[{"Code":"01","Name":"Hà Nội","NameEn":"Hanoi","FullName":"Thành phố Hà Nội","Wards":[{"Code":"00004","Name":"Ba Đình","FullName":"Phường Ba Đình","ProvinceCode":"01"}]}]`)
	f.Fuzz(func(t *testing.T, in string) {
		ps, err := parseCurrent([]byte(in))
		if err != nil {
			return
		}
		for _, p := range ps {
			for _, w := range p.Wards {
				if !isCode(w.Code, 5) || w.ProvinceCode != p.Code || w.FullName == "" {
					t.Fatalf("accepted bad commune %+v", w)
				}
			}
		}
	})
}
