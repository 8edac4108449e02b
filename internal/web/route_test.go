package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/vn"
	"github.com/loa-vn/loa/internal/web"
)

// TestEveryRouteDeclaresPermission fails when a route is added without
// saying who may call it.
func TestEveryRouteDeclaresPermission(t *testing.T) {
	a := app.FromDB(dbtest.SQLite(t))
	srv, err := a.Web(context.Background(), app.WebOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.Routes()) == 0 {
		t.Fatal("no routes")
	}
	for _, rt := range srv.Routes() {
		if rt.Perm == "" {
			t.Errorf("route %s %s declares no permission", rt.Method, rt.Pattern)
		}
		if rt.Perm != web.PermPublic && rt.Perm != web.PermSignedIn && !staff.Perm(rt.Perm).Valid() {
			t.Errorf("route %s %s declares unknown permission %q", rt.Method, rt.Pattern, rt.Perm)
		}
		if rt.Perm == web.PermPublic && rt.Scope != nil {
			t.Errorf("route %s %s is public but declares a scope", rt.Method, rt.Pattern)
		}
		if rt.Handler == nil {
			t.Errorf("route %s %s has no handler", rt.Method, rt.Pattern)
		}
	}
}

// ownerAgency owns every object the fixtures below point at; staff of
// outsideAgency may not touch them.
const (
	ownerAgency   = "UBND-01"
	outsideAgency = "UBND-79"
)

