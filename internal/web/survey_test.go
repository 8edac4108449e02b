package web_test

import (
	"bytes"
	"context"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/surveys"
)

// demoSurveyID is the id of the demo survey seeded by SeedDemo.
func demoSurveyID(t *testing.T, a *app.App) string {
	t.Helper()
	sv, err := a.Surveys.BySlug(context.Background(), surveys.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(sv.ID, 10)
}

var pngFile = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")

// surveyFixture returns the demo survey's id and a file sent with one of
// its responses.
func surveyFixture(t *testing.T, a *app.App) (string, string) {
	t.Helper()
	ctx := context.Background()
	sv, err := a.Surveys.BySlug(ctx, surveys.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	v, err := a.Surveys.Live(ctx, sv)
	if err != nil {
		t.Fatal(err)
	}
	f, err := a.Surveys.SaveFile(ctx, sv, v.Definition.Question("anh_loi"), "loi.png", pngFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Surveys.Submit(ctx, sv.ID, surveys.Submission{Raw: surveys.Answers{"dich_vu": {"khac"}, "hai_long": {"2"},
		"gap_kho": {"yes"}, "loai_kho_khan": {"dinh_kem"}, "anh_loi": {f.Token}}}); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(sv.ID, 10), strconv.FormatInt(f.ID, 10)
}

// hidden returns the value of the hidden input with the name.
func hidden(t *testing.T, body, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no hidden %s in %.500s", name, body)
	}
	return html.UnescapeString(m[1])
}

// carry returns the hidden fields a page posts back.
func carry(t *testing.T, body string) url.Values {
	return url.Values{"page": {hidden(t, body, "page")}, "state": {hidden(t, body, "state")}, "token": {hidden(t, body, "token")}}
}

func countResponses(t *testing.T, a *app.App) int {
	t.Helper()
	var n int
	if err := a.DB.QueryRow(context.Background(), "SELECT COUNT(*) FROM survey_responses").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// postMultipart posts form fields and one file.
func postMultipart(t *testing.T, c *staffClient, path string, form url.Values, field, name string, data []byte) (int, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	w, _ := mw.CreateFormFile(field, name)
	_, _ = w.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	_, _ = out.ReadFrom(resp.Body)
	return resp.StatusCode, out.String()
}

// TestSurveyHostedPage answers the demo survey page by page as a phone
// without JavaScript does: errors, routing, an upload refused then
// accepted, the thanks, and a repeated final page that stores nothing new.
func TestSurveyHostedPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		c := newStaffClient(t, ts.URL)
		path := "/khao-sat/" + surveys.DemoSlug
		before := countResponses(t, a)

		status, body, hdr := c.get(path)
		if status != 200 || !strings.Contains(body, "<fieldset") || !strings.Contains(body, "<legend>") || !strings.Contains(body, `enctype="multipart/form-data"`) {
			t.Fatalf("first page: %d %.300s", status, body)
		}
		if !strings.Contains(hdr.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Error("hosted page may be framed")
		}
		// Sent empty: an error summary linking to each required question.
		status, body, _ = c.post(path, carry(t, body))
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error-summary"`) || !strings.Contains(body, `href="#q-hai_long"`) ||
			!strings.Contains(body, `aria-describedby="q-hai_long-help q-hai_long-error"`) {
			t.Fatalf("empty page: %d %.2000s", status, body)
		}
		// Page one with a difficulty: the difficulty page follows.
		form := carry(t, body)
		form.Set("q_dich_vu", "khai_sinh")
		form.Set("q_hai_long", "2")
		form.Set("q_gap_kho", "yes")
		status, body, _ = c.post(path, form)
		if status != 200 || hidden(t, body, "page") != "kho_khan" {
			t.Fatalf("after page 1: %d page %q", status, hidden(t, body, "page"))
		}
		// A file that is not a PDF, JPEG or PNG is refused with a clear message.
		form = carry(t, body)
		form.Set("q_loai_kho_khan", "khac")
		form.Set("q_kho_khan_khac", `<script>alert("x")</script>`)
		status, body = postMultipart(t, c, path, form, "q_anh_loi", "virus.png", []byte("MZ\x90\x00this is an exe"))
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Chỉ nhận tệp PDF, JPEG hoặc PNG") {
			t.Fatalf("wrong type: %d %.3000s", status, body)
		}
		if strings.Contains(body, `<script>alert`) || !strings.Contains(body, "&lt;script&gt;") {
			t.Error("citizen's text not escaped when shown back")
		}
		// Too large: the size and the limit in the message.
		big := append(append([]byte{}, pngFile...), make([]byte, 5<<20)...)
		status, body = postMultipart(t, c, path, carry(t, body), "q_anh_loi", "anh.png", big)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "vượt giới hạn 5,0 MB") {
			t.Fatalf("too large: %d %.3000s", status, body)
		}
		form = carry(t, body)
		form.Set("q_loai_kho_khan", "khac")
		form.Set("q_kho_khan_khac", `<script>alert("x")</script>`)
		status, body = postMultipart(t, c, path, form, "q_anh_loi", "anh.png", pngFile)
		if status != 200 || hidden(t, body, "page") != "thong_tin" {
			t.Fatalf("after page 2: %d %.2000s", status, body)
		}
		// Back to page 2: the upload is remembered.
		back := carry(t, body)
		back.Set("action", "back")
		if status, b, _ := c.post(path, back); status != 200 || hidden(t, b, "page") != "kho_khan" || !strings.Contains(b, "Đã tải lên: anh.png") {
			t.Fatalf("back: %d %.2000s", status, b)
		}
		// The last page: a province and the response is stored.
		final := carry(t, body)
		final.Set("q_dia_ban", "79")
		status, _, hdr = c.post(path, final)
		if status != http.StatusSeeOther || hdr.Get("Location") != path+"/cam-on" {
			t.Fatalf("submit: %d %s", status, hdr.Get("Location"))
		}
		if n := countResponses(t, a); n != before+1 {
			t.Fatalf("%d responses, want %d", n, before+1)
		}
		// The same last page again (a double tap): thanks, nothing new.
		if status, _, _ := c.post(path, final); status != http.StatusSeeOther || countResponses(t, a) != before+1 {
			t.Errorf("repeat: %d, %d responses", status, countResponses(t, a))
		}
		if status, body, _ := c.get(path + "/cam-on"); status != 200 || !strings.Contains(body, "Cảm ơn bạn đã dành thời gian góp ý") {
			t.Errorf("thanks: %d", status)
		}

		// The back office shows the text escaped and the file for download.
		pw := createStaff(t, a, "khaosat.bt", staff.RoleEditor, "UBND-01")
		staffC := newStaffClient(t, ts.URL)
		staffC.login("khaosat.bt", pw)
		id := demoSurveyID(t, a)
		status, body, _ = staffC.get("/quan-tri/khao-sat/" + id + "/ket-qua")
		if status != 200 || strings.Contains(body, `<script>alert`) || !strings.Contains(body, "&lt;script&gt;") || !strings.Contains(body, ">anh.png</a>") {
			t.Fatalf("results: %d", status)
		}
		if !strings.Contains(body, `<svg class="chart"`) || !strings.Contains(body, "Rất hài lòng") {
			t.Error("results lack the chart or the rating labels")
		}
		status, csv, hdr := staffC.get("/quan-tri/khao-sat/" + id + "/ket-qua.csv")
		if status != 200 || !strings.HasPrefix(csv, "\uFEFF") || !strings.Contains(hdr.Get("Content-Disposition"), "attachment") {
			t.Errorf("csv: %d %q", status, hdr.Get("Content-Disposition"))
		}
		if !strings.Contains(csv, "anh.png") || !strings.Contains(csv, "Thành phố Hồ Chí Minh") && !strings.Contains(csv, "79") {
			t.Errorf("csv lacks the response: %.500s", csv)
		}
		status, xlsx, hdr := staffC.get("/quan-tri/khao-sat/" + id + "/ket-qua.xlsx")
		if status != 200 || !strings.HasPrefix(xlsx, "PK") || !strings.Contains(hdr.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("xlsx: %d %s", status, hdr.Get("Content-Type"))
		}
	})
}

