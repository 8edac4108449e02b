package units

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// committeePrefix begins the code of every people's committee agency.
const committeePrefix = "UBND-"

// seedFormat is hashed with the embedded files into the data key that Seed
// compares with the database. Bump it whenever a code change alters the
// rows Seed writes (an erratum, a normalisation, a derived column): the
// files alone would not tell. TestDataKeyTracksRows catches a forgotten bump.
const seedFormat = "units-seed-v1"

// unitRow is a unit with its rank in Vietnamese collation order.
type unitRow struct {
	Unit
	order int
}

// successionRow is one old→new link as stored.
type successionRow struct {
	OldCode   string
	OldLevel  Level
	NewCode   string
	Note      string
	ChangedOn string
}

// agencyRow is an agency with its listing rank.
type agencyRow struct {
	Agency
	order int
}

// dataset is everything Seed writes, built from the embedded files.
type dataset struct {
	units       []unitRow
	successions []successionRow
	agencies    []agencyRow
	// skipped are conversion-table rows without a unit to hang on, such as
	// the coastal alluvial area of Kim Sơn; kept for tests and docs.
	skipped []mappingRow
	// hash fingerprints the rows themselves; TestDataKeyTracksRows uses it
	// to check that dataKey changes whenever the rows do.
	hash string
}

var (
	embeddedOnce sync.Once
	embeddedData *dataset
	embeddedErr  error

	keyOnce sync.Once
	keyData string
	keyErr  error
)

// dataKey identifies the embedded data without parsing it: a hash of
// seedFormat and the embedded files as stored. Seed compares it with the
// database so that a start with nothing to do costs one small read.
func dataKey() (string, error) {
	keyOnce.Do(func() {
		h := sha256.New()
		fmt.Fprintln(h, seedFormat)
		for _, name := range []string{fileCurrent, fileOld, fileMapping, fileMinistries} {
			b, err := files.ReadFile(name)
			if err != nil {
				keyErr = fmt.Errorf("units: read %s: %w", name, err)
				return
			}
			fmt.Fprintf(h, "%s %d\n", name, len(b))
			h.Write(b)
		}
		keyData = hex.EncodeToString(h.Sum(nil))
	})
	return keyData, keyErr
}

// embedded returns the dataset built from the embedded files, building it
// once per process: many tests and every start call Seed.
func embedded() (*dataset, error) {
	embeddedOnce.Do(func() {
		var raw [4][]byte
		for i, name := range []string{fileCurrent, fileOld, fileMapping, fileMinistries} {
			if raw[i], embeddedErr = readEmbedded(name); embeddedErr != nil {
				return
			}
		}
		embeddedData, embeddedErr = buildDataset(raw[0], raw[1], raw[2], raw[3])
	})
	return embeddedData, embeddedErr
}

// buildDataset parses the four sources, applies the errata, checks that
// the conversion table and the two lists agree, and derives the rows.
func buildDataset(currentJSON, oldJSON, mappingCSV, ministriesCSV []byte) (*dataset, error) {
	cur, err := parseCurrent(currentJSON)
	if err != nil {
		return nil, err
	}
	if err := fixCurrent(cur); err != nil {
		return nil, err
	}
	old, err := parseOld(oldJSON)
	if err != nil {
		return nil, err
	}
	mapping, err := parseMapping(bytes.NewReader(mappingCSV))
	if err != nil {
		return nil, err
	}
	if err := fixMapping(mapping); err != nil {
		return nil, err
	}
	mins, err := parseMinistries(bytes.NewReader(ministriesCSV))
	if err != nil {
		return nil, err
	}

	ds := &dataset{}
	var units []Unit
	// current indexes current units by code; oldUnits the pre-reform ones.
	current := map[string]Unit{}
	oldUnits := map[string]Unit{}
	add := func(idx map[string]Unit, u Unit) error {
		if _, dup := idx[u.Code]; dup {
			return fmt.Errorf("units: load: duplicate code %s (valid from %s)", u.Code, u.ValidFrom)
		}
		idx[u.Code] = u
		units = append(units, u)
		return nil
	}
	for _, p := range cur {
		if err := add(current, Unit{Code: p.Code, Name: p.Name, FullName: p.FullName, NameEn: p.NameEn,
			Level: LevelProvince, ValidFrom: ReformDate}); err != nil {
			return nil, err
		}
		for _, w := range p.Wards {
			if err := add(current, Unit{Code: w.Code, Name: w.Name, FullName: w.FullName, NameEn: w.NameEn,
				Level: LevelCommune, ParentCode: p.Code, ValidFrom: ReformDate}); err != nil {
				return nil, err
			}
		}
	}
	oldUnit := func(code, full string, level Level, parent string) (Unit, error) {
		_, name, ok := splitType(full)
		if !ok {
			return Unit{}, fmt.Errorf("units: load: old unit %s: no type word in %q", code, full)
		}
		return Unit{Code: code, Name: name, FullName: full, Level: level, ParentCode: parent,
			ValidFrom: OldFrom, ValidTo: ReformDate}, nil
	}
	// islands are old districts without communes.
	islands := map[string]bool{}
	for _, p := range old {
		u, err := oldUnit(p.Code, p.FullName, LevelProvince, "")
		if err != nil {
			return nil, err
		}
		if err := add(oldUnits, u); err != nil {
			return nil, err
		}
		for _, d := range p.District {
			u, err := oldUnit(d.Code, d.FullName, LevelDistrict, p.Code)
			if err != nil {
				return nil, err
			}
			if err := add(oldUnits, u); err != nil {
				return nil, err
			}
			if len(d.Ward) == 0 {
				islands[d.Code] = true
			}
			for _, w := range d.Ward {
				u, err := oldUnit(w.Code, w.FullName, LevelCommune, d.Code)
				if err != nil {
					return nil, err
				}
				if err := add(oldUnits, u); err != nil {
					return nil, err
				}
			}
		}
	}

	if ds.successions, ds.skipped, err = successions(mapping, current, oldUnits, islands); err != nil {
		return nil, err
	}
	ds.units = rankUnits(units)
	ds.agencies = agencies(mins, ds.units)
	ds.hash = hashDataset(ds)
	return ds, nil
}

