// Package workdays is the working-day calendar of Vietnam's public
// administration, which every deadline on citizens' reports counts in:
// weekends (Saturday and Sunday), the public holidays of the Labour Code
// 2019, article 112 — Tết Dương lịch (1/1), Tết Nguyên Đán (the last day of
// the lunar year and the first four of the new one), Giỗ Tổ Hùng Vương
// (10/3 lunar), 30/4, 1/5 and Quốc khánh (2/9 and the day next to it) —,
// a compensatory day off (nghỉ bù) when a holiday falls on a weekend, and the
// changes the government decrees each year (days off swapped, Saturdays
// worked to make up), which the national coordinator types in the back
// office and which are stored in the table workday_overrides.
//
// Lunar dates are computed (lunar.go) and checked against the published
// dates of Tết and Giỗ Tổ in lunar_test.go.
//
// Working time is counted in whole calendar days of Vietnam's time: a
// working day contributes 24 hours, any other day none. So "5 working days"
// from Monday 15:00 ends the next Monday at 15:00, and from a Saturday it
// ends the next Saturday at 00:00 (the end of Friday). Counting this way is
// continuous, which lets the cases package pause a deadline clock for any
// interval and resume it.
package workdays
