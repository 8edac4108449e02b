package units

import (
	"fmt"
	"strings"
)

// The corrections applied to the sources while loading, as listed under
// "Known errors and caveats" in data/SOURCE.md. Each must match the data:
// one that matches nothing means the source was fixed and the erratum
// should go, so loading fails instead of silently carrying a dead rule.

// currentCodeErrata renames codes in the current list. Ba Chẽ is 06970 in
// the official list (QĐ 19/2025, the NSO table and API); the thanglequoc
// snapshot carries a mistaken 06978, reverted upstream after it was taken.
var currentCodeErrata = []struct{ from, to, fullName string }{
	{"06978", "06970", "Xã Ba Chẽ"},
}

// oldCodeErrata fix old commune codes in the NSO conversion table, where a
// row carries the code of a neighbouring commune of the same district. A
// row is identified by its published old code, old name and new code.
var oldCodeErrata = []struct{ oldCode, oldName, newCode, fixed string }{
	{"00553", "Xã Đặng Xá", "00562", "00556"},   // 00553 is Cổ Bi
	{"01615", "Xã Mỹ Hưng", "01648", "01651"},   // 01615 is Hồng Quang
	{"02485", "Xã Phú Thịnh", "02494", "02482"}, // 02485 is Công Đa
}

// oldProvinceErrata fix the old province of rows labelled with the wrong
// one. A row is identified by its old commune code, or, for the island
// district of Cồn Cỏ that had no communes, by its old district code.
var oldProvinceErrata = []struct{ oldCode, oldDistrict, wrong, fixed string }{
	{oldCode: "27691", wrong: "82", fixed: "80"},   // Phường 4, Tân An: Long An, not Tiền Giang
	{oldCode: "30781", wrong: "89", fixed: "91"},   // Xã Tiên Hải, Hà Tiên: Kiên Giang, not An Giang
	{oldDistrict: "471", wrong: "44", fixed: "45"}, // Huyện Cồn Cỏ: old Quảng Trị is 45
}

// noteErrata fix spelling slips in the conversion table's notes.
var noteErrata = []struct{ wrong, fixed string }{
	{"Nhâp một phần", "Nhập một phần"},
}

// fixCurrent applies currentCodeErrata to the parsed current list.
func fixCurrent(ps []currentProvince) error {
	for _, e := range currentCodeErrata {
		n := 0
		for i := range ps {
			for j := range ps[i].Wards {
				w := &ps[i].Wards[j]
				if w.Code == e.from && w.FullName == e.fullName {
					w.Code = e.to
					n++
				}
			}
		}
		if n != 1 {
			return fmt.Errorf("units: erratum %s→%s (%s) matched %d communes, want 1", e.from, e.to, e.fullName, n)
		}
	}
	return nil
}

// fixMapping applies the old-code, old-province and note errata to the
// parsed conversion table.
func fixMapping(rows []mappingRow) error {
	for _, e := range oldCodeErrata {
		n := 0
		for i := range rows {
			r := &rows[i]
			if r.OldCode == e.oldCode && r.OldName == e.oldName && r.NewCode == e.newCode {
				r.OldCode = e.fixed
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("units: erratum old code %s (%s → %s) matched %d rows, want 1", e.oldCode, e.oldName, e.newCode, n)
		}
	}
	for _, e := range oldProvinceErrata {
		n := 0
		for i := range rows {
			r := &rows[i]
			match := e.oldCode != "" && r.OldCode == e.oldCode ||
				e.oldDistrict != "" && r.OldCode == "" && r.OldDistrictCode == e.oldDistrict
			if match && r.OldProvinceCode == e.wrong {
				r.OldProvinceCode = e.fixed
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("units: erratum old province of %s%s (%s→%s) matched no row", e.oldCode, e.oldDistrict, e.wrong, e.fixed)
		}
	}
	for _, e := range noteErrata {
		n := 0
		for i := range rows {
			if strings.Contains(rows[i].Note, e.wrong) {
				rows[i].Note = strings.ReplaceAll(rows[i].Note, e.wrong, e.fixed)
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("units: erratum note %q matched no row", e.wrong)
		}
	}
	return nil
}
