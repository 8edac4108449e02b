package workdays

import (
	"math"
	"time"
)

// The Vietnamese lunar calendar.
//
// Tết and Giỗ Tổ Hùng Vương are fixed in the lunar calendar, so their
// solar dates move every year. This is Hồ Ngọc Đức's well-known algorithm
// ("Âm lịch Việt Nam", 2004), built on Jean Meeus's formulas for new moons
// and the sun's longitude (Astronomical Algorithms, 1998), computed for
// UTC+7: the Vietnamese calendar is reckoned at the meridian of Hà Nội's
// time zone, which is why Tết sometimes differs from the Chinese New Year
// (1985, 2007). lunar_test.go checks it against the published dates of Tết
// and Giỗ Tổ.

// vietnamOffset is the time zone of the Vietnamese lunar calendar, in hours.
const vietnamOffset = 7.0

// unixEpochJDN is the Julian day number of 1 January 1970.
const unixEpochJDN = 2440588

// jdn returns the Julian day number of a civil date.
func jdn(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400) + unixEpochJDN
}

// fromJDN returns the civil date of a Julian day number.
func fromJDN(n int) Date {
	t := time.Unix(int64(n-unixEpochJDN)*86400, 0).UTC()
	return Date{t.Year(), t.Month(), t.Day()}
}

// newMoonDay returns the Julian day number of the k-th new moon after
// 1 January 1900, local to the Vietnamese time zone.
func newMoonDay(k int) int {
	kf := float64(k)
	T := kf / 1236.85
	T2, T3 := T*T, T*T*T
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*T2 - 0.000000155*T3
	jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)
	M := 359.2242 + 29.10535608*kf - 0.0000333*T2 - 0.00000347*T3
	Mpr := 306.0253 + 385.81691806*kf + 0.0107306*T2 + 0.00001236*T3
	F := 21.2964 + 390.67050646*kf - 0.0016528*T2 - 0.00000239*T3
	c1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	c1 = c1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	c1 -= 0.0004 * math.Sin(dr*3*Mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	c1 = c1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltaT float64
	if T < -11 {
		deltaT = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltaT = -0.000278 + 0.000265*T + 0.000262*T2
	}
	return int(math.Floor(jd1 + c1 - deltaT + 0.5 + vietnamOffset/24))
}

// sunSector returns which of the twelve 30° sectors the sun's longitude
// is in at local midnight starting the day n (0 = 0°–30°).
func sunSector(n int) int {
	T := (float64(n) - 2451545.5 - vietnamOffset/24) / 36525
	T2 := T * T
	dr := math.Pi / 180
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2
	DL := (1.914600 - 0.004817*T - 0.000014*T2) * math.Sin(dr*M)
	DL += (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr
	L -= 2 * math.Pi * math.Floor(L/(2*math.Pi))
	return int(math.Floor(L / math.Pi * 6))
}

// lunarMonth11 returns the first day of the lunar month 11 (the month of
// the winter solstice) of the solar year y.
func lunarMonth11(y int) int {
	off := jdn(y, time.December, 31) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset returns the offset, from month 11 starting on a11, of
// the leap month of a lunar year with thirteen months.
func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// LunarToSolar returns the solar date of the day of the lunar month of
// the lunar year (not a leap month), as observed in Vietnam.
func LunarToSolar(lunarYear, lunarMonth, lunarDay int) Date {
	var a11, b11 int
	if lunarMonth < 11 {
		a11, b11 = lunarMonth11(lunarYear-1), lunarMonth11(lunarYear)
	} else {
		a11, b11 = lunarMonth11(lunarYear), lunarMonth11(lunarYear+1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := lunarMonth - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 && off >= leapMonthOffset(a11) {
		// A leap month comes before this one in the year.
		off++
	}
	return fromJDN(newMoonDay(k+off) + lunarDay - 1)
}

// TetDate returns the first day of the lunar year that starts in the
// solar year y (Mùng 1 Tết).
func TetDate(y int) Date { return LunarToSolar(y, 1, 1) }

// HungKingsDate returns Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar
// month, in the solar year y.
func HungKingsDate(y int) Date { return LunarToSolar(y, 3, 10) }
