package web_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/web"
	"github.com/loa-vn/loa/internal/workdays"
)

// testClock is the clock the cases store reads; tests move it.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

func (c *testClock) set(t *testing.T, s string) {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, workdays.Zone)
	if err != nil {
		t.Fatal(err)
	}
	c.t = v.UTC()
}

// newListeningApp is newSiteApp with the cases store on a test clock.
func newListeningApp(t *testing.T, d *db.DB, clk *testClock) (*httptest.Server, *app.App) {
	ts, a, _ := newListeningServer(t, d, clk)
	return ts, a
}

// newListeningServer also returns the server, for tests that walk its routes.
func newListeningServer(t *testing.T, d *db.DB, clk *testClock) (*httptest.Server, *app.App, *web.Server) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	a := app.FromDB(d)
	if err := a.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	a.SetCaseClock(clk.now)
	srv, err := a.Web(ctx, app.WebOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.StartJobs(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.StopJobs(stopCtx); err != nil {
			t.Errorf("stop jobs: %v", err)
		}
	})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, a, srv
}

// caseClient signs a new account in and returns a client for it.
type caseClient struct {
	t      *testing.T
	ts     *httptest.Server
	cookie *http.Cookie
}

func newCaseClient(t *testing.T, ts *httptest.Server, a *app.App, username string, role staff.Role, agency string) *caseClient {
	t.Helper()
	createStaff(t, a, username, role, agency)
	u, err := a.Staff.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	token, err := a.Staff.NewSession(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &caseClient{t: t, ts: ts, cookie: &http.Cookie{Name: "loa_phien", Value: token}}
}

func (c *caseClient) do(method, path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// citizen is a client without a session.
func citizen(t *testing.T, ts *httptest.Server) *caseClient { return &caseClient{t: t, ts: ts} }

var codePattern = regexp.MustCompile(`PA-[A-Z0-9]{5}-[A-Z0-9]{5}`)

// TestReportJourney walks the check as a new user would: file a
// report without JavaScript, get a code, watch it get assigned and go
// overdue on a test clock, see the reminder and the escalation, answer it
// as a handler, publish it as another, and reopen it as the citizen.
func TestReportJourney(t *testing.T) {
	clk := &testClock{}
	clk.set(t, "2026-03-02 09:30") // a Monday
	ts, a := newListeningApp(t, dbtest.SQLite(t), clk)
	ctx := context.Background()
	me := citizen(t, ts)

	// The form is a plain HTML form with a honeypot.
	status, body, _ := me.do("GET", "/phan-anh", nil)
	if status != http.StatusOK || !strings.Contains(body, `name="description"`) || !strings.Contains(body, `name="website"`) {
		t.Fatalf("form: %d", status)
	}
	// A bot fills the honeypot: refused, nothing stored.
	form := url.Values{"category": {"he-thong"}, "province": {"01"}, "website": {"http://spam"},
		"description": {"Mua thuốc giá rẻ"}}
	if status, _, _ := me.do("POST", "/phan-anh", form); status != http.StatusBadRequest {
		t.Errorf("honeypot: %d", status)
	}
	if n, _ := a.Cases.Count(ctx, cases.Filter{}); n != 0 {
		t.Fatalf("honeypot stored %d cases", n)
	}
	// Missing description: the form comes back with a message.
	form = url.Values{"category": {"he-thong"}, "province": {"01"}}
	if status, body, _ := me.do("POST", "/phan-anh", form); status != http.StatusBadRequest || !strings.Contains(body, "Vui lòng nhập nội dung phản ánh") {
		t.Errorf("empty description: %d", status)
	}
	// The real report, with markup and personal data in it.
	desc := `Cổng dịch vụ công báo lỗi <script>alert(1)</script> khi nộp lệ phí. Gọi tôi: 0912 345 678.`
	form = url.Values{"category": {"he-thong"}, "province": {"01"}, "description": {desc},
		"name": {"Nguyễn Văn An"}, "phone": {"0912345678"}}
	status, _, hdr := me.do("POST", "/phan-anh", form)
	if status != http.StatusSeeOther {
		t.Fatalf("file: %d", status)
	}
	code := codePattern.FindString(hdr.Get("Location"))
	if code == "" {
		t.Fatalf("no code in %q", hdr.Get("Location"))
	}
	status, body, _ = me.do("GET", hdr.Get("Location"), nil)
	if status != http.StatusOK || !strings.Contains(body, code) || !strings.Contains(body, "Đã tiếp nhận") {
		t.Fatalf("status page: %d", status)
	}
	if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("citizen's text not escaped on the status page")
	}
	if strings.Contains(body, "0912 345 678") || strings.Contains(body, "Nguyễn Văn An") {
		t.Error("personal data on the public page")
	}

	// The back office: a handler of Hà Nội finds it in the queue.
	handler := newCaseClient(t, ts, a, "xuly.hanoi", staff.RoleCaseHandler, "UBND-01")
	reviewer := newCaseClient(t, ts, a, "duyet.hanoi", staff.RoleCaseHandler, "UBND-01")
	admin := newCaseClient(t, ts, a, "quantri.hanoi", staff.RoleAgencyAdmin, "UBND-01")
	if _, body, _ := handler.do("GET", "/quan-tri/phan-anh", nil); !strings.Contains(body, code) {
		t.Fatal("case not in the handler's queue")
	}
	_, body, _ = handler.do("GET", "/quan-tri/phan-anh/"+code, nil)
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "0912345678") {
		t.Error("back office shows raw markup or the unmasked phone")
	}
	act := func(c *caseClient, fields url.Values) (int, string) {
		t.Helper()
		status, body, _ := c.do("POST", "/quan-tri/phan-anh/"+code+"/thao-tac", fields)
		return status, body
	}
	me2 := handlerID(t, a, "xuly.hanoi")
	if status, body := act(handler, url.Values{"action": {"assign"}, "agency": {"UBND-01"}, "assignee": {me2}}); status != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", status, errorOf(body))
	}
	if _, body, _ := me.do("GET", "/phan-anh/"+code, nil); !strings.Contains(body, "Đã chuyển cơ quan xử lý") || !strings.Contains(body, "Ủy ban nhân dân") {
		t.Error("assignment not on the status page")
	}

	// Four working days later (the system category allows three): the
	// escalation job runs on the queue and records the ladder.
	clk.set(t, "2026-03-06 10:00")
	if _, err := a.Jobs.Enqueue(ctx, cases.EscalateArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	c, _ := a.Cases.ByCode(ctx, code)
	deadline := time.Now().Add(15 * time.Second)
	for {
		es, err := a.Cases.Escalations(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("escalation job did not run: %v", es)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, body, _ := me.do("GET", "/phan-anh/"+code, nil); !strings.Contains(body, "Quá hạn") {
		t.Error("overdue not flagged publicly")
	}
	if _, body, _ := handler.do("GET", "/quan-tri/phan-anh/hop-thu", nil); !strings.Contains(body, code) || !strings.Contains(body, "Nhắc hạn") {
		t.Error("reminder not in the handler's inbox")
	}
	if _, body, _ := admin.do("GET", "/quan-tri/phan-anh/hop-thu", nil); !strings.Contains(body, "Báo quản trị đơn vị") {
		t.Error("escalation not in the agency admin's inbox")
	}

	// Answer as the handler; the handler cannot publish it; the reviewer does.
	answer := "Chào anh Nguyễn Văn An, lỗi thanh toán đã được khắc phục. Nếu còn lỗi xin gọi 0912345678."
	if status, body := act(handler, url.Values{"action": {"submit_answer"}, "answer": {answer}}); status != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", status, errorOf(body))
	}
	if status, _ := act(handler, url.Values{"action": {"publish"}}); status != http.StatusForbidden {
		t.Errorf("author publishing: %d, want 403", status)
	}
	if status, body := act(reviewer, url.Values{"action": {"publish"}}); status != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", status, errorOf(body))
	}
	_, body, _ = me.do("GET", "/phan-anh/"+code, nil)
	if !strings.Contains(body, "lỗi thanh toán đã được khắc phục") || strings.Contains(body, "0912345678") || strings.Contains(body, "Nguyễn Văn An") {
		t.Error("published answer missing or not redacted")
	}
	if !strings.Contains(body, "Vấn đề đã được giải quyết chưa?") {
		t.Fatal("no feedback form")
	}

	// The citizen says no: reopened.
	status, _, hdr = me.do("POST", "/phan-anh/"+code+"/danh-gia", url.Values{"solved": {"no"}, "note": {"Vẫn lỗi"}})
	if status != http.StatusSeeOther {
		t.Fatalf("feedback: %d", status)
	}
	if _, body, _ := me.do("GET", hdr.Get("Location"), nil); !strings.Contains(body, "Đã mở lại") {
		t.Error("case not reopened")
	}

	// The statistics count it: received, answered late.
	_, body, _ = me.do("GET", "/phan-anh/thong-ke.json", nil)
	var stats struct {
		National struct {
			Received, Answered, AnsweredOnTime int
		} `json:"national"`
	}
	if err := json.Unmarshal([]byte(body), &stats); err != nil {
		t.Fatal(err)
	}
	if stats.National.Received != 1 || stats.National.Answered != 1 {
		t.Errorf("statistics: %s", body)
	}
	if _, body, _ := me.do("GET", "/phan-anh/thong-ke.csv", nil); !strings.HasPrefix(body, "agency,agency_name,received") {
		t.Errorf("csv: %.80s", body)
	}
	// The API shows the public view only.
	_, body, _ = me.do("GET", "/api/v1/reports/"+strings.ToLower(code), nil)
	if !strings.Contains(body, `"state":"reopened"`) || strings.Contains(body, "0912") {
		t.Errorf("api view: %.300s", body)
	}
}

