package web_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

// pdfPage matches a page object of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPostersFitOneSheet prints the poster of every demo service with
// headless Chromium, as a commune office would, and fails on any that
// takes more than one A4 sheet: the poster's type size is chosen from an
// estimate of its height (posterDensity), and this is where the estimate
// meets the printer.
func TestPostersFitOneSheet(t *testing.T) {
	chromium, _ := browserTools(t)
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	all, err := a.Catalog.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx := phoneBrowser(t, chromium, 3*time.Minute)
	print := chromedp.Action[[]byte](func(ctx context.Context, target *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, target, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true)})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	})
	printed := 0
	for _, svc := range all {
		if svc.Guide == nil {
			continue
		}
		p := "/dich-vu/" + svc.Slug + "/poster"
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p), chromedp.WaitReady("main.sheet")); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		pdf, err := chromedp.Run(ctx, print)
		if err != nil {
			t.Fatalf("%s: print: %v", p, err)
		}
		if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
			t.Errorf("%s prints on %d sheets, want 1", p, n)
		}
		printed++
	}
	if printed < 40 {
		t.Fatalf("printed %d posters, want the demo catalogue's (45)", printed)
	}
	t.Logf("%d posters, each on one A4 sheet", printed)
}
