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
// # Storage
//
// Targets are edited, never overwritten: each edit adds a version (who,
// when, why) and the audit log records it in the same transaction.
// Observations are append-only; a correction adds a newer value for the
// same period. The package owns the tables of migration 00015_targets.sql.
package targets
