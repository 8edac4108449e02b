package web_test

import (
	"context"
	"net/http"
	"net/url"
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

// builderDraft returns the survey's newest version, as stored.
func builderDraft(t *testing.T, a *app.App, slug string) (*surveys.Survey, *surveys.Version) {
	t.Helper()
	ctx := context.Background()
	sv, err := a.Surveys.BySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	v, err := a.Surveys.Latest(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return sv, v
}

// questionIDs lists the draft's question ids page by page: "a b|c".
func questionIDs(d *surveys.Definition) string {
	var pages []string
	for _, p := range d.Pages {
		var qs []string
		for _, q := range p.Questions {
			qs = append(qs, q.ID)
		}
		pages = append(pages, strings.Join(qs, " "))
	}
	return strings.Join(pages, "|")
}

// TestSurveyFormBuilder builds a two-page survey with a choice, a rating,
// a route and a show-if condition through the builder's forms only,
// publishes it and answers it on the public page.
func TestSurveyFormBuilder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		pw := createStaff(t, a, "soan.hn", staff.RoleEditor, "UBND-01")
		c := newStaffClient(t, ts.URL)
		c.login("soan.hn", pw)
		const slug = "hai-long-xa-hoa-binh"
		if status, _, _ := c.post("/quan-tri/khao-sat", url.Values{"title": {"Hài lòng tại xã"}, "slug": {slug}, "agency": {"UBND-01"}}); status != http.StatusSeeOther {
			t.Fatalf("create: %d", status)
		}
		sv, _ := builderDraft(t, a, slug)
		b := "/quan-tri/khao-sat/" + strconv.FormatInt(sv.ID, 10) + "/soan"
		// post sends a builder form with the ETag of the page it was on.
		post := func(path, page string, form url.Values) (int, string, http.Header) {
			t.Helper()
			form.Set("etag", hidden(t, page, "etag"))
			return c.post(path, form)
		}
		saved := func(status int, body string, hdr http.Header, anchor string) {
			t.Helper()
			if status != http.StatusSeeOther || !strings.HasSuffix(hdr.Get("Location"), "?ok=builder_saved#"+anchor) {
				t.Fatalf("status %d → %q, want a redirect to #%s; %.3000s", status, hdr.Get("Location"), anchor, body)
			}
		}
		status, page, _ := c.get(b)
		if status != 200 || !strings.Contains(page, "Câu 1: Bạn hài lòng thế nào với dịch vụ?") || !strings.Contains(page, `<option value="single">Chọn một</option>`) {
			t.Fatalf("builder: %d %.2000s", status, page)
		}
		for _, typ := range []string{"short_text", "long_text", "multiple", "rating", "scale", "yes_no", "date", "number", "email", "phone", "cccd", "place", "file"} {
			if !strings.Contains(page, `<option value="`+typ+`">`) {
				t.Errorf("the type select lacks %s", typ)
			}
		}

		// A single-choice question on page 1: the form shows the options box.
		status, form, _ := c.get(b + "/them?trang=p1&loai=single")
		if status != 200 || !strings.Contains(form, `name="options"`) || strings.Contains(form, `name="min_length"`) {
			t.Fatalf("new single form: %d %.2000s", status, form)
		}
		status, body, hdr := post(b+"/them", form, url.Values{"trang": {"p1"}, "loai": {"single"}, "label": {"Bạn đến làm thủ tục gì?"},
			"options": {"Khai sinh\nĐất đai\nThủ tục khác"}, "required": {"1"}})
		saved(status, body, hdr, "q-cau_2")

		// A choice with one option is refused next to the field; nothing is saved.
		_, before := builderDraft(t, a, slug)
		_, form, _ = c.get(b + "/cau-hoi/cau_2")
		status, body, _ = post(b+"/cau-hoi/cau_2", form, url.Values{"label": {"Bạn đến làm thủ tục gì?"}, "options": {"Chỉ một"}})
		if status != http.StatusBadRequest || !strings.Contains(body, `id="f-options-error"`) || !strings.Contains(body, "ít nhất hai phương án") ||
			!strings.Contains(body, `href="#f-options"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("one option: %d %.3000s", status, body)
		}
		if _, now := builderDraft(t, a, slug); now.Source != before.Source {
			t.Fatal("a refused edit changed the draft")
		}

		// Page 2, with a question shown only when «Thủ tục khác» was chosen.
		_, page, _ = c.get(b)
		status, form, _ = c.get(b + "/them?sau=p1&loai=short_text&tieu_de=Chi+ti%E1%BA%BFt")
		if status != 200 || !strings.Contains(form, `name="max_length"`) || strings.Contains(form, `name="options"`) ||
			!strings.Contains(form, `value="cau_2|equals|thu_tuc_khac"`) || !strings.Contains(form, `value="Chi tiết"`) {
			t.Fatalf("new page form: %d %.3000s", status, form)
		}
		status, body, hdr = post(b+"/them", form, url.Values{"sau": {"p1"}, "loai": {"short_text"}, "page_title": {"Chi tiết"},
			"label": {"Đó là thủ tục nào?"}, "max_length": {"200"}, "add_cond": {"cau_2|equals|thu_tuc_khac"}})
		saved(status, body, hdr, "q-cau_3")
		_, page, _ = c.get(b)
		status, body, hdr = post(b+"/them", page, url.Values{"trang": {"trang_2"}, "loai": {"long_text"}, "label": {"Góp ý thêm"}})
		saved(status, body, hdr, "q-cau_4")

		// The choice first, then the rating; page 1 renamed.
		_, page, _ = c.get(b)
		status, body, hdr = post(b+"/cau-hoi/cau_2/di-chuyen", page, url.Values{"huong": {"len"}})
		saved(status, body, hdr, "q-cau_2")
		_, page, _ = c.get(b)
		status, body, hdr = post(b+"/trang/p1", page, url.Values{"title": {"Đánh giá chung"}})
		saved(status, body, hdr, "trang-p1")

		// The show-if editor offers only earlier questions: the rating
		// (now second) may depend on the choice, not on a later question.
		status, form, _ = c.get(b + "/cau-hoi/hai_long")
		if status != 200 || !strings.Contains(form, `value="cau_2|equals|khai_sinh"`) || strings.Contains(form, `value="cau_3|`) ||
			strings.Contains(form, `name="options"`) {
			t.Fatalf("rating form: %d %.3000s", status, form)
		}
		status, body, _ = post(b+"/cau-hoi/hai_long", form, url.Values{"label": {"Bạn hài lòng thế nào với dịch vụ?"}, "add_cond": {"cau_4|answered|"}})
		if status != http.StatusBadRequest || !strings.Contains(body, `id="f-show_if-error"`) {
			t.Fatalf("condition on a later question: %d %.3000s", status, body)
		}

		// Routing: satisfied respondents (4 or 5) end after page 1.
		_, page, _ = c.get(b)
		if !strings.Contains(page, `value="hai_long|at_least|4"`) || !strings.Contains(page, `<option value="trang_2">`) {
			t.Fatalf("route form: %.3000s", page)
		}
		status, body, hdr = post(b+"/trang/p1/chuyen-trang", page, url.Values{"cond": {"hai_long|at_least|4"}, "goto": {surveys.End}})
		saved(status, body, hdr, "trang-p1")
		// A route back to an earlier page is refused.
		_, page, _ = c.get(b)
		status, body, _ = post(b+"/trang/trang_2/chuyen-trang", page, url.Values{"goto": {"p1"}})
		if status != http.StatusBadRequest || !strings.Contains(body, "trang đứng sau") {
			t.Fatalf("route back: %d %.2000s", status, body)
		}

		// A question added then deleted after confirming.
		status, body, hdr = post(b+"/them", page, url.Values{"trang": {"trang_2"}, "loai": {"date"}, "label": {"Ngày đến"}})
		saved(status, body, hdr, "q-cau_5")
		status, confirm, _ := c.get(b + "/cau-hoi/cau_5/xoa")
		if status != 200 || !strings.Contains(confirm, "Câu 5: Ngày đến") {
			t.Fatalf("confirm: %d %.2000s", status, confirm)
		}
		// Deleting the choice would break cau_3's condition: the
		// confirmation says so, and the deletion is refused.
		_, confirm2, _ := c.get(b + "/cau-hoi/cau_2/xoa")
		if !strings.Contains(confirm2, "Điều kiện hiển thị của Câu 3: Đó là thủ tục nào?") {
			t.Errorf("confirmation does not name the dependent question: %.2000s", confirm2)
		}
		status, body, hdr = post(b+"/cau-hoi/cau_5/xoa", confirm, url.Values{})
		saved(status, body, hdr, "trang-trang_2")
		_, page, _ = c.get(b)
		status, body, _ = post(b+"/cau-hoi/cau_2/xoa", page, url.Values{})
		if status != http.StatusBadRequest || !strings.Contains(body, `href="#q-cau_3"`) {
			t.Fatalf("delete a question others depend on: %d %.3000s", status, body)
		}

		// The builder shows what was built.
		_, page, _ = c.get(b)
		for _, want := range []string{"Trang 1: Đánh giá chung", "Trang 2: Chi tiết", "Câu 1: Bạn đến làm thủ tục gì?", "Đánh giá 5 mức",
			"Chỉ hiện khi câu 1 «Bạn đến làm thủ tục gì?» là «Thủ tục khác».",
			"Nếu câu 2 «Bạn hài lòng thế nào với dịch vụ?» từ 4 trở lên thì chuyển tới kết thúc khảo sát (gửi)."} {
			if !strings.Contains(page, want) {
				t.Errorf("builder lacks %q", want)
			}
		}
		sv, v := builderDraft(t, a, slug)
		if got := questionIDs(v.Definition); got != "cau_2 hai_long|cau_3 cau_4" || v.Number != 1 {
			t.Fatalf("draft v%d: %s", v.Number, got)
		}

		// Publish, then answer as citizens.
		if status, _, _ := c.post("/quan-tri/khao-sat/"+strconv.FormatInt(sv.ID, 10)+"/xuat-ban", url.Values{"version": {strconv.FormatInt(v.ID, 10)}}); status != http.StatusSeeOther {
			t.Fatalf("publish: %d", status)
		}
		before2 := countResponses(t, a)
		citizen := newStaffClient(t, ts.URL)
		path := "/khao-sat/" + slug
		_, body, _ = citizen.get(path)
		f := carry(t, body)
		f.Set("q_cau_2", "thu_tuc_khac")
		f.Set("q_hai_long", "2")
		status, body, _ = citizen.post(path, f)
		if status != 200 || hidden(t, body, "page") != "trang_2" || !strings.Contains(body, "Đó là thủ tục nào?") {
			t.Fatalf("page 2: %d %.2000s", status, body)
		}
		f = carry(t, body)
		f.Set("q_cau_3", "Cấp đổi giấy phép lái xe")
		if status, _, hdr := citizen.post(path, f); status != http.StatusSeeOther || hdr.Get("Location") != path+"/cam-on" {
			t.Fatalf("submit: %d", status)
		}
		// Satisfied: the route ends the survey after page 1.
		other := newStaffClient(t, ts.URL)
		_, body, _ = other.get(path)
		f = carry(t, body)
		f.Set("q_cau_2", "khai_sinh")
		f.Set("q_hai_long", "5")
		if status, _, hdr := other.post(path, f); status != http.StatusSeeOther || hdr.Get("Location") != path+"/cam-on" {
			t.Fatalf("routed submit: %d", status)
		}
		if n := countResponses(t, a); n != before2+2 {
			t.Fatalf("%d responses, want %d", n, before2+2)
		}

		// The live version is immutable: the next edit starts version 2.
		_, page, _ = c.get(b)
		status, body, hdr = post(b+"/trang/trang_2", page, url.Values{"title": {"Chi tiết thêm"}})
		saved(status, body, hdr, "trang-trang_2")
		sv, v2 := builderDraft(t, a, slug)
		if v2.Number != 2 || sv.LiveVersionID != v.ID {
			t.Fatalf("after publishing: draft v%d, live %d (want v2, %d)", v2.Number, sv.LiveVersionID, v.ID)
		}

		// Every builder change is audited under the editor's name.
		entries, err := audit.NewStore(a.DB).List(context.Background(), audit.Filter{ObjectType: surveys.AuditObject, ObjectID: strconv.FormatInt(sv.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		edits := 0
		for _, e := range entries {
			if e.Action == surveys.ActionDraftEdit {
				edits++
				if e.Actor.Name != "soan.hn" || e.Note == "" {
					t.Errorf("draft edit entry %+v", e)
				}
			}
		}
		// Four added, moved, renamed, a route, one deleted: 8 in place;
		// the refused ones are not there.
		if edits != 8 {
			t.Errorf("%d draft edits audited, want 8", edits)
		}
	})
}

// TestSurveyBuilderStale: a change sent from a page older than the draft
// is refused with a clear message, and does not undo the other change.
func TestSurveyBuilderStale(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	pw := createStaff(t, a, "soan.mot", staff.RoleEditor, "UBND-01")
	c := newStaffClient(t, ts.URL)
	c.login("soan.mot", pw)
	b := "/quan-tri/khao-sat/" + demoSurveyID(t, a) + "/soan"
	_, old, _ := c.get(b)
	etag := hidden(t, old, "etag")
	_, jsonPage, _ := c.get(strings.TrimSuffix(b, "/soan"))
	if hidden(t, jsonPage, "etag") != etag {
		t.Fatal("the JSON editor and the builder disagree on the draft's ETag")
	}
	// Someone else renames page 1 first.
	if status, _, _ := c.post(b+"/trang/chung", url.Values{"etag": {etag}, "title": {"Chung"}}); status != http.StatusSeeOther {
		t.Fatalf("first rename: %d", status)
	}
	_, v := builderDraft(t, a, surveys.DemoSlug)
	for _, tc := range []struct {
		path string
		form url.Values
	}{
		{b + "/trang/chung", url.Values{"title": {"Trải nghiệm"}}},
		{b + "/cau-hoi/hai_long/di-chuyen", url.Values{"huong": {"len"}}},
		{b + "/cau-hoi/gop_y/xoa", url.Values{}},
	} {
		tc.form.Set("etag", etag)
		status, body, _ := c.post(tc.path, tc.form)
		if status != http.StatusConflict || !strings.Contains(body, "vừa được thay đổi") || !strings.Contains(body, "Trang 1: Chung") {
			t.Errorf("%s from an old page: %d %.1500s", tc.path, status, body)
		}
	}
	// The JSON editor, opened before the change, does not undo it either.
	status, body, _ := c.post(strings.TrimSuffix(b, "/soan"), url.Values{"etag": {etag}, "definition": {v.Source}, "note": {"cũ"}})
	if status != http.StatusConflict || !strings.Contains(body, "vừa được thay đổi") {
		t.Errorf("stale JSON save: %d %.1500s", status, body)
	}
	if _, now := builderDraft(t, a, surveys.DemoSlug); now.ID != v.ID {
		t.Error("a stale JSON save stored a version")
	}
	// The question form keeps what was typed and says why.
	_, form, _ := c.get(b + "/cau-hoi/gop_y")
	if status, _, _ := c.post(b+"/trang/chung", url.Values{"etag": {hidden(t, form, "etag")}, "title": {"Chung 2"}}); status != http.StatusSeeOther {
		t.Fatal("second rename")
	}
	_, v = builderDraft(t, a, surveys.DemoSlug)
	status, body, _ = c.post(b+"/cau-hoi/gop_y", url.Values{"etag": {hidden(t, form, "etag")}, "label": {"Góp ý của bạn (mới)"}})
	if status != http.StatusConflict || !strings.Contains(body, "Góp ý của bạn (mới)") || hidden(t, body, "etag") != v.ETag() {
		t.Fatalf("stale question form: %d %.2000s", status, body)
	}
	if _, now := builderDraft(t, a, surveys.DemoSlug); now.Source != v.Source || now.Definition.Pages[0].Title != "Chung 2" {
		t.Fatal("a stale edit was saved")
	}
	// Sent again knowingly, with the new ETag, it applies.
	if status, _, _ := c.post(b+"/cau-hoi/gop_y", url.Values{"etag": {v.ETag()}, "label": {"Góp ý của bạn (mới)"}}); status != http.StatusSeeOther {
		t.Fatalf("resend: %d", status)
	}
}

// TestSurveyBuilderScope: an editor of another agency is refused every
// builder page and change, even with a valid ETag, and changes nothing.
func TestSurveyBuilderScope(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	srv, err := a.Web(context.Background(), app.WebOptions{})
	if err != nil {
		t.Fatal(err)
	}
	id := demoSurveyID(t, a)
	_, v := builderDraft(t, a, surveys.DemoSlug)
	outsider, owner := newStaffClient(t, ts.URL), newStaffClient(t, ts.URL)
	outsider.login("soan.ngoai", createStaff(t, a, "soan.ngoai", staff.RoleEditor, "UBND-79"))
	owner.login("soan.chu", createStaff(t, a, "soan.chu", staff.RoleEditor, "UBND-01"))
	path := strings.NewReplacer("{survey_id}", id, "{question_id}", "gop_y", "{page_id}", "thong_tin")
	checked := 0
	for _, rt := range srv.Routes() {
		if !strings.HasPrefix(rt.Pattern, "/quan-tri/khao-sat/{survey_id}/soan") {
			continue
		}
		p := path.Replace(rt.Pattern)
		if rt.Method == "GET" {
			p += "?trang=thong_tin&loai=yes_no"
		}
		form := url.Values{"etag": {v.ETag()}, "title": {"Của tôi"}, "huong": {"len"}, "route": {"0"}, "goto": {"end"},
			"trang": {"thong_tin"}, "loai": {"yes_no"}, "label": {"Chen vào?"}}
		if status, _, _ := outsider.do(rt.Method, p, form, nil); status != http.StatusForbidden {
			t.Errorf("outsider %s %s: %d, want 403", rt.Method, p, status)
		}
		checked++
	}
	if checked < 14 {
		t.Fatalf("%d builder routes checked", checked)
	}
	if _, now := builderDraft(t, a, surveys.DemoSlug); now.ID != v.ID || now.Source != v.Source {
		t.Fatal("an outsider changed the survey")
	}
	if status, _, _ := owner.get("/quan-tri/khao-sat/" + id + "/soan"); status != 200 {
		t.Errorf("owner: %d", status)
	}
}