func TestSurveyHoneypotEmbedAndKey(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	c := newStaffClient(t, ts.URL)
	path := "/khao-sat/" + surveys.DemoSlug
	before := countResponses(t, a)
	_, body, _ := c.get(path)
	form := carry(t, body)
	for k, v := range map[string]string{"q_dich_vu": "khai_sinh", "q_hai_long": "5", "q_gap_kho": "no"} {
		form.Set(k, v)
	}
	// A robot filling the hidden field is thanked and nothing is stored.
	robot := url.Values{}
	for k, v := range form {
		robot[k] = v
	}
	robot.Set("website", "http://spam.example")
	if status, _, hdr := c.post(path, robot); status != http.StatusSeeOther || !strings.HasSuffix(hdr.Get("Location"), "/cam-on") || countResponses(t, a) != before {
		t.Fatalf("honeypot: %d, %d responses", status, countResponses(t, a))
	}

	// The iframe page may be framed by anyone, posts to itself, and an
	// Idempotency-Key header makes a retry return the first answer.
	status, body, hdr := c.get(path + "/nhung")
	if status != 200 || !strings.Contains(hdr.Get("Content-Security-Policy"), "frame-ancestors *") || hdr.Get("X-Frame-Options") != "" ||
		!strings.Contains(body, `action="`+path+`/nhung"`) || strings.Contains(body, `class="searchbar"`) {
		t.Fatalf("embed: %d %q %.500s", status, hdr.Get("Content-Security-Policy"), body)
	}
	form = carry(t, body)
	form.Set("q_dich_vu", "dat_dai")
	form.Set("q_hai_long", "4")
	form.Set("q_gap_kho", "no")
	status, body, _ = c.post(path+"/nhung", form)
	if status != 200 || hidden(t, body, "page") != "thong_tin" {
		t.Fatalf("embed page 1: %d", status)
	}
	last := carry(t, body)
	for i := 0; i < 2; i++ {
		status, _, hdr = c.do("POST", path+"/nhung", last, map[string]string{"Idempotency-Key": "retry-key-0001"})
		if status != http.StatusSeeOther || hdr.Get("Location") != path+"/nhung/cam-on" {
			t.Fatalf("embed submit %d: %d %s", i, status, hdr.Get("Location"))
		}
	}
	if n := countResponses(t, a); n != before+1 {
		t.Errorf("%d responses after a retried submit, want %d", n, before+1)
	}
	if status, _, hdr := c.get(path + "/qr.svg"); status != 200 || hdr.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("qr: %d", status)
	}
}

