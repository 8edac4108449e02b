package dbtest

import (
	"sync/atomic"
	"testing"
)

func TestAtOnceRunsEveryCall(t *testing.T) {
	var calls atomic.Int32
	AtOnce(t, 5, "call", func() error {
		calls.Add(1)
		return nil
	})
	if calls.Load() != 5 {
		t.Errorf("%d calls, want 5", calls.Load())
	}
}
