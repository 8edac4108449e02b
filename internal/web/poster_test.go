package web

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/catalog"
)

func TestPosterDensity(t *testing.T) {
	guide := func(items int, words string) *catalog.Service {
		g := &catalog.Guide{Summary: "Thủ tục để được cấp giấy tờ."}
		for range items {
			g.Prepare = append(g.Prepare, words)
			g.Steps = append(g.Steps, words)
		}
		return &catalog.Service{Name: "Đăng ký khai sinh", Guide: g}
	}
	item := strings.Repeat("giấy tờ ", 10) // 80 characters: 3 lines of a column
	for _, tc := range []struct {
		items int
		want  string
	}{
		{0, ""}, {5, ""}, // 5 × 3.4 lines and the name and summary fit
		{7, "dense"},   // 7 × 3.4 = 23.8 lines, with the rest over 26.5
		{12, "denser"}, // far too long for either
	} {
		if got := posterDensity(guide(tc.items, item)); got != tc.want {
			t.Errorf("%d items: density %q, want %q (height %.1f lines)", tc.items, got, tc.want, posterHeight(guide(tc.items, item), 38))
		}
	}
	// A long name takes the room of two lines of a column per line.
	long := guide(6, item)
	if a, b := posterHeight(long, 38), posterHeight(&catalog.Service{Name: strings.Repeat("Liên thông ", 10), Guide: long.Guide}, 38); b-a < 4 {
		t.Errorf("a three-line name adds %.1f lines, want at least 4", b-a)
	}
	if got := posterDensity(&catalog.Service{Name: "Không có hướng dẫn"}); got != "" {
		t.Errorf("no guide: density %q", got)
	}
}
