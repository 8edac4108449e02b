package web_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

var caseCode = regexp.MustCompile(`PA-[0-9A-Z]{5}-[0-9A-Z]{5}`)

// TestWidgetConversation talks to the assistant through the embedded
// widget in headless Chromium on a phone-sized screen, as a citizen on a
// province's portal would: a question typed without diacritics, a
// follow-up about the same service, then a request for a person, whose
// case must exist with the conversation attached.
func TestWidgetConversation(t *testing.T) {
	chromium, _ := browserTools(t)
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	ctx := phoneBrowser(t, chromium, 90*time.Second)

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/tro-ly/nhung"), chromedp.WaitVisible(".loa-toggle"),
		chromedp.Click(".loa-toggle"), chromedp.WaitVisible("#loa-q")); err != nil {
		t.Fatalf("open widget: %v", err)
	}
	// ask types a message, sends it and returns the text of the answer
	// that comes back (the n-th answer of the assistant after its greeting).
	asked := 0
	ask := func(q string) string {
		t.Helper()
		asked++
		if err := chromedp.Do(ctx, chromedp.SendKeys("#loa-q", q), chromedp.Click(".loa-form button[type=submit]")); err != nil {
			t.Fatalf("ask %q: %v", q, err)
		}
		sel := `div.loa-bot`
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("`+sel+`").length`))
			if err != nil {
				t.Fatal(err)
			}
			if n >= asked {
				text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("`+sel+`")].pop().innerText`))
				if err != nil {
					t.Fatal(err)
				}
				return text
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("no answer to %q in the widget", q)
		return ""
	}

	first := ask("lam ho chieu can giay to gi")
	if !strings.Contains(first, "Cấp hộ chiếu phổ thông") || !strings.Contains(first, "Xem hướng dẫn") {
		t.Fatalf("first answer: %q", first)
	}
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("div.loa-bot a")].pop().getAttribute("href")`))
	if err != nil || !strings.HasSuffix(link, "/dich-vu/cap-ho-chieu-pho-thong") {
		t.Fatalf("source link %q, %v", link, err)
	}
	followUp := ask("mat bao lau")
	if !strings.Contains(followUp, "Cấp hộ chiếu phổ thông") || !strings.Contains(followUp, "Mất bao lâu") {
		t.Fatalf("follow-up answered about something else: %q", followUp)
	}
	handoff := ask("toi muon gap can bo")
	code := caseCode.FindString(handoff)
	if code == "" || !strings.Contains(handoff, "1800 1096") {
		t.Fatalf("handoff without a case code or hotline: %q", handoff)
	}
	conv, err := chromedp.Run(ctx, chromedp.Evaluate[string](`sessionStorage.getItem("loa-conversation")`))
	if err != nil || conv == "" {
		t.Fatalf("conversation id in the page: %q, %v", conv, err)
	}
	c, err := a.Cases.ByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("case %s: %v", code, err)
	}
	if c.ConversationID != conv || c.ServiceSlug != "cap-ho-chieu-pho-thong" || c.Channel != "widget" ||
		!strings.Contains(c.Description, "mat bao lau") {
		t.Errorf("case %+v does not carry the conversation", c)
	}

	// The national coordinator finds the case in the back office: in the
	// queue, and on its page with the citizen's questions.
	pw := createStaff(t, a, "widget.admin", staff.RoleAdmin, staff.National)
	login := `document.getElementById("username").value = "widget.admin";
		document.getElementById("password").value = ` + strconv.Quote(pw) + `;
		document.querySelector("form.stack").submit(); true`
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/quan-tri/dang-nhap"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](login)); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady("nav"), chromedp.Navigate(ts.URL+"/quan-tri/phan-anh"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	queue, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || !strings.Contains(queue, code) {
		t.Fatalf("case %s not in the back-office queue (%v):\n%s", code, err, queue)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/quan-tri/phan-anh/"+code), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || !strings.Contains(page, code) || !strings.Contains(page, "mat bao lau") {
		t.Fatalf("case page lacks the conversation (%v):\n%s", err, page)
	}
}
