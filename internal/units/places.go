package units

import (
	"slices"
	"strings"
	"unicode"
)

// PlaceNames returns the proper names, without their type word, of the
// provinces in force and before the 2025 reform and of the districts it
// abolished ("Hà Nội", "Bình Dương", "Thủ Đức"): the places citizens name
// when they tell where they live, work or were born, whatever the map says
// now. Names that are only a number ("Quận 1" is "1") are left out. They
// come from the embedded lists, so no database is needed.
func PlaceNames() ([]string, error) {
	ds, err := embedded()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range ds.units {
		if u.Level == LevelCommune || !hasLetter(u.Name) {
			continue
		}
		out = append(out, u.Name)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// hasLetter reports whether s has a letter: "1" and "10" are district
// numbers, not names.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