// wildcard matches a path wildcard such as {slug} or {id}.
var wildcard = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// TestRoutePermissions walks every back-office route as every role, from
// an agency that owns the object, from one that does not, and from the
// national level, and checks that access is allowed or denied exactly as
// the route table declares.
func TestRoutePermissions(t *testing.T) {
	d := dbtest.SQLite(t)
	ts, a := newSiteApp(t, d)
	ctx := context.Background()
	srv, err := a.Web(ctx, app.WebOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Objects owned by ownerAgency, by path wildcard.
	fixtures := routeFixtures(t, a)

	type account struct {
		role   staff.Role
		agency string
		userID int64
	}
	var accounts []account
	for _, role := range staff.Roles() {
		for _, agency := range []string{ownerAgency, outsideAgency, staff.National} {
			name := fmt.Sprintf("%s.%s", role, strings.ToLower(strings.ReplaceAll(agency, "-", "")))
			createStaff(t, a, name, role, agency)
			u, err := a.Staff.UserByUsername(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			accounts = append(accounts, account{role, agency, u.ID})
		}
	}
	checked := 0
	for _, rt := range srv.Routes() {
		if rt.Surface != web.SurfaceAdmin {
			continue
		}
		path := wildcard.ReplaceAllStringFunc(rt.Pattern, func(w string) string {
			name := wildcard.FindStringSubmatch(w)[1]
			v, ok := fixtures[name]
			if !ok {
				t.Errorf("route %s %s: no fixture for {%s}; add one to routeFixtures", rt.Method, rt.Pattern, name)
			}
			return v
		})
		for _, acc := range accounts {
			want := rt.Perm == web.PermSignedIn || acc.role.Can(staff.Perm(rt.Perm))
			if want && rt.Scope != nil {
				want = acc.role == staff.RoleAdmin || acc.agency == ownerAgency || acc.agency == staff.National
			}
			req, _ := http.NewRequest(rt.Method, ts.URL+path, strings.NewReader(url.Values{}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			// A fresh session for every request: routes such as sign-out
			// end the session they are called with.
			token, err := a.Staff.NewSession(ctx, acc.userID)
			if err != nil {
				t.Fatal(err)
			}
			req.AddCookie(&http.Cookie{Name: "loa_phien", Value: token})
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			denied := resp.StatusCode == http.StatusForbidden
			if denied == want {
				t.Errorf("%s %s as %s of %s: status %d, want allowed=%v", rt.Method, path, acc.role, acc.agency, resp.StatusCode, want)
			}
			if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/quan-tri/dang-nhap") &&
				rt.Pattern != "/quan-tri/dang-xuat" {
				t.Errorf("%s %s as %s: sent to sign-in with a valid session", rt.Method, path, acc.role)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no back-office routes checked")
	}
	t.Logf("%d route × account checks", checked)
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// routeFixtures returns, for each path wildcard used by back-office
// routes, an object owned by ownerAgency.
func routeFixtures(t *testing.T, a *app.App) map[string]string {
	t.Helper()
	ctx := context.Background()
	fx := map[string]string{}
	// {user_id}: an editor of ownerAgency, a role every agency admin may manage.
	createStaff(t, a, "fixture.editor", staff.RoleEditor, ownerAgency)
	u, err := a.Staff.UserByUsername(ctx, "fixture.editor")
	if err != nil {
		t.Fatal(err)
	}
	fx["user_id"] = strconv.FormatInt(u.ID, 10)
	// {token_id}: an API token of ownerAgency.
	_, tok, err := a.Staff.CreateToken(ctx, staff.System(), ownerAgency, "Fixture token", []staff.Perm{staff.PermMeasureIngest})
	if err != nil {
		t.Fatal(err)
	}
	fx["token_id"] = strconv.FormatInt(tok.ID, 10)
	// {code}/{scope}: ownerAgency's local note on birth registration, a
	// commune-level service a province may annotate.
	svc := a.Catalog
	all, err := svc.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Slug == "dang-ky-khai-sinh" {
			fx["code"] = s.Code
		}
	}
	fx["scope"] = ownerAgency
	// {rev_id}: a note in review, written by someone outside the walk, so
	// that no walked reviewer is its author.
	createStaff(t, a, "fixture.author", staff.RoleEditor, ownerAgency)
	author, err := a.Staff.UserByUsername(ctx, "fixture.author")
	if err != nil {
		t.Fatal(err)
	}
	rev, err := svc.Draft(ctx, author, catalog.DraftInput{ServiceCode: fx["code"], Scope: ownerAgency,
		Body: catalog.Body{Note: "Nộp tại bộ phận một cửa của phường, xã."}, ChangeNote: "Ghi chú cho Hà Nội"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Submit(ctx, author, rev.ID); err != nil {
		t.Fatal(err)
	}
	fx["rev_id"] = strconv.FormatInt(rev.ID, 10)
	// {job_id}: the queue is national, so any job; the revision's
	// publication sweep has made some.
	fx["job_id"] = "1"
	// {message_id}: the outbox is national too, so any message id; the
	// walk only checks who is let in.
	fx["message_id"] = "1"
	// {case_code}: a report routed to ownerAgency (province 01, no rule).
	c, err := a.Cases.Open(ctx, cases.NewCase{Source: cases.SourceWeb, Category: cases.CategorySystem,
		ProvinceCode: "01", Description: "Cổng dịch vụ công báo lỗi khi nộp hồ sơ."})
	if err != nil {
		t.Fatal(err)
	}
	if c.Agency != ownerAgency {
		t.Fatalf("fixture case routed to %q, want %s", c.Agency, ownerAgency)
	}
	fx["case_code"] = c.Code
	// {attachment_id}: a file the fixture case carries (report_attachments_test.go).
	fx["attachment_id"] = caseAttachmentFixture(t, a, c)
	// {target_key}: a seeded programme target; targets are national.
	fx["target_key"] = "ho_so_truc_tuyen"
	// {abbr_id}: an abbreviation added by an editor. The table is
	// national, so any row.
	abbr, err := assistant.NewAbbreviations(a.DB, vn.DefaultSynonyms()).Add(ctx, author.Actor(), "gpkdtn", "giấy phép kinh doanh")
	if err != nil {
		t.Fatal(err)
	}
	fx["abbr_id"] = strconv.FormatInt(abbr.ID, 10)
	// {survey_id}/{file_id}: the demo survey, owned by ownerAgency, and a
	// file sent with one of its responses (survey_test.go).
	fx["survey_id"], fx["file_id"] = surveyFixture(t, a)
	// {question_id}/{page_id}: a question and a page of the demo survey,
	// for the form-based builder (admin_survey_builder_test.go).
	fx["question_id"], fx["page_id"] = "hai_long", "chung"
	// {source}: a measuring source of ownerAgency (one event ingested).
	if _, err := a.Measure.Ingest(ctx, measure.Sender{Agency: ownerAgency}, measure.Items([]measure.EventInput{{ID: "fx-1",
		Source: "fixture", Type: "received", Procedure: "x.1", Unit: "01", Channel: "in_person", OccurredAt: "2025-03-03T09:00:00+07:00"}})); err != nil {
		t.Fatal(err)
	}
	fx["source"] = ownerAgency + ":fixture"
	return fx
}
