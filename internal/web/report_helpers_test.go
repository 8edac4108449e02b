package web_test

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/cases"
)

// publishedReport opens a report in Hà Nội, answers it as one handler and
// publishes it as another, and returns its code.
func publishedReport(t *testing.T, a *app.App) string {
	t.Helper()
	ctx := context.Background()
	c, err := a.Cases.Open(ctx, cases.NewCase{Source: cases.SourceWeb, Category: cases.CategoryGuidance, ProvinceCode: "01",
		ServiceSlug: "dang-ky-khai-sinh", Description: "Không rõ cần mang giấy tờ gì khi đăng ký khai sinh cho con."})
	if err != nil {
		t.Fatal(err)
	}
	author, reviewer := cases.Handler{ID: 900001, Name: "author"}, cases.Handler{ID: 900002, Name: "reviewer"}
	if _, err := a.Cases.Assign(ctx, c.ID, author, "", 0, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Cases.SaveAnswer(ctx, c.ID, author, "Mang giấy chứng sinh và giấy tờ tùy thân của cha hoặc mẹ.", true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Cases.Publish(ctx, c.ID, reviewer, ""); err != nil {
		t.Fatal(err)
	}
	return c.Code
}
