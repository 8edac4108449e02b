package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestWidgetVote answers a question in the embedded widget and votes on
// the answer with the keyboard-reachable buttons: the pressed state is
// announced (aria-pressed), a change of mind moves it, and the database
// holds one vote, the last.
func TestWidgetVote(t *testing.T) {
	chromium, _ := browserTools(t)
	d := dbtest.SQLite(t)
	ts, _ := newSiteApp(t, d)
	ctx := phoneBrowser(t, chromium, 60*time.Second)

	up, down := `.loa-vote button:nth-of-type(1)`, `.loa-vote button:nth-of-type(2)`
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/tro-ly/nhung"), chromedp.WaitVisible(".loa-toggle"),
		chromedp.Click(".loa-toggle"), chromedp.WaitVisible("#loa-q"),
		chromedp.SendKeys("#loa-q", "lam ho chieu can giay to gi"), chromedp.Click(".loa-form button[type=submit]"),
		chromedp.WaitVisible(down)); err != nil {
		t.Fatalf("ask in the widget: %v", err)
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("`+sel+`").getAttribute("`+name+`")`))
		if err != nil {
			t.Fatalf("%s of %s: %v", name, sel, err)
		}
		return v
	}
	pressed := func(sel string) string { t.Helper(); return attr(sel, "aria-pressed") }
	if label := attr(down, "aria-label"); label != "Câu trả lời này chưa hữu ích" {
		t.Errorf("label %q", label)
	}
	if pressed(up) != "false" || pressed(down) != "false" {
		t.Fatal("a vote is shown before any click")
	}
	waitPressed := func(sel string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if pressed(sel) == "true" {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s never pressed", sel)
	}
	if err := chromedp.Do(ctx, chromedp.Click(down)); err != nil {
		t.Fatal(err)
	}
	waitPressed(down)
	if err := chromedp.Do(ctx, chromedp.Click(up)); err != nil {
		t.Fatal(err)
	}
	waitPressed(up)
	if pressed(down) != "false" {
		t.Error("both buttons pressed")
	}
	if countFeedback(t, d, "up") != 1 || countFeedback(t, d, "down") != 0 {
		t.Errorf("votes stored: up %d, down %d; want 1, 0", countFeedback(t, d, "up"), countFeedback(t, d, "down"))
	}
}