// TestAssistantHandoffInBackOffice: a case the assistant opens appears in
// the national coordinator's queue (nobody routed it: no province).
func TestAssistantHandoffInBackOffice(t *testing.T) {
	clk := &testClock{}
	clk.set(t, "2026-03-02 09:30")
	ts, a := newListeningApp(t, dbtest.SQLite(t), clk)
	ctx := context.Background()
	var code string
	err := a.DB.InTx(ctx, func(tx *db.Tx) error {
		c, err := a.Cases.OpenTx(ctx, tx, cases.NewCase{Source: cases.SourceAssistant, Channel: cases.ChannelZalo,
			Description: "Người dân cần gặp cán bộ về thủ tục cấp đổi giấy phép lái xe.", ConversationID: "conv-1"})
		if c != nil {
			code = c.Code
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	coord := newCaseClient(t, ts, a, "dieuphoi", staff.RoleAdmin, staff.National)
	if _, body, _ := coord.do("GET", "/quan-tri/phan-anh?chua-giao=1", nil); !strings.Contains(body, code) || !strings.Contains(body, "Trợ lý ảo") {
		t.Error("assistant handoff not in the national queue")
	}
	// Routing it by hand to Hà Nội puts it in Hà Nội's queue.
	status, body, _ := coord.do("POST", "/quan-tri/phan-anh/"+code+"/thao-tac", url.Values{"action": {"assign"}, "agency": {"UBND-01"}, "assignee": {"0"}})
	if status != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", status, errorOf(body))
	}
	handler := newCaseClient(t, ts, a, "xuly.hn", staff.RoleCaseHandler, "UBND-01")
	if _, body, _ := handler.do("GET", "/quan-tri/phan-anh", nil); !strings.Contains(body, code) {
		t.Error("routed handoff not in Hà Nội's queue")
	}
}

func handlerID(t *testing.T, a *app.App, username string) string {
	t.Helper()
	u, err := a.Staff.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(u.ID, 10)
}

// errorOf extracts the error paragraph of a page, for failure messages.
func errorOf(body string) string {
	m := regexp.MustCompile(`(?s)class="error"[^>]*>(.*?)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}
