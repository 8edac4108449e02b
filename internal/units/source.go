package units

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// files holds the unit lists as taken from their sources (the large ones
// gzip-compressed with `gzip -9n`; their uncompressed SHA-256 sums are those
// listed in data/SOURCE.md), so the binary needs no network to know them.
//
//go:embed data/*.gz data/ministries.csv
var files embed.FS

// The embedded file names.
const (
	fileCurrent    = "data/current-units.thanglequoc.json.gz"
	fileOld        = "data/old-units-2025-03.thanglequoc.json.gz"
	fileMapping    = "data/nso-old-to-new-2025.csv.gz"
	fileMinistries = "data/ministries.csv"
)

// readEmbedded returns an embedded file's contents, decompressed when its
// name ends in .gz.
func readEmbedded(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("units: read %s: %w", name, err)
	}
	if !strings.HasSuffix(name, ".gz") {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("units: read %s: %w", name, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("units: read %s: %w", name, err)
	}
	return out, nil
}

// currentProvince is one province of current-units.thanglequoc.json.
type currentProvince struct {
	Code, Name, NameEn, FullName string
	Wards                        []currentCommune
}

// currentCommune is one commune of current-units.thanglequoc.json.
type currentCommune struct {
	Code, Name, NameEn, FullName, ProvinceCode string
}

// parseCurrent reads the current units (34 provinces with their communes).
// Text is cleaned; codes are checked for shape and parent links, not for
// errata (see dataset.go).
func parseCurrent(b []byte) ([]currentProvince, error) {
	var ps []currentProvince
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, fmt.Errorf("units: parse current units: %w", err)
	}
	for i := range ps {
		p := &ps[i]
		if !isCode(p.Code, 2) {
			return nil, fmt.Errorf("units: parse current units: province %d: bad code %q", i, p.Code)
		}
		p.Name, p.NameEn, p.FullName = cleanName(p.Name), cleanText(p.NameEn), cleanFullName(p.FullName)
		if p.Name == "" || p.FullName == "" {
			return nil, fmt.Errorf("units: parse current units: province %s: empty name", p.Code)
		}
		for j := range p.Wards {
			w := &p.Wards[j]
			if !isCode(w.Code, 5) {
				return nil, fmt.Errorf("units: parse current units: province %s: commune %d: bad code %q", p.Code, j, w.Code)
			}
			if w.ProvinceCode != p.Code {
				return nil, fmt.Errorf("units: parse current units: commune %s: province %q inside province %s", w.Code, w.ProvinceCode, p.Code)
			}
			w.Name, w.NameEn, w.FullName = cleanName(w.Name), cleanText(w.NameEn), cleanFullName(w.FullName)
			if w.Name == "" || w.FullName == "" {
				return nil, fmt.Errorf("units: parse current units: commune %s: empty name", w.Code)
			}
		}
	}
	return ps, nil
}

// oldProvince is one province of old-units-2025-03.thanglequoc.json.
type oldProvince struct {
	Code, FullName string
	District       []oldDistrict
}

// oldDistrict is one district of the old list; Ward is null for the island
// districts that had no communes.
type oldDistrict struct {
	Code, FullName, ProvinceCode string
	Ward                         []oldCommune
}

// oldCommune is one commune of the old list.
type oldCommune struct {
	Code, FullName, DistrictCode string
}

// parseOld reads the pre-reform units (63 provinces → 696 districts →
// 10,035 communes), cleaning names and checking codes and parent links.
func parseOld(b []byte) ([]oldProvince, error) {
	var ps []oldProvince
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, fmt.Errorf("units: parse old units: %w", err)
	}
	for i := range ps {
		p := &ps[i]
		if !isCode(p.Code, 2) {
			return nil, fmt.Errorf("units: parse old units: province %d: bad code %q", i, p.Code)
		}
		if p.FullName = cleanFullName(p.FullName); p.FullName == "" {
			return nil, fmt.Errorf("units: parse old units: province %s: empty name", p.Code)
		}
		for j := range p.District {
			d := &p.District[j]
			if !isCode(d.Code, 3) || d.ProvinceCode != p.Code {
				return nil, fmt.Errorf("units: parse old units: province %s: district %d: bad code %q or province %q", p.Code, j, d.Code, d.ProvinceCode)
			}
			if d.FullName = cleanFullName(d.FullName); d.FullName == "" {
				return nil, fmt.Errorf("units: parse old units: district %s: empty name", d.Code)
			}
			for k := range d.Ward {
				w := &d.Ward[k]
				if !isCode(w.Code, 5) || w.DistrictCode != d.Code {
					return nil, fmt.Errorf("units: parse old units: district %s: commune %d: bad code %q or district %q", d.Code, k, w.Code, w.DistrictCode)
				}
				if w.FullName = cleanFullName(w.FullName); w.FullName == "" {
					return nil, fmt.Errorf("units: parse old units: commune %s: empty name", w.Code)
				}
			}
		}
	}
	return ps, nil
}