// successions checks the conversion table against both lists and turns it
// into links: one per (old commune, new commune), one per island district
// that became a special zone, and one per old province (each went whole
// into one new province).
func successions(rows []mappingRow, current, old map[string]Unit, islands map[string]bool) (out []successionRow, skipped []mappingRow, err error) {
	seenNew := map[string]bool{}
	seenOld := map[string]bool{}
	pairs := map[[2]string]bool{}
	provinceOf := map[string]string{} // old province → new province
	for _, r := range rows {
		nu, ok := current[r.NewCode]
		if !ok || nu.Level != LevelCommune {
			return nil, nil, fmt.Errorf("units: load: mapping line %d: new code %s is not a current commune", r.Line, r.NewCode)
		}
		if nu.ParentCode != r.NewProvinceCode {
			return nil, nil, fmt.Errorf("units: load: mapping line %d: new commune %s is in province %s, not %s", r.Line, r.NewCode, nu.ParentCode, r.NewProvinceCode)
		}
		seenNew[r.NewCode] = true
		oldProvince := r.OldProvinceCode
		switch {
		case r.OldCode != "":
			ou, ok := old[r.OldCode]
			if !ok || ou.Level != LevelCommune {
				return nil, nil, fmt.Errorf("units: load: mapping line %d: old code %s is not a pre-reform commune", r.Line, r.OldCode)
			}
			if ou.ParentCode != r.OldDistrictCode || old[ou.ParentCode].ParentCode != r.OldProvinceCode {
				return nil, nil, fmt.Errorf("units: load: mapping line %d: old commune %s is in district %s, province %s; the table says %s, %s",
					r.Line, r.OldCode, ou.ParentCode, old[ou.ParentCode].ParentCode, r.OldDistrictCode, r.OldProvinceCode)
			}
			if pairs[[2]string{r.OldCode, r.NewCode}] {
				return nil, nil, fmt.Errorf("units: load: mapping line %d: duplicate link %s → %s", r.Line, r.OldCode, r.NewCode)
			}
			pairs[[2]string{r.OldCode, r.NewCode}] = true
			seenOld[r.OldCode] = true
			out = append(out, successionRow{OldCode: r.OldCode, OldLevel: LevelCommune, NewCode: r.NewCode, Note: r.Note, ChangedOn: ReformDate})
		case islands[r.OldDistrictCode]:
			if old[r.OldDistrictCode].ParentCode != r.OldProvinceCode {
				return nil, nil, fmt.Errorf("units: load: mapping line %d: old district %s is in province %s, not %s", r.Line, r.OldDistrictCode, old[r.OldDistrictCode].ParentCode, r.OldProvinceCode)
			}
			out = append(out, successionRow{OldCode: r.OldDistrictCode, OldLevel: LevelDistrict, NewCode: r.NewCode, Note: r.Note, ChangedOn: ReformDate})
		default:
			// An area inside a district that also had communes (the coastal
			// alluvial land of Kim Sơn): no code of its own, and hanging it
			// on the district would claim the whole district went there.
			if _, ok := old[r.OldDistrictCode]; !ok {
				return nil, nil, fmt.Errorf("units: load: mapping line %d: no old commune and unknown district %s", r.Line, r.OldDistrictCode)
			}
			skipped = append(skipped, r)
		}
		if p, ok := provinceOf[oldProvince]; ok && p != r.NewProvinceCode {
			return nil, nil, fmt.Errorf("units: load: mapping line %d: old province %s goes to both %s and %s", r.Line, oldProvince, p, r.NewProvinceCode)
		}
		provinceOf[oldProvince] = r.NewProvinceCode
	}
	for code, u := range current {
		if u.Level == LevelCommune && !seenNew[code] {
			return nil, nil, fmt.Errorf("units: load: current commune %s is missing from the conversion table", code)
		}
	}
	nOldProvinces := 0
	for code, u := range old {
		switch u.Level {
		case LevelCommune:
			if !seenOld[code] {
				return nil, nil, fmt.Errorf("units: load: old commune %s is missing from the conversion table", code)
			}
		case LevelProvince:
			nOldProvinces++
			if _, ok := provinceOf[code]; !ok {
				return nil, nil, fmt.Errorf("units: load: old province %s is missing from the conversion table", code)
			}
		}
	}
	if len(provinceOf) != nOldProvinces {
		return nil, nil, fmt.Errorf("units: load: the conversion table names %d old provinces, the old list %d", len(provinceOf), nOldProvinces)
	}
	// Province links are derived, not published row by row: NQ 202/2025/QH15
	// merged whole provinces, so the communes' links imply them.
	merged := map[string]int{}
	for _, np := range provinceOf {
		merged[np]++
	}
	for op, np := range provinceOf {
		note := "Nhập toàn bộ"
		if merged[np] == 1 {
			note = "Giữ nguyên"
		}
		out = append(out, successionRow{OldCode: op, OldLevel: LevelProvince, NewCode: np, Note: note, ChangedOn: ReformDate})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.OldCode != b.OldCode {
			return a.OldCode < b.OldCode
		}
		return a.NewCode < b.NewCode
	})
	return out, skipped, nil
}

