package web_test

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserTools finds headless Chromium and axe-core, or skips the test —
// fails it under CI=true, where the accessibility check must run.
func browserTools(t *testing.T) (chromium, axe string) {
	t.Helper()
	skip := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	chromium = os.Getenv("LOA_CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	if chromium == "" {
		skip("browser test: chromium not found (apt-get install chromium, or set LOA_CHROMIUM)")
	}
	axe = os.Getenv("LOA_AXE_PATH")
	if axe == "" {
		axe = "../../.ci/node_modules/axe-core/axe.min.js"
	}
	if _, err := os.Stat(axe); err != nil {
		skip("browser test: axe-core not found at %s (cd .ci && npm ci, or set LOA_AXE_PATH)", axe)
	}
	return chromium, axe
}

// phoneBrowser starts headless Chromium with a phone's screen (390 × 844)
// and returns a chromedp context for it that ends after timeout; the
// browser is closed when the test ends.
func phoneBrowser(t *testing.T, chromium string, timeout time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(390, 844),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelTimeout)
	return ctx
}
