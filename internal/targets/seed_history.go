package targets

// The reference targets as earlier versions of Loa seeded them, kept
// verbatim and never edited: SeedReference upgrades a target that still
// holds exactly one of these, and nothing else (seed.go). When the
// reference data change again, copy referenceTargets here as the next
// generation before editing it.

// seedSourceV1 is seedSource as generation 1 wrote it.
const seedSourceV1 = "Quyết định 1588/QĐ-TTg ngày 17/12/2024 phê duyệt Đề án \"Tuyên truyền, phổ biến, nâng cao chất lượng về cung cấp và sử dụng hiệu quả dịch vụ công trực tuyến đến năm 2025, định hướng đến năm 2030\"."

// seedGenerations are the earlier reference data, oldest first.
var seedGenerations = []func() []seedTarget{referenceTargetsV1}

// referenceTargetsV1 is generation 1 (the first seed, before the values
// were sourced and before targets could be bound to an indicator).
func referenceTargetsV1() []seedTarget {
	return []seedTarget{
		{key: "ho_so_truc_tuyen", position: 10, in: Input{
			Name: "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Baseline: ptr(38.3), BaselineYear: ptr(2023),
			Source: "Giá trị gốc 38,3% (năm 2023): thuyết minh Đề án, mục III.3. " + seedSourceV1 +
				" Cần xác nhận: mục tiêu 2025 và 2030 theo văn bản chính thức.",
		}},
		{key: "ho_so_toan_trinh", position: 20, in: Input{
			Name: "Tỷ lệ hồ sơ trực tuyến toàn trình", Unit: UnitPercent, Direction: HigherIsBetter,
			Baseline: ptr(22.37), BaselineYear: ptr(2023),
			Source: "Giá trị gốc 22,37% (năm 2023): thuyết minh Đề án, mục III.3. " + seedSourceV1 +
				" Cần xác nhận: mục tiêu 2025 và 2030 theo văn bản chính thức.",
		}},
		{key: "nguoi_truong_thanh_dvctt", position: 30, in: Input{
			Name: "Tỷ lệ người dân trưởng thành biết và sử dụng dịch vụ công trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Target2030: ptr(70.0),
			Source: "Mục tiêu 70% năm 2030, theo tin của Thời báo Ngân hàng về Quyết định 1588/QĐ-TTg: \"Mục tiêu 70% người dân trưởng thành sử dụng dịch vụ công trực tuyến vào năm 2030\". " +
				seedSourceV1 + " Cần xác nhận: giá trị gốc, mục tiêu 2025 và cách đo (\"biết và sử dụng\" hay \"sử dụng\") theo văn bản chính thức.",
		}},
		{key: "can_bo_tap_huan", position: 40, in: Input{
			Name: "Cán bộ, công chức được tập huấn về cung cấp và hướng dẫn sử dụng dịch vụ công trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Source: seedSourceV1 + " Cần xác nhận: đơn vị đo (tỷ lệ hay số người), giá trị gốc và mục tiêu 2025, 2030.",
		}},
		{key: "xep_hang_osi", position: 50, in: Input{
			Name: "Thứ hạng Chỉ số dịch vụ trực tuyến (OSI) của Liên Hợp Quốc", Unit: UnitRank, Direction: LowerIsBetter,
			Target2025: ptr(70.0), Target2030: ptr(50.0),
			Source: "Khảo sát Chính phủ điện tử của Liên Hợp Quốc (UN E-Government Survey), chỉ số thành phần OSI; thứ hạng càng nhỏ càng tốt. " +
				"Nhóm 70 nước dẫn đầu (2025) và nhóm 50 (2030) theo đề bài của dự án. " + seedSourceV1 +
				" Cần xác nhận: năm của từng mốc và thứ hạng gốc theo Khảo sát gần nhất.",
		}},
	}
}
