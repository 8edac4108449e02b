package surveys

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/loa-vn/loa/internal/audit"
)

// DemoSlug is the address of the demo survey.
const DemoSlug = "hai-long-nop-ho-so-truc-tuyen"

// demoDefinition shows most of what a definition can say: three pages,
// conditional questions and a route that skips the page on problems.
const demoDefinition = `{
  "intro": "Khảo sát giúp Ủy ban cải thiện dịch vụ công trực tuyến. Bạn chỉ mất khoảng 2 phút; câu trả lời được giữ ẩn danh.",
  "thanks": "Cảm ơn bạn đã dành thời gian góp ý. Ý kiến của bạn sẽ được tổng hợp gửi các cơ quan liên quan.",
  "pages": [
    {"id": "chung", "title": "Trải nghiệm chung", "questions": [
      {"id": "dich_vu", "type": "single", "label": "Bạn đã nộp hồ sơ trực tuyến cho thủ tục nào?", "required": true,
       "options": [
         {"value": "khai_sinh", "label": "Đăng ký khai sinh"},
         {"value": "cu_tru", "label": "Đăng ký thường trú, tạm trú"},
         {"value": "dat_dai", "label": "Đất đai"},
         {"value": "khac", "label": "Thủ tục khác"}]},
      {"id": "hai_long", "type": "rating", "label": "Bạn hài lòng thế nào với việc nộp hồ sơ trực tuyến?", "help": "1 là rất không hài lòng, 5 là rất hài lòng.", "required": true},
      {"id": "gioi_thieu", "type": "scale", "label": "Bạn có sẵn lòng giới thiệu dịch vụ công trực tuyến cho người thân không?", "help": "0 là chắc chắn không, 10 là chắc chắn có."},
      {"id": "gap_kho", "type": "yes_no", "label": "Bạn có gặp khó khăn khi nộp hồ sơ không?", "required": true}
    ], "routes": [{"if": [{"question": "gap_kho", "op": "equals", "value": "no"}], "goto": "thong_tin"}]},
    {"id": "kho_khan", "title": "Khó khăn gặp phải", "questions": [
      {"id": "loai_kho_khan", "type": "multiple", "label": "Bạn gặp những khó khăn nào?", "required": true,
       "options": [
         {"value": "dang_nhap", "label": "Đăng nhập bằng VNeID"},
         {"value": "bieu_mau", "label": "Biểu mẫu khó hiểu"},
         {"value": "dinh_kem", "label": "Đính kèm giấy tờ"},
         {"value": "thanh_toan", "label": "Thanh toán lệ phí"},
         {"value": "khac", "label": "Khác"}]},
      {"id": "kho_khan_khac", "type": "long_text", "label": "Bạn gặp khó khăn gì khác?", "max_length": 1000,
       "show_if": [{"question": "loai_kho_khan", "op": "equals", "value": "khac"}]},
      {"id": "anh_loi", "type": "file", "label": "Ảnh chụp màn hình lỗi (nếu có)", "help": "PDF, JPEG hoặc PNG, tối đa 5 MB."}
    ]},
    {"id": "thong_tin", "title": "Thông tin thêm", "questions": [
      {"id": "dia_ban", "type": "place", "label": "Bạn sống ở tỉnh, thành phố nào?"},
      {"id": "gop_y", "type": "long_text", "label": "Góp ý khác của bạn", "max_length": 2000}
    ]}
  ]
}`

// DemoDefinition returns the demo survey's definition, for tests.
func DemoDefinition() []byte { return []byte(demoDefinition) }

// SeedDemo creates and publishes the demo survey for the agency, with a
// few anonymous responses so the results page has something to show. It
// does nothing when the survey exists. by is who seeds it, usually
// audit.System.
func (s *Store) SeedDemo(ctx context.Context, agency string, by audit.Actor) (*Survey, error) {
	if sv, err := s.BySlug(ctx, DemoSlug); err == nil {
		return sv, nil
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	sv, err := s.Create(ctx, NewSurvey{Slug: DemoSlug, Agency: agency, Title: "Khảo sát mức độ hài lòng khi nộp hồ sơ trực tuyến", By: by})
	if err != nil {
		return nil, fmt.Errorf("surveys: demo: %w", err)
	}
	v, err := s.SaveVersion(ctx, by, sv.ID, []byte(demoDefinition), "Bộ câu hỏi mẫu")
	if err != nil {
		return nil, fmt.Errorf("surveys: demo: %w", err)
	}
	if err := s.Publish(ctx, by, sv.ID, v.ID); err != nil {
		return nil, fmt.Errorf("surveys: demo: %w", err)
	}
	if err := s.SetResultsPublic(ctx, by, sv.ID, true); err != nil {
		return nil, fmt.Errorf("surveys: demo: %w", err)
	}
	services := []string{"khai_sinh", "cu_tru", "dat_dai", "khac"}
	for i := 0; i < 24; i++ {
		raw := Answers{
			"dich_vu":    {services[i%4]},
			"hai_long":   {strconv.Itoa(2 + (i*7)%4)},
			"gioi_thieu": {strconv.Itoa(4 + (i*5)%7)},
			"gap_kho":    {map[bool]string{true: "yes", false: "no"}[i%3 == 0]},
		}
		if i%3 == 0 {
			raw["loai_kho_khan"] = []string{[]string{"dang_nhap", "bieu_mau", "dinh_kem"}[i%3+(i/3)%3]}
		}
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: raw, IdempotencyKey: "demo-response-" + strconv.Itoa(i)}); err != nil {
			return nil, fmt.Errorf("surveys: demo response %d: %w", i, err)
		}
	}
	return s.Get(ctx, sv.ID)
}
