package units

import "errors"

// ErrNotFound is returned when no unit, agency or succession matches.
var ErrNotFound = errors.New("units: not found")

// Level is the tier of an administrative unit. Since 1 July 2025 there are
// two tiers (province, commune); before, there were three.
type Level string

// The unit levels, named as the database stores them.
const (
	// LevelProvince is a province or centrally-run city (tỉnh, thành phố).
	LevelProvince Level = "tinh"
	// LevelDistrict is a district-level unit (huyện, quận, thị xã, thành
	// phố thuộc tỉnh); abolished on 1 July 2025.
	LevelDistrict Level = "huyen"
	// LevelCommune is a commune, ward or special zone (xã, phường, đặc khu;
	// before the reform also thị trấn).
	LevelCommune Level = "xa"
)

// ReformDate is the day the 2025 two-tier reform took effect
// (QĐ 19/2025/QĐ-TTg): the pre-reform units are valid until this day,
// the current ones from it.
const ReformDate = "2025-07-01"

// OldFrom is the valid_from of the pre-reform units: the date of the last
// change captured by the old list (NQ 1365/NQ-UBTVQH15, in force 1 March
// 2025). It is when that list took effect, not when each unit was created.
const OldFrom = "2025-03-01"

// Unit is an administrative unit in one period of validity.
type Unit struct {
	// Code is the national statistical code: 2 digits for provinces,
	// 3 for districts, 5 for communes. Leading zeros matter.
	Code string
	// Name is the proper name without the type word ("Ba Đình").
	Name string
	// FullName carries the type word ("Phường Ba Đình"); show this one.
	FullName string
	// NameEn is the English name without diacritics; empty for old units.
	NameEn string
	// Level is the tier.
	Level Level
	// ParentCode is the code of the enclosing unit in the same period;
	// empty for provinces.
	ParentCode string
	// ValidFrom is the first day in force, 'YYYY-MM-DD'.
	ValidFrom string
	// ValidTo is the first day no longer in force; empty while current.
	ValidTo string
}

// AgencyKind tells ministries from provincial and commune people's
// committees.
type AgencyKind string

// The agency kinds, named as the database stores them.
const (
	// AgencyMinistry is a ministry or ministry-level agency.
	AgencyMinistry AgencyKind = "bo"
	// AgencyProvince is a provincial people's committee (UBND tỉnh).
	AgencyProvince AgencyKind = "tinh"
	// AgencyCommune is a commune people's committee (UBND xã).
	AgencyCommune AgencyKind = "xa"
)

// Agency is a state body that handles procedures or citizens' reports.
type Agency struct {
	// Code is stable: the ministry's short code ("BCA") or "UBND-" and the
	// unit code ("UBND-01", "UBND-00004").
	Code string
	// Name is the Vietnamese name ("Ủy ban nhân dân Phường Ba Đình").
	Name string
	// NameEn is the English name.
	NameEn string
	// Kind is the agency kind.
	Kind AgencyKind
	// UnitCode is the unit a people's committee governs; empty for
	// ministries.
	UnitCode string
	// ParentCode is the agency above: a commune committee's province
	// committee; empty for ministries and province committees.
	ParentCode string
}

// Succession links a unit to one unit that took it over in a reform. An
// old commune split among several new ones has several successions; the
// note says which part went where ("Nhập một phần", "Nhập toàn bộ", ...).
type Succession struct {
	// OldCode and OldLevel identify the unit that ended.
	OldCode  string
	OldLevel Level
	// OldFullName is the old unit's name as the pre-reform list gives it.
	OldFullName string
	// NewCode is the successor's code.
	NewCode string
	// NewFullName is the successor's name in the period it started.
	NewFullName string
	// NewParentCode is the successor's province (empty for a province).
	NewParentCode string
	// Note is the conversion table's remark, as published.
	Note string
	// ChangedOn is the day the successor took over, 'YYYY-MM-DD'.
	ChangedOn string
}

// Counts are the sizes of the unit lists, for health checks and tests.
type Counts struct {
	// CurrentProvinces and CurrentCommunes are in force today.
	CurrentProvinces, CurrentCommunes int
	// OldProvinces, OldDistricts and OldCommunes were in force on the day
	// before ReformDate.
	OldProvinces, OldDistricts, OldCommunes int
	// Agencies counts all agencies; Successions all old→new links.
	Agencies, Successions int
}
