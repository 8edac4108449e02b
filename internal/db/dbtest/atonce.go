package dbtest

import (
	"sync"
	"testing"
)

// AtOnce runs fn n times concurrently, as replicas would, and reports
// every error it returns as a test error naming what.
func AtOnce(t testing.TB, n int, what string, fn func() error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- fn()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
}
