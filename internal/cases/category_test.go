package cases

import "testing"

func TestCategories(t *testing.T) {
	want := map[Category]string{
		"huong-dan": "Hướng dẫn thủ tục",
		"he-thong":  "Lỗi hệ thống, Cổng dịch vụ công",
		"thai-do":   "Thái độ phục vụ",
		"thoi-han":  "Trễ hạn giải quyết",
		"phi":       "Phí, lệ phí",
		"khac":      "Khác",
	}
	cats := Categories()
	if len(cats) != len(want) {
		t.Fatalf("%d categories, want %d", len(cats), len(want))
	}
	for _, c := range cats {
		if c.Label() != want[c] || !c.Valid() {
			t.Errorf("category %s: label %q, want %q", c, c.Label(), want[c])
		}
	}
	if Category("spam").Valid() {
		t.Error("unknown category reported valid")
	}
}
