package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/notify"
	"github.com/loa-vn/loa/internal/staff"
)

// TestOutboxPage shows the national coordinator the e-mail outbox: counts,
// masked addresses only, the newest error, and "send again" for a failed
// message, which is audited and refused for any other.
func TestOutboxPage(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	ctx := context.Background()
	open := func(email string) *cases.Case {
		t.Helper()
		c, err := a.Cases.Open(ctx, cases.NewCase{Source: cases.SourceWeb, Category: cases.CategoryFee, ProvinceCode: "01",
			Description: "Bị thu thêm phí khi nộp hồ sơ.", Contact: cases.Contact{Name: "Trần Thị Bình", Email: email}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	waiting, refused := open("binh.tran@example.vn"), open("sai.dia.chi@example.vn")
	messageOf := func(c *cases.Case) notify.Message {
		t.Helper()
		ms, err := notify.Messages(ctx, a.DB, c.ID)
		if err != nil || len(ms) != 1 {
			t.Fatalf("messages of %s: %+v %v", c.Code, ms, err)
		}
		return ms[0]
	}
	// No SMTP in tests: settle the second as the deliverer does on a
	// permanent refusal (address erased, error kept without it).
	failed := messageOf(refused)
	if _, err := a.DB.Exec(ctx, `UPDATE notify_outbox SET state = ?, recipient = '', attempts = 1,
		last_error = ? WHERE id = ?`, notify.StateFailed, "550 5.1.1 mailbox unavailable", failed.ID); err != nil {
		t.Fatal(err)
	}

	pw := createStaff(t, a, "dieuphoi.thu", staff.RoleAdmin, staff.National)
	c := newStaffClient(t, ts.URL)
	c.login("dieuphoi.thu", pw)
	status, body, _ := c.get("/quan-tri/thu-di")
	if status != http.StatusOK {
		t.Fatalf("outbox page: %d", status)
	}
	for _, want := range []string{`href="/quan-tri/thu-di"`, "bi***@example.vn", "Bị từ chối", "550 5.1.1 mailbox unavailable",
		"chưa được cấu hình", `action="/quan-tri/thu-di/` + strconv.FormatInt(failed.ID, 10) + `/gui-lai"`,
		"<dt>Đang chờ</dt><dd>1 (", "<dt>Bị từ chối</dt><dd>1</dd>", waiting.Code, refused.Code} {
		if !strings.Contains(body, want) {
			t.Errorf("outbox page lacks %q", want)
		}
	}
	for _, leak := range []string{"binh.tran@", "sai.dia.chi@", "Trần Thị Bình", "Bị thu thêm phí"} {
		if strings.Contains(body, leak) {
			t.Errorf("outbox page shows %q", leak)
		}
	}
	// Only the failed message can be sent again.
	if strings.Count(body, "/gui-lai\"") != 1 {
		t.Errorf("%d retry buttons, want 1", strings.Count(body, "/gui-lai\""))
	}
	if status, body, _ := c.get("/quan-tri/thu-di?trang-thai=failed"); status != 200 || strings.Contains(body, waiting.Code) || !strings.Contains(body, refused.Code) {
		t.Errorf("filter failed: %d", status)
	}
	if status, _, _ := c.get("/quan-tri/thu-di?trang-thai=lung-tung"); status != http.StatusBadRequest {
		t.Errorf("bad filter: %d", status)
	}

	// Send it again: pending, addressed from the case, audited.
	retry := "/quan-tri/thu-di/" + strconv.FormatInt(failed.ID, 10) + "/gui-lai"
	status, _, hdr := c.post(retry, nil)
	if status != http.StatusSeeOther || !strings.Contains(hdr.Get("Location"), "ok=outbox_retried") {
		t.Fatalf("retry: %d %s", status, hdr.Get("Location"))
	}
	if m := messageOf(refused); m.State != notify.StatePending || m.Recipient != "sai.dia.chi@example.vn" {
		t.Errorf("after retry: %+v", m)
	}
	entries, err := audit.NewStore(a.DB).List(ctx, audit.Filter{ObjectType: notify.AuditObject, ObjectID: strconv.FormatInt(failed.ID, 10)})
	if err != nil || len(entries) != 1 || entries[0].Actor.Name != "dieuphoi.thu" || entries[0].Action != notify.ActionRetry {
		t.Fatalf("audit: %+v %v", entries, err)
	}
	if _, body, _ := c.get("/quan-tri/nhat-ky?loai=notify_message"); !strings.Contains(body, "Thử gửi lại thư") {
		t.Error("the audit log does not name the retry")
	}
	// Again: it is pending now, so it is refused with a message.
	if status, body, _ := c.post(retry, nil); status != http.StatusConflict || !strings.Contains(body, "Chỉ thử gửi lại được thư bị từ chối") {
		t.Errorf("second retry: %d", status)
	}
	if status, _, _ := c.post("/quan-tri/thu-di/999999/gui-lai", nil); status != http.StatusNotFound {
		t.Errorf("retry of an unknown message: %d", status)
	}

	// An agency admin neither sees the menu entry nor opens the page.
	apw := createStaff(t, a, "quantri.thu", staff.RoleAgencyAdmin, "UBND-01")
	ac := newStaffClient(t, ts.URL)
	ac.login("quantri.thu", apw)
	if _, body, _ := ac.get("/quan-tri"); strings.Contains(body, `href="/quan-tri/thu-di"`) {
		t.Error("agency admin sees the outbox in the menu")
	}
	if status, _, _ := ac.get("/quan-tri/thu-di"); status != http.StatusForbidden {
		t.Errorf("agency admin opens the outbox: %d", status)
	}
}
