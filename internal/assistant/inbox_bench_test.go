package assistant

import (
	"fmt"
	"testing"
)

// BenchmarkInboxGrouping groups DefaultInboxLimit distinct questions, the
// most an inbox page reads: 50 topics asked in 10 ways each, with 10
// variants of each wording.
func BenchmarkInboxGrouping(b *testing.B) {
	topics := []string{"làm căn cước", "đăng ký khai sinh", "gia hạn hộ chiếu", "đổi bằng lái xe", "đăng ký kết hôn",
		"cấp sổ đỏ", "đăng ký thường trú", "xin giấy phép xây dựng", "đăng ký hộ kinh doanh", "cấp lý lịch tư pháp"}
	asks := []string{"cần giấy tờ gì", "mất bao lâu", "ở đâu", "lệ phí bao nhiêu", "làm online được không",
		"các bước thế nào", "ai được làm", "điều kiện là gì", "nộp hồ sơ ở đâu", "có cần công chứng không"}
	var qs []string
	for i := 0; len(qs) < DefaultInboxLimit; i++ {
		qs = append(qs, fmt.Sprintf("%s %s %d", topics[i%len(topics)], asks[(i/len(topics))%len(asks)], i/100))
	}
	b.ReportAllocs()
	groups := 0
	for b.Loop() {
		feats := make([][]string, len(qs))
		for i, q := range qs {
			feats[i] = features(q)
		}
		groups = len(groupQuestions(feats))
	}
	b.ReportMetric(float64(groups), "groups")
}