// mappingRow is one link of the NSO conversion table: an old commune (or,
// in six rows, an island district or an area without a code) and the new
// commune that took it, or part of it, over.
type mappingRow struct {
	Line                             int // 1-based line in the CSV, for errors
	NewProvinceCode, NewProvinceName string
	NewCode, NewName                 string
	OldCode, OldName                 string
	OldDistrictCode, OldDistrictName string
	OldProvinceCode, OldProvinceName string
	Note                             string
}

// mappingHeader is the exact header of nso-old-to-new-2025.csv.
var mappingHeader = []string{"new_province_code", "new_province_name", "new_code", "new_name", "old_code", "old_name", "old_district_code", "old_district_name", "old_province_code", "old_province_name", "note"}

// parseMapping reads the old→new conversion table. Codes must have their
// full width (communes 5 digits, districts 3, provinces 2); old_code may be
// empty. Text is cleaned; errata are applied later.
func parseMapping(r io.Reader) ([]mappingRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(mappingHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("units: parse mapping: header: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(mappingHeader, ",") {
		return nil, fmt.Errorf("units: parse mapping: unexpected header %q", head)
	}
	var rows []mappingRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("units: parse mapping: %w", err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = cleanText(rec[i])
		}
		m := mappingRow{
			Line:            line,
			NewProvinceCode: rec[0], NewProvinceName: rec[1],
			NewCode: rec[2], NewName: rec[3],
			OldCode: rec[4], OldName: rec[5],
			OldDistrictCode: rec[6], OldDistrictName: rec[7],
			OldProvinceCode: rec[8], OldProvinceName: rec[9],
			Note: rec[10],
		}
		switch {
		case !isCode(m.NewProvinceCode, 2), !isCode(m.NewCode, 5),
			m.OldCode != "" && !isCode(m.OldCode, 5),
			!isCode(m.OldDistrictCode, 3), !isCode(m.OldProvinceCode, 2):
			return nil, fmt.Errorf("units: parse mapping: line %d: malformed code in %q", line, rec)
		}
		rows = append(rows, m)
	}
	return rows, nil
}

// ministry is one row of ministries.csv.
type ministry struct {
	Code, Name, NameEn, Kind, Note string
}

// ministriesHeader is the exact header of ministries.csv.
var ministriesHeader = []string{"code", "name_vi", "name_en", "kind", "note"}

// parseMinistries reads the hand-made list of ministries and
// ministry-level agencies, in the order of NQ 176/2025/QH15.
func parseMinistries(r io.Reader) ([]ministry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(ministriesHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("units: parse ministries: header: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(ministriesHeader, ",") {
		return nil, fmt.Errorf("units: parse ministries: unexpected header %q", head)
	}
	var out []ministry
	seen := map[string]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("units: parse ministries: %w", err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = cleanText(rec[i])
		}
		m := ministry{Code: rec[0], Name: rec[1], NameEn: rec[2], Kind: rec[3], Note: rec[4]}
		if !isAgencyCode(m.Code) || strings.HasPrefix(m.Code, committeePrefix) {
			return nil, fmt.Errorf("units: parse ministries: line %d: bad code %q", line, m.Code)
		}
		if seen[m.Code] {
			return nil, fmt.Errorf("units: parse ministries: line %d: duplicate code %s", line, m.Code)
		}
		seen[m.Code] = true
		if m.Name == "" {
			return nil, fmt.Errorf("units: parse ministries: line %d: empty name", line)
		}
		if m.Kind != "ministry" && m.Kind != "ministry-level agency" {
			return nil, fmt.Errorf("units: parse ministries: line %d: unknown kind %q", line, m.Kind)
		}
		out = append(out, m)
	}
	return out, nil
}

// isCode reports whether s is exactly n ASCII digits.
func isCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isAgencyCode reports whether s looks like an agency code: 2 to 16
// characters of upper-case ASCII letters, digits and '-'.
func isAgencyCode(s string) bool {
	if len(s) < 2 || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
