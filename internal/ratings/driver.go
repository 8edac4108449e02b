package ratings

import (
	"fmt"
	"strings"
)

// Driver is one reason a service went well or badly. The list is fixed:
// results compare the same reasons across services, agencies and months.
type Driver string

// The drivers, in the order forms show them.
const (
	DriverEase      Driver = "ease"      // dễ thực hiện / khó thực hiện
	DriverSpeed     Driver = "speed"     // nhanh, đúng hẹn / chậm, trễ hẹn
	DriverClarity   Driver = "clarity"   // hướng dẫn rõ ràng / khó hiểu
	DriverStaff     Driver = "staff"     // thái độ cán bộ
	DriverCost      Driver = "cost"      // chi phí
	DriverTechnical Driver = "technical" // hệ thống ổn định / lỗi kỹ thuật
)

// drivers lists every driver. A driver's position is its bit in the
// went_well and did_not columns: append new drivers at the end, never
// reorder or remove one, or stored ratings change meaning.
var drivers = []Driver{DriverEase, DriverSpeed, DriverClarity, DriverStaff, DriverCost, DriverTechnical}

// driverNames are the wordings shown when a driver went well and when it
// did not.
var driverNames = map[Driver][2]string{
	DriverEase:      {"Dễ thực hiện", "Khó thực hiện, nhiều bước"},
	DriverSpeed:     {"Nhanh, đúng hẹn", "Chậm, trễ hẹn"},
	DriverClarity:   {"Hướng dẫn rõ ràng", "Hướng dẫn khó hiểu"},
	DriverStaff:     {"Cán bộ nhiệt tình, lịch sự", "Thái độ cán bộ chưa tốt"},
	DriverCost:      {"Chi phí hợp lý", "Chi phí cao hoặc phát sinh"},
	DriverTechnical: {"Hệ thống hoạt động ổn định", "Gặp lỗi kỹ thuật"},
}

// Drivers returns every driver in form order.
func Drivers() []Driver { return append([]Driver(nil), drivers...) }

// Valid reports whether d is on the list.
func (d Driver) Valid() bool { return d.bit() != 0 }

// Good is the driver's wording under "what went well".
func (d Driver) Good() string { return driverNames[d][0] }

// Bad is the driver's wording under "what did not go well".
func (d Driver) Bad() string { return driverNames[d][1] }

func (d Driver) bit() DriverSet {
	for i, x := range drivers {
		if x == d {
			return 1 << i
		}
	}
	return 0
}

// DriverSet is a set of drivers, stored as the bit set of their positions.
type DriverSet uint32

// allDrivers is the set of every known driver.
var allDrivers = DriverSet(1)<<len(drivers) - 1

// NewDriverSet returns the set of ds. It fails on an unknown driver.
func NewDriverSet(ds ...Driver) (DriverSet, error) {
	var s DriverSet
	for _, d := range ds {
		b := d.bit()
		if b == 0 {
			return 0, fmt.Errorf("ratings: unknown driver %q", d)
		}
		s |= b
	}
	return s, nil
}

// Has reports whether d is in s.
func (s DriverSet) Has(d Driver) bool { b := d.bit(); return b != 0 && s&b != 0 }

// Drivers returns the members of s in form order.
func (s DriverSet) Drivers() []Driver {
	var out []Driver
	for i, d := range drivers {
		if s&(1<<i) != 0 {
			out = append(out, d)
		}
	}
	return out
}

// String lists the codes, comma-separated (for CSV exports).
func (s DriverSet) String() string {
	var codes []string
	for _, d := range s.Drivers() {
		codes = append(codes, string(d))
	}
	return strings.Join(codes, ",")
}

// valid reports whether s holds only known drivers (a stored value from a
// newer version could hold more).
func (s DriverSet) valid() bool { return s&^allDrivers == 0 }
