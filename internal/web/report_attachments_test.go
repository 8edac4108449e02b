package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// Small files of each accepted type, and one that is not.
var (
	testPNG  = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 200)...)
	testPDF  = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	testHTML = []byte("<html><script>alert(1)</script></html>")
)

// caseAttachmentFixture attaches a PDF to c and returns its id.
func caseAttachmentFixture(t *testing.T, a *app.App, c *cases.Case) string {
	t.Helper()
	ctx := context.Background()
	up, err := a.Cases.SaveUpload(ctx, 1, cases.Upload{Name: "fixture.pdf", Data: testPDF})
	if err != nil {
		t.Fatal(err)
	}
	// The store attaches uploads only while filing a report; the fixture
	// case exists already.
	if _, err := a.DB.Exec(ctx, "UPDATE case_attachments SET case_id = ? WHERE id = ?", c.ID, up.ID); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(up.ID, 10)
}

// formPart is one field or file of a multipart form.
type formPart struct {
	name, file string
	data       []byte
}

// postReportForm posts parts to path as a browser posts a form with files.
func postReportForm(t *testing.T, ts *httptest.Server, path string, parts ...formPart) (int, string, http.Header) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.file != "" || p.data == nil && strings.HasPrefix(p.name, "files") {
			w, err = mw.CreateFormFile(p.name, p.file)
		} else {
			w, err = mw.CreateFormField(p.name)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func formField(name, value string) formPart { return formPart{name: name, data: []byte(value)} }

var (
	tokenField      = regexp.MustCompile(`name="token" value="([^"]+)"`)
	attachmentField = regexp.MustCompile(`name="attachment" value="([^"]+)"`)
)

// TestReportFormAttachments files a report with files through the form as
// a browser without JavaScript would: a wrong file refused with a message
// while the good one is kept across the correction, the report filed once
// even when the form is posted twice, the files in the back office and
// nowhere public.
func TestReportFormAttachments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := &testClock{}
		clk.set(t, "2026-03-02 09:30")
		ts, a := newListeningApp(t, d, clk)
		ctx := context.Background()
		me := citizen(t, ts)

		_, body, _ := me.do("GET", "/phan-anh", nil)
		if !strings.Contains(body, `enctype="multipart/form-data"`) || !strings.Contains(body, `type="file"`) {
			t.Fatal("the form takes no files")
		}
		token := tokenField.FindStringSubmatch(body)[1]
		base := []formPart{formField("token", token), formField("category", "he-thong"), formField("province", "01"),
			formField("description", "Cổng báo lỗi khi tải giấy tờ lên, ảnh chụp màn hình kèm theo.")}

		// A good PNG and an HTML page renamed: the form comes back, the
		// HTML refused with a clear message, the PNG kept.
		status, body, _ := postReportForm(t, ts, "/phan-anh", append(base,
			formPart{"files", "loi-cong.png", testPNG}, formPart{"files", "anh.jpg", testHTML})...)
		if status != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), "Tệp thứ 2 không phải PDF, JPEG hoặc PNG") {
			t.Fatalf("wrong type: %d %s", status, errorOf(body))
		}
		kept := attachmentField.FindAllStringSubmatch(body, -1)
		if len(kept) != 1 || !strings.Contains(body, "loi-cong.png") {
			t.Fatalf("the good file is not kept on the form: %v", kept)
		}
		if n, _ := a.Cases.Count(ctx, cases.Filter{}); n != 0 {
			t.Fatalf("%d cases filed by a refused form", n)
		}

		// Four files: too many.
		status, body, _ = postReportForm(t, ts, "/phan-anh", append(base, formField("attachment", kept[0][1]),
			formPart{"files", "1.pdf", testPDF}, formPart{"files", "2.pdf", testPDF}, formPart{"files", "3.pdf", testPDF})...)
		if status != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), "tối đa 3 tệp") {
			t.Fatalf("too many: %d %s", status, errorOf(body))
		}
		// One over 5 MB: refused, naming the limit.
		big := append(append([]byte{}, testPDF...), make([]byte, cases.MaxAttachmentSize)...)
		status, body, _ = postReportForm(t, ts, "/phan-anh", append(base, formField("attachment", kept[0][1]),
			formPart{"files", "to.pdf", big})...)
		if status != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), "vượt giới hạn 5,0 MB mỗi tệp") {
			t.Fatalf("too large: %d %s", status, errorOf(body))
		}
		// More than the whole form may carry: refused before reading it.
		huge := make([]byte, 3*cases.MaxAttachmentSize+200<<10)
		status, body, _ = postReportForm(t, ts, "/phan-anh", append(base, formPart{"files", "a.pdf", huge})...)
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(html.UnescapeString(body), "tối đa 3 tệp, mỗi tệp không quá 5 MB") {
			t.Fatalf("whole form too large: %d %s", status, errorOf(body))
		}

		// The corrected form: the kept PNG and a PDF. Posted twice, as a
		// double tap would: one report, both answers send to it.
		final := append(base, formField("attachment", kept[0][1]), formPart{"files", "bien-lai.pdf", testPDF})
		status, _, hdr := postReportForm(t, ts, "/phan-anh", final...)
		if status != http.StatusSeeOther {
			t.Fatalf("file: %d", status)
		}
		code := codePattern.FindString(hdr.Get("Location"))
		status, _, hdr2 := postReportForm(t, ts, "/phan-anh", final...)
		if status != http.StatusSeeOther || codePattern.FindString(hdr2.Get("Location")) != code {
			t.Fatalf("second post: %d %s, want the first report %s", status, hdr2.Get("Location"), code)
		}
		if n, _ := a.Cases.Count(ctx, cases.Filter{}); n != 1 {
			t.Fatalf("%d cases for one form posted twice", n)
		}
		c, err := a.Cases.ByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		list, err := a.Cases.Attachments(ctx, c.ID)
		if err != nil || len(list) != 2 || list[0].Name != "loi-cong.png" || list[1].Name != "bien-lai.pdf" {
			t.Fatalf("attachments %+v %v", list, err)
		}

		// Never public: not on the status page, not in the API.
		for _, path := range []string{"/phan-anh/" + code, "/api/v1/reports/" + code} {
			_, body, _ := me.do("GET", path, nil)
			if strings.Contains(body, "loi-cong") || strings.Contains(body, "bien-lai") || strings.Contains(body, "/tep/") {
				t.Errorf("%s shows the attachments", path)
			}
		}
		if status, _, _ := me.do("GET", "/quan-tri/phan-anh/"+code+"/tep/"+strconv.FormatInt(list[0].ID, 10), nil); status == http.StatusOK {
			t.Error("a file served without signing in")
		}

		// The back office lists them as downloads.
		handler := newCaseClient(t, ts, a, "xuly.tep", staff.RoleCaseHandler, "UBND-01")
		_, body, _ = handler.do("GET", "/quan-tri/phan-anh/"+code, nil)
		link := fmt.Sprintf("/quan-tri/phan-anh/%s/tep/%d", code, list[1].ID)
		if !strings.Contains(body, link) || !strings.Contains(body, "bien-lai.pdf") {
			t.Fatal("the case page does not list the files")
		}
		status, body, hdr = handler.do("GET", link, nil)
		if status != http.StatusOK || body != string(testPDF) || hdr.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment") || hdr.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("download: %d %q %v", status, body, hdr)
		}
		// A file of another case is not found through this one.
		other, err := a.Cases.Open(ctx, cases.NewCase{Source: cases.SourceWeb, ProvinceCode: "01", Description: "Khác."})
		if err != nil {
			t.Fatal(err)
		}
		if status, _, _ := handler.do("GET", fmt.Sprintf("/quan-tri/phan-anh/%s/tep/%d", other.Code, list[1].ID), nil); status != http.StatusNotFound {
			t.Errorf("file through another case: %d", status)
		}
	})
}

