package targets

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/loa-vn/loa/internal/audit"
)

// seedSource names the programme's decision, cited by every reference
// target.
const seedSource = "Quyết định 1588/QĐ-TTg ngày 17/12/2024 phê duyệt Đề án \"Tuyên truyền, phổ biến, nâng cao chất lượng về cung cấp và sử dụng hiệu quả dịch vụ công trực tuyến đến năm 2025, định hướng đến năm 2030\"."

// seedTarget is one reference target.
type seedTarget struct {
	key      string
	position int
	in       Input
}

// SeedGeneration numbers the reference data of referenceTargets; the
// earlier generations are in seed_history.go.
const SeedGeneration = 2

// referenceTargets are the programme's targets as far as they could be
// sourced (generation 2, November 2026). A value is filled in only where
// Source names where it comes from: a document and its article, or the
// address of the page that reports it. What could not be sourced is left
// unknown and listed after "Cần xác nhận". The decision's own text could
// not be read (only reporting of it), so no target is marked confirmed.
//
// Sources read for this generation, besides the programme's explanatory
// part (../shared/data/measure/SOURCE.md):
//   - Thời báo Ngân hàng on Quyết định 1588/QĐ-TTg: the 70% of adults by 2030;
//   - Thư viện Pháp luật on Quyết định 1588/QĐ-TTg: 100% of eligible
//     procedures fully online by 2025;
//   - VietNamNet and Báo Mới quoting Quyết định 942/QĐ-TTg and the Ministry
//     of Science and Technology: 80% of dossiers fully online by end 2025;
//   - Thư Ký Luật and Thanh Niên on Quyết định 749/QĐ-TTg: top 70 in the UN
//     EGDI by 2025, top 50 by 2030; BNEWS on the 2024 UN survey: 71st;
//   - ICTVietnam on the 2020 UN survey: 81st for the OSI.
func referenceTargets() []seedTarget {
	return []seedTarget{
		{key: "ho_so_truc_tuyen", position: 10, in: Input{
			Name: "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Baseline: ptr(38.3), BaselineYear: ptr(2023), Indicator: "online_rate",
			Source: "Giá trị gốc 38,3% (năm 2023): thuyết minh Đề án, mục III.3. " + seedSource +
				" Số liệu từ năm 2023 được Loa tự động tính từ chỉ số đo lường “Tỷ lệ hồ sơ trực tuyến”." +
				" Cần xác nhận: mục tiêu 2025 và 2030 (không tìm thấy trong văn bản và các bài viết về Quyết định đã tra cứu).",
		}},
		{key: "ho_so_toan_trinh", position: 20, in: Input{
			Name: "Tỷ lệ hồ sơ trực tuyến toàn trình", Unit: UnitPercent, Direction: HigherIsBetter,
			Baseline: ptr(22.37), BaselineYear: ptr(2023), Target2025: ptr(80.0), Indicator: "fully_online_rate",
			Source: "Giá trị gốc 22,37% (năm 2023): thuyết minh Đề án, mục III.3. " +
				"Mục tiêu 80% năm 2025: Quyết định 942/QĐ-TTg ngày 15/6/2021 phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021–2025, định hướng đến năm 2030, mục tiêu đến năm 2025 \"tối thiểu 80% hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến\" " +
				"(dẫn theo VietNamNet ngày 07/11/2025: https://vietnamnet.vn/ty-le-tai-su-dung-du-lieu-trong-cung-cap-dich-vu-cong-truc-tuyen-con-thap-2460492.html); " +
				"Bộ Khoa học và Công nghệ so tỷ lệ hồ sơ trực tuyến toàn trình với mục tiêu 80% cuối năm 2025 " +
				"(https://lite.baomoi.com/ty-le-ho-so-dich-vu-cong-truc-tuyen-toan-trinh-cua-ca-nuoc-dat-39-5-c52808781.epi). " + seedSource +
				" Số liệu từ năm 2023 được Loa tự động tính từ chỉ số đo lường “Tỷ lệ hồ sơ trực tuyến toàn trình”." +
				" Cần xác nhận: mục tiêu 2030; Quyết định 1588/QĐ-TTg có đặt mốc riêng cho chỉ tiêu này hay không.",
		}},
		{key: "thu_tuc_toan_trinh", position: 25, in: Input{
			Name: "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình", Unit: UnitPercent, Direction: HigherIsBetter,
			Target2025: ptr(100.0),
			Source: "Mục tiêu 100% năm 2025: Thư viện Pháp luật, \"Mục tiêu đến năm 2025 thực hiện dịch vụ công trực tuyến toàn trình với 100% TTHC đủ điều kiện\", bài giới thiệu Quyết định 1588/QĐ-TTg " +
				"(https://thuvienphapluat.vn/banan/tin-tuc/muc-tieu-den-nam-2025-thuc-hien-dich-vu-cong-truc-tuyen-toan-trinh-voi-100-tthc-du-dieu-kien-12783). " + seedSource +
				" Cần xác nhận: lời văn và điều khoản của mục tiêu trong Quyết định, giá trị gốc và mục tiêu 2030.",
		}},
		{key: "nguoi_truong_thanh_dvctt", position: 30, in: Input{
			Name: "Tỷ lệ người dân trưởng thành sử dụng dịch vụ công trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Target2030: ptr(70.0),
			Source: "Mục tiêu 70% năm 2030: Thời báo Ngân hàng, \"Mục tiêu 70% người dân trưởng thành sử dụng dịch vụ công trực tuyến vào năm 2030\", về Quyết định 1588/QĐ-TTg " +
				"(https://thoibaonganhang.vn/muc-tieu-70-nguoi-dan-truong-thanh-su-dung-dich-vu-cong-truc-tuyen-vao-nam-2030-159001.html). " + seedSource +
				" Cần xác nhận: giá trị gốc và mục tiêu 2025 (không tìm thấy trong các bài viết đã tra cứu).",
		}},
		// Nothing new could be sourced: generation 1 unchanged.
		{key: "can_bo_tap_huan", position: 40, in: Input{
			Name: "Cán bộ, công chức được tập huấn về cung cấp và hướng dẫn sử dụng dịch vụ công trực tuyến", Unit: UnitPercent, Direction: HigherIsBetter,
			Source: seedSource + " Cần xác nhận: đơn vị đo (tỷ lệ hay số người), giá trị gốc và mục tiêu 2025, 2030.",
		}},
		{key: "xep_hang_osi", position: 50, in: Input{
			Name: "Thứ hạng Chỉ số dịch vụ trực tuyến (OSI) của Liên Hợp Quốc", Unit: UnitRank, Direction: LowerIsBetter,
			Baseline: ptr(81.0), BaselineYear: ptr(2020), Target2025: ptr(70.0), Target2030: ptr(50.0),
			Source: "Khảo sát Chính phủ điện tử của Liên Hợp Quốc (UN E-Government Survey), chỉ số thành phần OSI; thứ hạng càng nhỏ càng tốt. " +
				"Giá trị gốc: hạng 81 trong Khảo sát 2020 (dẫn theo ICTVietnam ngày 04/01/2022: https://ictvietnam.vn/chinh-phu-so-tai-viet-nam-va-kinh-nghiem-quoc-te-ve-xay-dung-chinh-phu-so-quoc-gia-thong-minh-20211226091045592.htm). " +
				"Nhóm 70 nước dẫn đầu (2025) và nhóm 50 (2030) theo đề bài của dự án; văn bản chính thức tìm được (Quyết định 749/QĐ-TTg) đặt các mốc này cho xếp hạng Chính phủ điện tử tổng thể (EGDI, mục tiêu xep_hang_egdi), không riêng cho OSI. " +
				seedSource + " Cần xác nhận: mốc riêng cho OSI (nếu có) và thứ hạng OSI trong các Khảo sát 2022, 2024.",
		}},
		{key: "xep_hang_egdi", position: 55, in: Input{
			Name: "Thứ hạng Chỉ số phát triển Chính phủ điện tử (EGDI) của Liên Hợp Quốc", Unit: UnitRank, Direction: LowerIsBetter,
			Baseline: ptr(71.0), BaselineYear: ptr(2024), Target2025: ptr(70.0), Target2030: ptr(50.0),
			Source: "Khảo sát Chính phủ điện tử của Liên Hợp Quốc, chỉ số EGDI; thứ hạng càng nhỏ càng tốt. " +
				"Mục tiêu: Quyết định 749/QĐ-TTg ngày 03/6/2020 phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030: thuộc nhóm 70 nước dẫn đầu về Chính phủ điện tử (EGDI) năm 2025 và nhóm 50 nước năm 2030 " +
				"(dẫn theo Thư Ký Luật: https://thukyluat.vn/news/thong-bao-van-ban-moi/muc-tieu-den-2025-vn-thuoc-nhom-50-nuoc-dan-dau-ve-cong-nghe-thong-tin-75497.html " +
				"và Thanh Niên: https://m.thanhnien.vn/thoi-su/viet-nam-phan-dau-vao-nhom-50-nuoc-dan-dau-ve-chinh-phu-dien-tu-1233738.html). " +
				"Giá trị gốc: hạng 71/193 trong Khảo sát 2024, tăng 15 bậc so với hạng 86 năm 2022 (Bộ Thông tin và Truyền thông, dẫn theo BNEWS: https://bnews.vn/viet-nam-tang-15-bac-trong-bang-xep-hang-chinh-phu-dien-tu-toan-cau-nam-2024/347623.html). " +
				"Khảo sát công bố hai năm một lần (năm chẵn). " + seedSource +
				" Cần xác nhận: Quyết định 1588/QĐ-TTg có dùng chỉ tiêu này hay không.",
		}},
	}
}

