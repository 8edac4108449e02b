package ratings

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// BenchmarkSubmit stores keyed ratings from parallel goroutines: the cost
// of the store alone, without HTTP (scripts/bench-ratings.sh measures the
// whole path).
//
//	go test ./internal/ratings -run '^$' -bench Submit -cpu 2
func BenchmarkSubmit(b *testing.B) {
	dbtest.EachB(b, func(b *testing.B, d *db.DB) {
		s := NewStore(d, WithLookups(testLookup()))
		var n atomic.Int64
		b.SetParallelism(16)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				in := Submission{Service: "dang-ky-khai-sinh", Level: Level(1 + i%5), WentWell: []Driver{DriverSpeed},
					Comment: "Nhanh, gọi 0912 345 678"}
				if _, err := s.Submit(context.Background(), in, fmt.Sprint("k-", i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