// TestReportAPIIdempotencyAndAttachments: the API takes files in base64,
// files once per Idempotency-Key and answers repeats with the first answer.
func TestReportAPIIdempotencyAndAttachments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := &testClock{}
		clk.set(t, "2026-03-02 09:30")
		ts, a := newListeningApp(t, d, clk)
		ctx := context.Background()
		send := func(key string, body any) (int, string, http.Header) {
			t.Helper()
			b, _ := json.Marshal(body)
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/reports", bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			if key != "" {
				req.Header.Set("Idempotency-Key", key)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			rb, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(rb), resp.Header
		}
		file := func(name string, data []byte) map[string]string {
			return map[string]string{"name": name, "data": base64.StdEncoding.EncodeToString(data)}
		}
		report := map[string]any{"category": "he-thong", "province_code": "01",
			"description": "Không tải được biên lai lên cổng.", "contact": map[string]string{"phone": "0912345678"},
			"attachments": []any{file("bien-lai.pdf", testPDF)}}

		status, first, hdr := send("key-1", report)
		if status != http.StatusCreated || hdr.Get("Idempotent-Replayed") != "" {
			t.Fatalf("create: %d %s", status, first)
		}
		code := codePattern.FindString(hdr.Get("Location"))
		if code == "" || !strings.Contains(first, code) || strings.Contains(first, "bien-lai") || strings.Contains(first, "0912") {
			t.Fatalf("answer %s", first)
		}
		status, again, hdr := send("key-1", report)
		if status != http.StatusCreated || again != first || hdr.Get("Idempotent-Replayed") != "true" ||
			codePattern.FindString(hdr.Get("Location")) != code {
			t.Fatalf("repeat: %d %s %v, want the first answer replayed", status, again, hdr)
		}
		changed := map[string]any{"category": "he-thong", "description": "Nội dung khác."}
		if status, body, _ := send("key-1", changed); status != http.StatusUnprocessableEntity || !strings.Contains(body, "idempotency_key_reused") {
			t.Fatalf("key reused: %d %s", status, body)
		}
		c, err := a.Cases.ByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		if list, err := a.Cases.Attachments(ctx, c.ID); err != nil || len(list) != 1 || list[0].ContentType != "application/pdf" {
			t.Fatalf("attachments %+v %v", list, err)
		}

		for _, tc := range []struct {
			files []any
			raw   string
			msg   string
		}{
			{files: []any{file("anh.png", testHTML)}, msg: "Tệp thứ 1 không phải PDF, JPEG hoặc PNG"},
			{files: []any{file("1.png", testPNG), file("2.png", testPNG), file("3.png", testPNG), file("4.png", testPNG)}, msg: "tối đa 3 tệp"},
			{files: []any{file("to.pdf", append(append([]byte{}, testPDF...), make([]byte, cases.MaxAttachmentSize)...))}, msg: "vượt giới hạn 5,0 MB"},
			{raw: "không phải base64!", msg: "base64"},
		} {
			body := map[string]any{"category": "he-thong", "description": "Có tệp lỗi.", "attachments": tc.files}
			if tc.raw != "" {
				body["attachments"] = []any{map[string]string{"name": "x.pdf", "data": tc.raw}}
			}
			status, resp, _ := send("", body)
			if status != http.StatusBadRequest || !strings.Contains(resp, `"invalid_attachments"`) || !strings.Contains(resp, tc.msg) {
				t.Errorf("%s: %d %s", tc.msg, status, resp)
			}
		}
		if n, _ := a.Cases.Count(ctx, cases.Filter{}); n != 1 {
			t.Fatalf("%d cases, want 1", n)
		}
	})
}