// TestSurveyBuilder saves definitions through the back office: problems
// are shown with their place, a loop is refused naming the pages, and a
// published version is what citizens get.
func TestSurveyBuilder(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	pw := createStaff(t, a, "khaosat.hn", staff.RoleAgencyAdmin, "UBND-01")
	c := newStaffClient(t, ts.URL)
	c.login("khaosat.hn", pw)
	status, _, hdr := c.post("/quan-tri/khao-sat", url.Values{"title": {"Khảo sát một cửa"}, "slug": {"mot-cua"}, "agency": {"UBND-01"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	edit := strings.SplitN(hdr.Get("Location"), "?", 2)[0]
	if status, _, _ := c.post("/quan-tri/khao-sat", url.Values{"title": {"Khác"}, "slug": {"mot-cua"}, "agency": {"UBND-01"}}); status != http.StatusConflict {
		t.Errorf("duplicate slug: %d", status)
	}
	if status, _, _ := c.post("/quan-tri/khao-sat", url.Values{"title": {"Khác"}, "slug": {"khac-tinh"}, "agency": {"UBND-79"}}); status != http.StatusForbidden {
		t.Errorf("survey for an agency outside the scope: %d", status)
	}
	loop := `{"pages":[{"id":"a","title":"Mở đầu","questions":[{"id":"x","type":"yes_no","label":"X?"}]},
		{"id":"b","questions":[{"id":"y","type":"yes_no","label":"Y?"}],"routes":[{"if":[{"question":"y","op":"equals","value":"yes"}],"goto":"a"}]}]}`
	status, body, _ := c.post(edit, url.Values{"definition": {loop}})
	if status != http.StatusBadRequest || !strings.Contains(body, "vòng lặp") || !strings.Contains(body, "trang 1 (a) «Mở đầu» → trang 2 (b) → trang 1 (a) «Mở đầu»") {
		t.Fatalf("loop: %d %.3000s", status, body)
	}
	if !strings.Contains(body, "goto&#34;:&#34;a&#34;") && !strings.Contains(body, `"goto":"a"`) && !strings.Contains(body, "&#34;goto&#34;") {
		t.Error("the refused definition is not kept in the text box")
	}
	status, body, _ = c.post(edit, url.Values{"definition": {`{"pages":[{"id":"a","questions":[{"id":"x","type":"slider","label":"X"}]}]}`}})
	if status != http.StatusBadRequest || !strings.Contains(body, "pages[0].questions[0].type") {
		t.Fatalf("unknown type: %d", status)
	}
	good := `{"pages":[{"id":"a","questions":[{"id":"cccd","type":"cccd","label":"Số CCCD của bạn","required":true}]}]}`
	if status, _, _ := c.post(edit, url.Values{"definition": {good}, "note": {"Hỏi CCCD"}}); status != http.StatusSeeOther {
		t.Fatalf("save: %d", status)
	}
	// Not published yet: citizens are told it is not open.
	if _, body, _ := c.get("/khao-sat/mot-cua"); !strings.Contains(body, "không nhận câu trả lời") {
		t.Error("unpublished survey answers")
	}
	sv, err := a.Surveys.BySlug(context.Background(), "mot-cua")
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := a.Surveys.Versions(context.Background(), sv.ID)
	if status, _, _ := c.post(edit+"/xuat-ban", url.Values{"version": {strconv.FormatInt(vs[0].ID, 10)}}); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	if _, body, _ := c.get("/khao-sat/mot-cua"); !strings.Contains(body, "Số CCCD của bạn") || !strings.Contains(body, `inputmode="numeric"`) {
		t.Error("published version not served")
	}
	if status, _, _ := c.get("/khao-sat/mot-cua/ket-qua"); status != http.StatusNotFound {
		t.Errorf("private results: %d", status)
	}
	if status, _, _ := c.post(edit+"/cong-khai", url.Values{"public": {"1"}}); status != http.StatusSeeOther {
		t.Fatal("publish results")
	}
	if status, body, _ := c.get("/khao-sat/mot-cua/ket-qua"); status != 200 || !strings.Contains(body, "Số CCCD của bạn") {
		t.Errorf("public results: %d", status)
	}
	if status, _, _ := c.post(edit+"/trang-thai", url.Values{"state": {"closed"}}); status != http.StatusSeeOther {
		t.Fatal("close")
	}
	if _, body, _ := c.get("/khao-sat/mot-cua"); !strings.Contains(body, "không nhận câu trả lời") {
		t.Error("closed survey answers")
	}
	if status, body, _ := c.get(edit + "/xem-truoc"); status != 200 || !strings.Contains(body, "Bản xem trước") {
		t.Errorf("preview: %d", status)
	}
	// Each change is in the audit log under the editor's name, newest
	// first; the refused ones are not.
	entries, err := audit.NewStore(a.DB).List(context.Background(), audit.Filter{ObjectType: surveys.AuditObject, ObjectID: strconv.FormatInt(sv.ID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Actor.Name != "khaosat.hn" || e.Agency != "UBND-01" {
			t.Errorf("%s by %+v for %q", e.Action, e.Actor, e.Agency)
		}
		got = append(got, e.Action)
	}
	want := []string{surveys.ActionClose, surveys.ActionResultsPublic, surveys.ActionPublish, surveys.ActionVersion, surveys.ActionCreate}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("audit actions = %v, want %v", got, want)
	}
}

// TestSurveyAdminAccess checks the builder's permission and scope: the
// owner agency's editor may open it, another province's may not, nor may
// an analyst.
func TestSurveyAdminAccess(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	id := demoSurveyID(t, a)
	for _, tt := range []struct {
		name   string
		role   staff.Role
		agency string
		want   int
	}{
		{"owner.editor", staff.RoleEditor, "UBND-01", http.StatusOK},
		{"other.editor", staff.RoleEditor, "UBND-79", http.StatusForbidden},
		{"owner.analyst", staff.RoleAnalyst, "UBND-01", http.StatusForbidden},
		{"national.admin", staff.RoleAdmin, staff.National, http.StatusOK},
	} {
		pw := createStaff(t, a, tt.name, tt.role, tt.agency)
		c := newStaffClient(t, ts.URL)
		c.login(tt.name, pw)
		for _, p := range []string{"/khao-sat/" + id, "/khao-sat/" + id + "/ket-qua", "/khao-sat/" + id + "/ket-qua.csv"} {
			if status, _, _ := c.get("/quan-tri" + p); status != tt.want {
				t.Errorf("%s GET /quan-tri%s: %d, want %d", tt.name, p, status, tt.want)
			}
		}
		if status, body, _ := c.get("/quan-tri/khao-sat"); tt.role != staff.RoleAnalyst && (status != 200 || strings.Contains(body, "/quan-tri/khao-sat/"+id+`"`) != (tt.want == 200)) {
			t.Errorf("%s list: %d, shows the demo survey: %v", tt.name, status, strings.Contains(body, "/quan-tri/khao-sat/"+id+`"`))
		}
	}
}
