package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/web"
)

// TestCaseScopeEveryRoute: a handler of province B (Hồ Chí Minh City)
// gets 403 on every back-office route of a case of province A (Hà Nội),
// while A's handler may use them; B's queue and inbox never list A's case.
func TestCaseScopeEveryRoute(t *testing.T) {
	clk := &testClock{}
	clk.set(t, "2026-03-02 09:30")
	ts, a, srv := newListeningServer(t, dbtest.SQLite(t), clk)
	ctx := context.Background()
	open := func(province string) *cases.Case {
		c, err := a.Cases.Open(ctx, cases.NewCase{Source: cases.SourceWeb, Category: cases.CategoryDelay,
			ProvinceCode: province, Description: "Hồ sơ đăng ký kinh doanh quá hạn hai tuần chưa có kết quả."})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	caseA, caseB := open("01"), open("79")
	if caseA.Agency != "UBND-01" || caseB.Agency != "UBND-79" {
		t.Fatalf("routed to %s and %s", caseA.Agency, caseB.Agency)
	}
	// Late enough for the inboxes to hold both.
	clk.set(t, "2026-03-31 09:30")
	if _, err := a.Cases.Escalate(ctx); err != nil {
		t.Fatal(err)
	}
	handlerA := newCaseClient(t, ts, a, "xuly.a", staff.RoleCaseHandler, "UBND-01")
	handlerB := newCaseClient(t, ts, a, "xuly.b", staff.RoleCaseHandler, "UBND-79")
	adminB := newCaseClient(t, ts, a, "quantri.b", staff.RoleAgencyAdmin, "UBND-79")

	walked := 0
	for _, rt := range srv.Routes() {
		if rt.Surface != web.SurfaceAdmin || !strings.Contains(rt.Pattern, "{case_code}") {
			continue
		}
		if rt.Scope == nil {
			t.Errorf("%s %s acts on one case but declares no scope", rt.Method, rt.Pattern)
		}
		path := strings.Replace(rt.Pattern, "{case_code}", caseA.Code, 1)
		for _, c := range []*caseClient{handlerB, adminB} {
			if status, _, _ := c.do(rt.Method, path, url.Values{}); status != http.StatusForbidden {
				t.Errorf("%s %s by province B: %d, want 403", rt.Method, path, status)
			}
		}
		if status, _, _ := handlerA.do(rt.Method, path, url.Values{}); status == http.StatusForbidden || status >= 500 {
			t.Errorf("%s %s by province A: %d", rt.Method, path, status)
		}
		walked++
	}
	if walked < 3 {
		t.Fatalf("walked %d case routes", walked)
	}
	// An action posted by B on A's case changed nothing.
	if got, _ := a.Cases.ByID(ctx, caseA.ID); got.State != cases.StateReceived {
		t.Errorf("A's case moved to %s", got.State)
	}
	for _, c := range []*caseClient{handlerB, adminB} {
		for _, path := range []string{"/quan-tri/phan-anh", "/quan-tri/phan-anh?qua-han=1", "/quan-tri/phan-anh/hop-thu", "/quan-tri/phan-anh/hop-thu?tat-ca=1"} {
			_, body, _ := c.do("GET", path, nil)
			if strings.Contains(body, caseA.Code) {
				t.Errorf("%s lists province A's case", path)
			}
			if !strings.Contains(body, caseB.Code) {
				t.Errorf("%s does not list province B's own case", path)
			}
		}
	}
	// Transferring B's case away takes it out of B's reach.
	status, _, _ := handlerB.do("POST", "/quan-tri/phan-anh/"+caseB.Code+"/thao-tac", url.Values{"action": {"transfer"}, "agency": {"UBND-01"}})
	if status != http.StatusSeeOther {
		t.Fatalf("transfer: %d", status)
	}
	if status, _, _ := handlerB.do("GET", "/quan-tri/phan-anh/"+caseB.Code, nil); status != http.StatusForbidden {
		t.Errorf("B after transfer: %d, want 403", status)
	}
	if status, _, _ := handlerA.do("GET", "/quan-tri/phan-anh/"+caseB.Code, nil); status != http.StatusOK {
		t.Errorf("A after transfer: %d, want 200", status)
	}
}