// rankUnits orders units by Vietnamese collation of their name, then full
// name, then code and period, and records each one's rank so queries can
// ORDER BY it: neither database collates Vietnamese portably.
func rankUnits(units []Unit) []unitRow {
	keys := sortKeys(len(units), func(i int) (string, string) { return units[i].Name, units[i].FullName })
	idx := make([]int, len(units))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if c := bytes.Compare(keys[i], keys[j]); c != 0 {
			return c < 0
		}
		if units[i].Code != units[j].Code {
			return units[i].Code < units[j].Code
		}
		return units[i].ValidFrom < units[j].ValidFrom
	})
	out := make([]unitRow, len(units))
	for rank, i := range idx {
		out[rank] = unitRow{Unit: units[i], order: rank}
	}
	return out
}

// sortKeys returns a collation key per item, built from two strings (the
// second breaks ties of the first).
func sortKeys(n int, item func(i int) (string, string)) [][]byte {
	c := newCollator()
	var buf collate.Buffer
	keys := make([][]byte, n)
	for i := range keys {
		a, b := item(i)
		k := append([]byte(nil), c.KeyFromString(&buf, a)...)
		k = append(k, 0, 0) // below any collation weight: "An" before "An Giang"
		k = append(k, c.KeyFromString(&buf, b)...)
		keys[i] = k
		buf.Reset()
	}
	return keys
}

// newCollator returns a Vietnamese collator that orders numbers by value
// ("Phường 2" before "Phường 10"). Collators are not safe for concurrent
// use, so each caller makes its own.
func newCollator() *collate.Collator {
	return collate.New(language.Vietnamese, collate.Numeric)
}

// agencies derives the agency list: the ministries in the order of the
// government's structure (NQ 176/2025/QH15), then one people's committee per
// current province and commune in collation order.
func agencies(mins []ministry, units []unitRow) []agencyRow {
	var out []agencyRow
	for _, m := range mins {
		out = append(out, agencyRow{Agency: Agency{Code: m.Code, Name: m.Name, NameEn: m.NameEn, Kind: AgencyMinistry}})
	}
	for _, u := range units {
		if u.ValidTo != "" {
			continue
		}
		a := Agency{Code: CommitteeCode(u.Code), UnitCode: u.Code,
			Name: "Ủy ban nhân dân " + u.FullName}
		if typ, _, ok := splitType(u.FullName); ok && u.NameEn != "" {
			a.NameEn = "People's Committee of " + u.NameEn + " " + typeEn(typ)
		}
		switch u.Level {
		case LevelProvince:
			a.Kind = AgencyProvince
		case LevelCommune:
			a.Kind = AgencyCommune
			a.ParentCode = CommitteeCode(u.ParentCode)
		default:
			continue
		}
		out = append(out, agencyRow{Agency: a})
	}
	for i := range out {
		out[i].order = i
	}
	return out
}

// CommitteeCode returns the agency code of the people's committee of the
// unit with the given code ("01" → "UBND-01").
func CommitteeCode(unitCode string) string { return committeePrefix + unitCode }

// hashDataset fingerprints everything Seed would write.
func hashDataset(ds *dataset) string {
	h := sha256.New()
	for _, u := range ds.units {
		fmt.Fprintf(h, "u\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\n",
			u.Code, u.Level, u.Name, u.FullName, u.NameEn, u.ParentCode, u.ValidFrom, u.ValidTo, u.order)
	}
	for _, s := range ds.successions {
		fmt.Fprintf(h, "s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\n", s.OldCode, s.OldLevel, s.NewCode, s.Note, s.ChangedOn)
	}
	for _, a := range ds.agencies {
		fmt.Fprintf(h, "a\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\n", a.Code, a.Kind, a.Name, a.NameEn, a.UnitCode, a.ParentCode, a.order)
	}
	return hex.EncodeToString(h.Sum(nil))
}
