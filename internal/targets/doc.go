// Package targets holds the programme's targets (Đề án "Tuyên truyền, phổ
// biến, nâng cao chất lượng về cung cấp và sử dụng hiệu quả dịch vụ công
// trực tuyến đến năm 2025, định hướng đến năm 2030"): for each indicator a
// baseline, the values to reach in 2025 and 2030, where the figures come
// from, and the values observed since.
//
// # Progress
//
// Progress classifies a target the way Open SDG does (see progress.go):
// the observed compound annual growth from the baseline to the latest
// observation is compared with the growth that would reach the target on
// time, giving one of "Đúng tiến độ", "Cần đẩy nhanh", "Tiến triển hạn
// chế", "Đi lùi" or "Chưa đủ dữ liệu", with the numbers behind it.
//
// # Reference data
//
// SeedReference loads the programme's targets, each value with its source
// (seed.go). The reference data come in generations: a target still
// holding, untouched by any person, an earlier generation's values is
// upgraded to the current one; one a person edited is never changed.
//
// # Computed observations
//
// A target may be bound to a rate Loa measures itself (package measure's
// "online_rate", "fully_online_rate"). A background sweep (compute.go,
// jobs.go) then computes its national value for every whole year with data
// and for this year to date, and stores each as an observation of kind
// "computed" that progress uses like any other. This package does not
// import measure: the app adapts measure to MeasureFunc.
//
// # Storage
//
// Targets are edited, never overwritten: each edit adds a version (who,
// when, why) and the audit log records it in the same transaction.
// Observations people enter are append-only; a correction adds a newer
// value for the same period. Computed observations are derived: one per
// target and period, replaced when the figure changes, removed when the
// data are gone or a person has observed the period (a person's value
// always wins), every change audited. The package owns the tables of
// migrations 00015_targets.sql and 00021_target_indicators.sql.
package targets
