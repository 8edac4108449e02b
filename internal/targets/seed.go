package targets

import (
	"context"
	"errors"

	"github.com/loa-vn/loa/internal/audit"
)

// seedSource names the programme's decision, cited by every reference
// target.
const seedSource = "Quyết định 1588/QĐ-TTg ngày 17/12/2024 phê duyệt Đề án \"Tuyên truyền, phổ biến, nâng cao chất lượng về cung cấp và sử dụng hiệu quả dịch vụ công trực tuyến đến năm 2025, định hướng đến năm 2030\"."

// seedTarget is one reference target.
type seedTarget struct {
	key string
	in  Input
}

// referenceTargets are the programme's targets as far as they could be
// sourced when this was written. A value is filled in only where a source
// is given in Source; everything else is left unknown for the national
// coordinator to enter from the official text, and no target is marked
// confirmed: each says what still needs checking ("cần xác nhận").
func referenceTargets() []seedTarget {
	return []seedTarget{
		{"ho_so_truc_tuyen", Input{
			Name: "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Baseline: ptr(38.3), BaselineYear: ptr(2023),
			Source: "Giá trị gốc 38,3% (năm 2023): thuyết minh Đề án, mục III.3. " + seedSource +
				" Cần xác nhận: mục tiêu 2025 và 2030 theo văn bản chính thức.",
		}},
		{"ho_so_toan_trinh", Input{
			Name: "Tỷ lệ hồ sơ trực tuyến toàn trình", Unit: UnitPercent, Direction: HigherIsBetter,
			Baseline: ptr(22.37), BaselineYear: ptr(2023),
			Source: "Giá trị gốc 22,37% (năm 2023): thuyết minh Đề án, mục III.3. " + seedSource +
				" Cần xác nhận: mục tiêu 2025 và 2030 theo văn bản chính thức.",
		}},
		{"nguoi_truong_thanh_dvctt", Input{
			Name: "Tỷ lệ người dân trưởng thành biết và sử dụng dịch vụ công trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Target2030: ptr(70.0),
			Source: "Mục tiêu 70% năm 2030, theo tin của Thời báo Ngân hàng về Quyết định 1588/QĐ-TTg: \"Mục tiêu 70% người dân trưởng thành sử dụng dịch vụ công trực tuyến vào năm 2030\". " +
				seedSource + " Cần xác nhận: giá trị gốc, mục tiêu 2025 và cách đo (\"biết và sử dụng\" hay \"sử dụng\") theo văn bản chính thức.",
		}},
		{"can_bo_tap_huan", Input{
			Name: "Cán bộ, công chức được tập huấn về cung cấp và hướng dẫn sử dụng dịch vụ công trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Source: seedSource + " Cần xác nhận: đơn vị đo (tỷ lệ hay số người), giá trị gốc và mục tiêu 2025, 2030.",
		}},
		{"xep_hang_osi", Input{
			Name: "Thứ hạng Chỉ số dịch vụ trực tuyến (OSI) của Liên Hợp Quốc", Unit: UnitRank, Direction: LowerIsBetter,
			Target2025: ptr(70.0), Target2030: ptr(50.0),
			Source: "Khảo sát Chính phủ điện tử của Liên Hợp Quốc (UN E-Government Survey), chỉ số thành phần OSI; thứ hạng càng nhỏ càng tốt. " +
				"Nhóm 70 nước dẫn đầu (2025) và nhóm 50 (2030) theo đề bài của dự án. " + seedSource +
				" Cần xác nhận: năm của từng mốc và thứ hạng gốc theo Khảo sát gần nhất.",
		}},
	}
}

func ptr[T any](v T) *T { return &v }

// SeedReference creates the reference targets that do not exist yet. It
// never changes a target that exists, so the coordinator's edits survive
// every restart, and it is cheap to run at each start.
func (s *Store) SeedReference(ctx context.Context) (created int, err error) {
	for i, st := range referenceTargets() {
		st.in.ChangeNote = "Dữ liệu tham chiếu ban đầu, cần xác nhận."
		_, err := s.Create(ctx, audit.System, st.key, (i+1)*10, st.in)
		switch {
		case errors.Is(err, ErrExists):
		case err != nil:
			return created, err
		default:
			created++
		}
	}
	return created, nil
}