func ptr[T any](v T) *T { return &v }

// SeedSummary says what SeedReference did.
type SeedSummary struct {
	// Created counts reference targets added; Upgraded, targets moved from
	// an earlier generation of reference data to the current one.
	Created, Upgraded int
}

// SeedReference creates the reference targets that do not exist yet, and
// upgrades to the current reference data the ones nobody has touched: a
// target whose every version Loa itself wrote and whose current version
// is exactly an earlier generation's (seed_history.go). A target a person
// edited, even once, is never changed, so the coordinator's edits survive
// every restart and every upgrade. It is cheap and idempotent: run it at
// each start.
func (s *Store) SeedReference(ctx context.Context) (SeedSummary, error) {
	var sum SeedSummary
	older := map[string][]Input{}
	for _, gen := range seedGenerations {
		for _, st := range gen() {
			older[st.key] = append(older[st.key], st.in)
		}
	}
	for _, st := range referenceTargets() {
		in := st.in
		in.ChangeNote = fmt.Sprintf("Dữ liệu tham chiếu (đợt %d), cần xác nhận.", SeedGeneration)
		_, err := s.Create(ctx, audit.System, st.key, st.position, in)
		switch {
		case errors.Is(err, ErrExists):
			up, err := s.upgradeSeed(ctx, st.key, in, older[st.key])
			if err != nil {
				return sum, err
			}
			if up {
				sum.Upgraded++
			}
		case err != nil:
			return sum, err
		default:
			sum.Created++
		}
	}
	return sum, nil
}

