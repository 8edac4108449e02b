package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

var secretField = regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`)

func TestSecurityTOTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		pw := createStaff(t, a, "bientap.hn", staff.RoleEditor, "UBND-01")
		c := newStaffClient(t, ts.URL)
		c.login("bientap.hn", pw)

		// The password page leads to the security page.
		if _, body, _ := c.get("/quan-tri/mat-khau"); !strings.Contains(body, `href="/quan-tri/bao-mat"`) {
			t.Fatal("no link to the security page")
		}
		status, body, _ := c.get("/quan-tri/bao-mat")
		if status != 200 || !strings.Contains(body, "<svg") || !strings.Contains(body, "otpauth://totp/") {
			t.Fatalf("security page: %d, want a QR code and the provisioning URI", status)
		}
		m := secretField.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no secret on the page")
		}
		secret := m[1]
		if !strings.Contains(html.UnescapeString(body), staff.ProvisioningURI("bientap.hn", secret)) {
			t.Fatal("the provisioning URI shown is not the secret's")
		}

		// A wrong code: the same secret again, with a message.
		code, err := staff.TOTPCode(secret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		wrong := strconv.Itoa((mustAtoi(t, code) + 500000) % 1000000)
		wrong = strings.Repeat("0", 6-len(wrong)) + wrong
		status, body, _ = c.post("/quan-tri/bao-mat/bat", url.Values{"secret": {secret}, "code": {wrong}})
		if status != http.StatusBadRequest || !strings.Contains(body, "không đúng") || !strings.Contains(body, secret) {
			t.Fatalf("wrong code: %d", status)
		}
		if u, _ := a.Staff.UserByUsername(ctx, "bientap.hn"); u.TOTPEnabled {
			t.Fatal("TOTP on after a wrong code")
		}
		// The right code turns it on; the secret is not shown any more.
		status, _, hdr := c.post("/quan-tri/bao-mat/bat", url.Values{"secret": {secret}, "code": {code}})
		if status != http.StatusSeeOther || hdr.Get("Location") != "/quan-tri/bao-mat?ok=totp_on" {
			t.Fatalf("enable: %d → %s", status, hdr.Get("Location"))
		}
		if u, _ := a.Staff.UserByUsername(ctx, "bientap.hn"); !u.TOTPEnabled {
			t.Fatal("TOTP off after the right code")
		}
		_, body, _ = c.get("/quan-tri/bao-mat?ok=totp_on")
		if strings.Contains(body, secret) || !strings.Contains(body, "Đã bật xác thực hai lớp") {
			t.Fatal("after enabling: secret still shown, or no confirmation")
		}
		// Sign-in now asks for the code.
		other := newStaffClient(t, ts.URL)
		status, body, _ = other.post("/quan-tri/dang-nhap", url.Values{"username": {"bientap.hn"}, "password": {pw}})
		if status != http.StatusUnauthorized || !strings.Contains(body, `name="totp"`) {
			t.Fatalf("sign-in with TOTP on: %d", status)
		}

		// The owner turns it off.
		if status, _, _ := c.post("/quan-tri/bao-mat/tat", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("disable: %d", status)
		}
		if u, _ := a.Staff.UserByUsername(ctx, "bientap.hn"); u.TOTPEnabled {
			t.Fatal("TOTP still on")
		}

		// A lost phone: the agency admin turns it off for someone else.
		secret = staff.NewTOTPSecret()
		code, _ = staff.TOTPCode(secret, time.Now())
		id := userID(t, a, "bientap.hn")
		u, _ := a.Staff.GetUser(ctx, id)
		if err := a.Staff.EnableTOTP(ctx, u, id, secret, code); err != nil {
			t.Fatal(err)
		}
		apw := createStaff(t, a, "qt.hanoi", staff.RoleAgencyAdmin, "UBND-01")
		admin := newStaffClient(t, ts.URL)
		admin.login("qt.hanoi", apw)
		if _, body, _ := admin.get("/quan-tri/tai-khoan/" + strconv.FormatInt(id, 10)); strings.Contains(body, secret) {
			t.Fatal("the account page shows the TOTP secret to an admin")
		}
		if status, _, _ := admin.post("/quan-tri/tai-khoan/"+strconv.FormatInt(id, 10)+"/xac-thuc", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("admin turns TOTP off: %d", status)
		}
		if u, _ := a.Staff.GetUser(ctx, id); u.TOTPEnabled {
			t.Fatal("TOTP still on after the admin's reset")
		}
	})
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
