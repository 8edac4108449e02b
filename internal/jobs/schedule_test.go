package jobs_test

import (
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/jobs"
)

func TestDailyAt(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Skipf("no tz data: %v", err)
	}
	s := jobs.DailyAt(1, 30, hcm)
	tests := []struct{ now, want string }{
		{"2026-03-10T00:00:00+07:00", "2026-03-10T01:30:00+07:00"},
		{"2026-03-10T01:30:00+07:00", "2026-03-11T01:30:00+07:00"}, // strictly after
		{"2026-03-10T23:59:00+07:00", "2026-03-11T01:30:00+07:00"},
		{"2026-03-09T18:00:00Z", "2026-03-10T01:30:00+07:00"},      // 01:00 on the 10th in Hà Nội
		{"2026-03-09T19:00:00Z", "2026-03-11T01:30:00+07:00"},      // 02:00 on the 10th in Hà Nội: tomorrow
		{"2026-12-31T02:00:00+07:00", "2027-01-01T01:30:00+07:00"}, // year end
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		want, _ := time.Parse(time.RFC3339, tt.want)
		if got := s.Next(now); !got.Equal(want) {
			t.Errorf("Next(%s) = %s, want %s", tt.now, got, want)
		}
	}
}
