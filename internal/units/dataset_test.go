package units

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func mustDataset(t *testing.T) *dataset {
	t.Helper()
	ds, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestDatasetCounts(t *testing.T) {
	ds := mustDataset(t)
	type key struct {
		level   Level
		current bool
	}
	n := map[key]int{}
	for _, u := range ds.units {
		n[key{u.Level, u.ValidTo == ""}]++
	}
	want := map[key]int{
		{LevelProvince, true}: 34, {LevelCommune, true}: 3321,
		{LevelProvince, false}: 63, {LevelDistrict, false}: 696, {LevelCommune, false}: 10035,
	}
	for k, w := range want {
		if n[k] != w {
			t.Errorf("%s current=%v: %d units, want %d", k.level, k.current, n[k], w)
		}
	}
	if len(n) != len(want) {
		t.Errorf("unexpected level/period combinations: %v", n)
	}
	byLevel := map[Level]int{}
	oldCommunes := map[string]bool{}
	for _, s := range ds.successions {
		byLevel[s.OldLevel]++
		if s.OldLevel == LevelCommune {
			oldCommunes[s.OldCode] = true
		}
	}
	// 10,571 table rows less the 6 without an old commune; the 5 island
	// districts; the 63 derived province links.
	if byLevel[LevelCommune] != 10565 || byLevel[LevelDistrict] != 5 || byLevel[LevelProvince] != 63 {
		t.Errorf("successions by level = %v, want xa 10565, huyen 5, tinh 63", byLevel)
	}
	if len(oldCommunes) != 10035 {
		t.Errorf("old communes with a successor: %d, want 10035", len(oldCommunes))
	}
	if len(ds.skipped) != 1 || !strings.HasPrefix(ds.skipped[0].OldName, "Khu vực bãi bồi") || ds.skipped[0].NewCode != "14698" {
		t.Errorf("skipped rows = %+v, want only the Kim Sơn alluvial area", ds.skipped)
	}
	kinds := map[AgencyKind]int{}
	for _, a := range ds.agencies {
		kinds[a.Kind]++
	}
	if kinds[AgencyMinistry] != 17 || kinds[AgencyProvince] != 34 || kinds[AgencyCommune] != 3321 || len(ds.agencies) != 17+34+3321 {
		t.Errorf("agencies by kind = %v", kinds)
	}
}

func TestDatasetErrata(t *testing.T) {
	ds := mustDataset(t)
	units := map[string]Unit{}
	for _, u := range ds.units {
		if u.ValidTo == "" {
			units[u.Code] = u.Unit
		}
	}
	if u, ok := units["06970"]; !ok || u.ParentCode != "22" || u.FullName != "Xã Ba Chẽ" {
		t.Errorf("Ba Chẽ 06970 = %+v, %v", u, ok)
	}
	if _, ok := units["06978"]; ok {
		t.Error("06978 still present")
	}
	links := map[[2]string]string{}
	for _, s := range ds.successions {
		links[[2]string{s.OldCode, s.NewCode}] = s.Note
	}
	for _, l := range []struct {
		old, new string
		want     bool
	}{
		{"00556", "00562", true}, {"00553", "00562", false},
		{"01651", "01648", true}, {"01615", "01648", false},
		{"02482", "02494", true}, {"02485", "02494", false},
		{"00553", "00136", true}, // Cổ Bi's own links stay
		{"45", "44", true},       // old Quảng Trị (Cồn Cỏ's province) → new Quảng Trị
		{"80", "80", true},       // Long An → Tây Ninh (80), with Phường 4 Tân An
		{"91", "91", true},       // Kiên Giang → An Giang (91), with Xã Tiên Hải
		{"471", "19742", true},   // Huyện Cồn Cỏ → Đặc khu Cồn Cỏ
	} {
		if _, ok := links[[2]string{l.old, l.new}]; ok != l.want {
			t.Errorf("link %s → %s present = %v, want %v", l.old, l.new, ok, l.want)
		}
	}
	for k, note := range links {
		if strings.Contains(note, "Nhâp") {
			t.Errorf("link %v keeps the misspelt note %q", k, note)
		}
	}
}

// TestNamesAgreeWithOfficialTable compares the current names (thanglequoc,
// cleaned) with the NSO conversion table's new names (cleaned the same
// way). Only the known differences may remain: the NSO's typo "Xa Ea
// Kly" and the ten Đồng Nai communes that became wards in 2026, after the
// table was made.
func TestNamesAgreeWithOfficialTable(t *testing.T) {
	ds := mustDataset(t)
	rows, err := parseMapping(bytes.NewReader(mustRead(t, fileMapping)))
	if err != nil {
		t.Fatal(err)
	}
	official := map[string]string{}
	for _, r := range rows {
		official[r.NewCode] = cleanFullName(r.NewName)
	}
	known := map[string]bool{"24496": true,
		"25270": true, "25357": true, "25363": true, "26116": true, "26170": true,
		"26248": true, "26326": true, "26368": true, "26425": true, "26485": true}
	for _, u := range ds.units {
		if u.ValidTo != "" || u.Level != LevelCommune {
			continue
		}
		if got, want := u.FullName, official[u.Code]; got != want && !known[u.Code] {
			t.Errorf("%s: name %q, official table %q", u.Code, got, want)
		}
	}
}

func TestDatasetNamesAreClean(t *testing.T) {
	ds := mustDataset(t)
	for _, u := range ds.units {
		for _, s := range []string{u.Name, u.FullName, u.NameEn} {
			if !norm.NFC.IsNormalString(s) || strings.ContainsAny(s, "\u2019\u2018") || s != cleanText(s) {
				t.Errorf("%s: unclean name %q", u.Code, s)
			}
		}
		if !strings.HasSuffix(u.FullName, " "+u.Name) {
			t.Errorf("%s: full name %q does not end in name %q", u.Code, u.FullName, u.Name)
		}
		if strings.Contains(u.FullName, "oà ") || strings.HasSuffix(u.FullName, "oà") || strings.HasSuffix(u.FullName, "uỷ") {
			t.Errorf("%s: old tone placement in %q", u.Code, u.FullName)
		}
	}
}

func TestDatasetOrder(t *testing.T) {
	ds := mustDataset(t)
	var provinces []string
	for _, u := range ds.units {
		if u.Level == LevelProvince && u.ValidTo == "" {
			provinces = append(provinces, u.Name)
		}
	}
	want := "An Giang, Bắc Ninh, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, Điện Biên, Đồng Nai, Đồng Tháp, " +
		"Gia Lai, Hà Nội, Hà Tĩnh, Hải Phòng, Hồ Chí Minh, Huế, Hưng Yên, Khánh Hòa, Lai Châu, Lạng Sơn, " +
		"Lào Cai, Lâm Đồng, Nghệ An, Ninh Bình, Phú Thọ, Quảng Ngãi, Quảng Ninh, Quảng Trị, Sơn La, Tây Ninh, " +
		"Thái Nguyên, Thanh Hóa, Tuyên Quang, Vĩnh Long"
	if got := strings.Join(provinces, ", "); got != want {
		t.Errorf("province order:\n got %s\nwant %s", got, want)
	}
	for i, u := range ds.units {
		if u.order != i {
			t.Fatalf("unit %d has order %d", i, u.order)
		}
	}
}

func TestDatasetIsDeterministic(t *testing.T) {
	raw := [][]byte{mustRead(t, fileCurrent), mustRead(t, fileOld), mustRead(t, fileMapping), mustRead(t, fileMinistries)}
	a, err := buildDataset(raw[0], raw[1], raw[2], raw[3])
	if err != nil {
		t.Fatal(err)
	}
	if a.hash != mustDataset(t).hash {
		t.Error("two builds of the same files hash differently")
	}
	changed := bytes.Replace(raw[3], []byte("Bộ Công an"), []byte("Bộ Công An"), 1)
	b, err := buildDataset(raw[0], raw[1], raw[2], changed)
	if err != nil {
		t.Fatal(err)
	}
	if b.hash == a.hash {
		t.Error("a changed name did not change the hash")
	}
}

// TestErrataMustMatch checks that an erratum with nothing to fix stops the
// load, so a source fixed upstream does not leave dead corrections behind.
func TestErrataMustMatch(t *testing.T) {
	if err := fixCurrent([]currentProvince{{Code: "22", Wards: []currentCommune{{Code: "06970", FullName: "Xã Ba Chẽ"}}}}); err == nil {
		t.Error("fixCurrent without 06978: no error")
	}
	rows := []mappingRow{{OldCode: "00556", OldName: "Xã Đặng Xá", NewCode: "00562"}}
	if err := fixMapping(rows); err == nil {
		t.Error("fixMapping without the published errors: no error")
	}
}

// TestValidationCatchesBrokenTable checks that loading refuses a table whose
// old codes do not cover the old list, as the unfixed NSO table would.
func TestValidationCatchesBrokenTable(t *testing.T) {
	raw := [][]byte{mustRead(t, fileCurrent), mustRead(t, fileOld), mustRead(t, fileMapping), mustRead(t, fileMinistries)}
	// Drop the row of Phường Quán Thánh, old commune 00013's only link.
	var kept []string
	for _, line := range strings.Split(string(raw[2]), "\n") {
		if !strings.Contains(line, ",00013,") {
			kept = append(kept, line)
		}
	}
	_, err := buildDataset(raw[0], raw[1], []byte(strings.Join(kept, "\n")), raw[3])
	if err == nil || !strings.Contains(err.Error(), "old commune 00013 is missing") {
		t.Errorf("a table missing an old commune: err = %v", err)
	}
}

// The data key and the row hash of the embedded data as last reviewed.
// TestDataKeyTracksRows explains when to change them.
const (
	pinnedDataKey  = "d055b670dede8dc6751b902d6fcb63cdbc9af322023043ea74432fb6fa2d73a5"
	pinnedRowsHash = "44aa6ff98bfc38b7e64558ebdd6f1265a77f5a1de9363c2a3fa5652c0a9a6962"
)

// TestDataKeyTracksRows guards Seed's shortcut: Seed skips when the stored
// data key (a hash of seedFormat and the embedded files) matches, so every
// change to the rows must change that key. A code change that alters the
// rows without touching the files needs a seedFormat bump, or installed
// databases would keep the old rows.
func TestDataKeyTracksRows(t *testing.T) {
	key, err := dataKey()
	if err != nil {
		t.Fatal(err)
	}
	rows := mustDataset(t).hash
	switch {
	case key == pinnedDataKey && rows == pinnedRowsHash:
	case key == pinnedDataKey:
		t.Errorf("the rows Seed writes changed but the data key did not: bump seedFormat in dataset.go, "+
			"then set pinnedDataKey = %q and pinnedRowsHash = %q", "<new key>", rows)
	default:
		t.Errorf("the embedded data changed; after checking the new rows, set pinnedDataKey = %q and pinnedRowsHash = %q", key, rows)
	}
}

// BenchmarkBuildDataset measures parsing, checking and ranking the
// embedded data, which Seed does once per process when the data key
// differs from the database's.
func BenchmarkBuildDataset(b *testing.B) {
	var raw [4][]byte
	for i, name := range []string{fileCurrent, fileOld, fileMapping, fileMinistries} {
		var err error
		if raw[i], err = readEmbedded(name); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := buildDataset(raw[0], raw[1], raw[2], raw[3]); err != nil {
			b.Fatal(err)
		}
	}
}
