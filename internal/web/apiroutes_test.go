package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/web"
)

// TestAPIRoutesRequireTokens walks every machine route of the API (a
// permission other than public) and checks that it refuses a request
// without a token (401) and one with a token that lacks the route's
// permission (403), before the handler reads anything.
func TestAPIRoutesRequireTokens(t *testing.T) {
	d := dbtest.SQLite(t)
	ts, a := newSiteApp(t, d)
	ctx := context.Background()
	srv, err := a.Web(ctx, app.WebOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tokens := map[staff.Perm]string{}
	for _, p := range staff.MachinePerms() {
		plain, _, err := a.Staff.CreateToken(ctx, staff.System(), "UBND-01", "Thử "+string(p), []staff.Perm{p})
		if err != nil {
			t.Fatal(err)
		}
		tokens[p] = plain
	}
	checked := 0
	for _, rt := range srv.Routes() {
		if rt.Surface != web.SurfaceAPI || rt.Perm == web.PermPublic {
			continue
		}
		path := wildcard.ReplaceAllString(rt.Pattern, "x")
		method := rt.Method
		if method == "" {
			method = "GET"
		}
		send := func(token string) int {
			req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader("{}"))
			req.Header.Set("Content-Type", "application/json")
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		if got := send(""); got != http.StatusUnauthorized {
			t.Errorf("%s %s without a token: status %d, want 401", method, rt.Pattern, got)
		}
		for p, tok := range tokens {
			if web.Perm(p) == rt.Perm {
				continue
			}
			if got := send(tok); got != http.StatusForbidden {
				t.Errorf("%s %s with a %s token: status %d, want 403", method, rt.Pattern, p, got)
			}
		}
		checked++
	}
	t.Logf("%d machine routes checked", checked)
}