// upgradeSeed moves key to in when it still holds, untouched, one of the
// earlier reference inputs.
func (s *Store) upgradeSeed(ctx context.Context, key string, in Input, earlier []Input) (bool, error) {
	hist, err := s.History(ctx, key)
	if err != nil {
		return false, err
	}
	for _, v := range hist {
		if v.CreatedByID != audit.System.ID {
			return false, nil // a person edited it: theirs
		}
	}
	cur := hist[0]
	if sameContent(cur, in) {
		return false, nil
	}
	if !slices.ContainsFunc(earlier, func(e Input) bool { return sameContent(cur, e) }) {
		return false, nil
	}
	in.ChangeNote = fmt.Sprintf("Cập nhật dữ liệu tham chiếu lên đợt %d (giá trị có nguồn); phiên bản trước chưa ai sửa.", SeedGeneration)
	_, err = s.Update(ctx, audit.System, key, cur.Version, in)
	if errors.Is(err, ErrConflict) {
		return false, nil // another replica upgraded it, or a person just saved
	}
	return err == nil, err
}

// sameContent reports whether t holds exactly in's values (in NFC, as
// stored), bookkeeping aside.
func sameContent(t Target, in Input) bool {
	in.normalize()
	return t.Name == in.Name && t.Unit == in.Unit && t.Direction == in.Direction &&
		sameFloat(t.Baseline, in.Baseline) && sameInt(t.BaselineYear, in.BaselineYear) &&
		sameFloat(t.Target2025, in.Target2025) && sameFloat(t.Target2030, in.Target2030) &&
		t.Source == in.Source && t.Indicator == in.Indicator && t.Confirmed == in.Confirmed
}

func sameFloat(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func sameInt(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
