package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/surveys"
)

type axeViolation struct {
	ID          string `json:"id"`
	Impact      string `json:"impact"`
	Description string `json:"description"`
	Nodes       []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestAccessibility loads the main public pages in headless Chromium on a
// phone-sized screen and fails on any serious or critical axe-core
// violation of WCAG 2.1 A/AA.
func TestAccessibility(t *testing.T) {
	chromium, axePath := browserTools(t)
	axeSrc, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	pw := createStaff(t, a, "a11y.admin", staff.RoleAdmin, staff.National)
	var birthCode string
	if all, err := a.Catalog.All(context.Background()); err == nil {
		for _, s := range all {
			if s.Slug == "dang-ky-khai-sinh" {
				birthCode = s.Code
			}
		}
	}
	// A report with a published answer: the status page then shows the
	// answer and the "was it solved?" form too.
	reportCode := publishedReport(t, a)
	// A demo year of measurements, so the dashboards show their charts.
	seedMeasureDemo(t, a)

	ctx := phoneBrowser(t, chromium, 3*time.Minute)

	// A few ratings, so that the results pages show their tables.
	for _, level := range []string{"5", "4", "1"} {
		resp, err := http.Post(ts.URL+"/api/v1/ratings", "application/json",
			strings.NewReader(`{"service":"dang-ky-khai-sinh","level":`+level+`,"did_not":["cost"],"comment":"Thử"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}

	pages := []string{
		"/",
		"/tim-kiem?q=dang+ky+khai+sinh",
		"/dich-vu/dang-ky-khai-sinh",
		"/dich-vu/dang-ky-khai-sinh/poster",
		"/su-kien/sinh-con",
		"/tinh/01",
		"/dich-vu/dang-ky-khai-sinh/danh-gia",
		"/danh-gia/thong-ke",
		"/so-lieu/muc-tieu",
		"/so-lieu",
		"/so-lieu/xep-hang?cap=bo&chi-so=on_time_rate",
		"/so-lieu/don-vi/01",
		"/so-lieu/vinh-danh",
		"/dich-vu/khong-co",
		"/tro-ly",
		"/tro-ly/nhung",
		"/khao-sat/" + surveys.DemoSlug,
		"survey-errors",
		"/khao-sat/" + surveys.DemoSlug + "/nhung",
		"/khao-sat/" + surveys.DemoSlug + "/ket-qua",
		"/phan-anh",
		"report-choices",
		"/phan-anh/" + reportCode,
		"/phan-anh/thong-ke",
		"widget-open",
		"/quan-tri/dang-nhap",
		// The back office, signed in as the national coordinator.
		"sign-in",
		"/quan-tri",
		"/quan-tri/huong-dan",
		"/quan-tri/huong-dan/" + birthCode + "/quoc-gia",
		"/quan-tri/huong-dan/" + birthCode + "/UBND-01",
		"/quan-tri/huong-dan/" + birthCode + "/quoc-gia/lich-su",
		"/quan-tri/tai-khoan",
		"/quan-tri/api-token",
		"/quan-tri/nhat-ky",
		"/quan-tri/tac-vu",
		"/quan-tri/thu-di",
		"/quan-tri/so-lieu",
		"/quan-tri/phan-anh",
		"/quan-tri/phan-anh/" + reportCode,
		"/quan-tri/phan-anh/hop-thu",
		"/quan-tri/phan-anh/tiep-nhan",
		"/quan-tri/phan-anh-cau-hinh",
		"/quan-tri/lich-lam-viec",
		"/quan-tri/khao-sat",
		"/quan-tri/khao-sat/" + demoSurveyID(t, a),
		"/quan-tri/khao-sat/" + demoSurveyID(t, a) + "/ket-qua",
		// The form-based builder: the demo survey's pages and questions,
		// a question with a condition, a new choice question, a deletion.
		"/quan-tri/khao-sat/" + demoSurveyID(t, a) + "/soan",
		"/quan-tri/khao-sat/" + demoSurveyID(t, a) + "/soan/cau-hoi/kho_khan_khac",
		"/quan-tri/khao-sat/" + demoSurveyID(t, a) + "/soan/them?trang=chung&loai=multiple",
		"/quan-tri/khao-sat/" + demoSurveyID(t, a) + "/soan/cau-hoi/dich_vu/xoa",
		"/quan-tri/danh-gia",
		"/quan-tri/tro-ly/cau-hoi",
		"/quan-tri/tro-ly/cau-hoi/them?q=lam+cccd+mat+bao+lau&dich_vu=dang-ky-khai-sinh",
		"/quan-tri/tro-ly/thong-ke",
		"/quan-tri/tro-ly/tu-viet-tat",
		"/quan-tri/muc-tieu",
		"/quan-tri/muc-tieu/ho_so_truc_tuyen",
	}
	for _, p := range pages {
		if p == "survey-errors" {
			// The survey's first page sent empty: the error summary and
			// the fields marked invalid.
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/khao-sat/"+surveys.DemoSlug), chromedp.WaitVisible(`button[value=next]`),
				chromedp.Click(`button[value=next]`), chromedp.WaitVisible(".error-summary")); err != nil {
				t.Fatalf("survey errors: %v", err)
			}
			p = "/khao-sat/" + surveys.DemoSlug
		} else if p == "report-choices" {
			// The report form sent with a service name fitting several:
			// it comes back with the services as radio choices.
			fill := `document.getElementById("category").value = "thoi-han";
				document.getElementById("description").value = "Hồ sơ bị trả lại nhiều lần";
				document.getElementById("service_query").value = "khai sinh";
				document.querySelector("form.rform").submit(); true`
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/phan-anh"), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fill)); err != nil {
				t.Fatalf("send report form: %v", err)
			}
			if err := chromedp.Do(ctx, chromedp.WaitVisible("#service-choices")); err != nil {
				t.Fatalf("report service choices: %v", err)
			}
			p = "/phan-anh"
		} else if p == "widget-open" {
			// The embedded widget, opened, with one answer in it.
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/tro-ly/nhung"), chromedp.WaitVisible(".loa-toggle"),
				chromedp.Click(".loa-toggle"), chromedp.WaitVisible("#loa-q")); err != nil {
				t.Fatalf("open widget: %v", err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("loa-q").value = "lam can cuoc";
				document.querySelector(".loa-form button").click(); true`)); err != nil {
				t.Fatalf("ask in widget: %v", err)
			}
			if err := chromedp.Do(ctx, chromedp.WaitVisible(".loa-bot a")); err != nil {
				t.Fatalf("widget answer: %v", err)
			}
			// The guide's address in the answer's text is a link too.
			if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".loa-bot > p:first-child a[href^='http']").length`)); err != nil || n == 0 {
				t.Errorf("widget answer: %d links in its text (%v), want the guide's", n, err)
			}
			p = "/tro-ly/nhung"
		} else if p == "sign-in" {
			login := `document.getElementById("username").value = "a11y.admin";
				document.getElementById("password").value = ` + strconv.Quote(pw) + `;
				document.querySelector("form.stack").submit(); true`
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/quan-tri/dang-nhap"), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](login)); err != nil {
				t.Fatalf("sign in: %v", err)
			}
			if err := chromedp.Do(ctx, chromedp.WaitReady("nav")); err != nil {
				t.Fatalf("after sign-in: %v", err)
			}
			continue
		} else if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p), chromedp.WaitReady("body")); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// A page behind sign-in must be the page itself, not the sign-in form.
		if where, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); err != nil || where != strings.SplitN(p, "?", 2)[0] {
			t.Fatalf("%s: browser is at %q (%v)", p, where, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(axeSrc))); err != nil {
			t.Fatalf("%s: load axe-core: %v", p, err)
		}
		// Text the colour of its background is not a violation to axe but
		// "incomplete" (equalRatio: it may be hidden on purpose); nothing
		// here hides text that way, so such text is invisible by mistake,
		// as the assistant's question label once was, white on white.
		js, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify(r.violations.concat(
				r.incomplete.filter(v => v.id === "color-contrast").map(v => ({id: "invisible-text", impact: "serious",
					description: "text the same colour as its background",
					nodes: v.nodes.filter(n => n.any.some(c => c.data && c.data.messageKey === "equalRatio"))})).filter(v => v.nodes.length > 0))))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", p, err)
		}
		var violations []axeViolation
		if err := json.Unmarshal([]byte(js), &violations); err != nil {
			t.Fatalf("%s: axe violations: %v", p, err)
		}
		for _, v := range violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				var targets []string
				for _, n := range v.Nodes {
					targets = append(targets, fmt.Sprint(n.Target...))
				}
				t.Errorf("%s: %s (%s): %s at %s", p, v.ID, v.Impact, v.Description, strings.Join(targets, ", "))
			}
		}
		t.Logf("%s: %d violations checked, none serious or critical expected", p, len(violations))
	}
}
