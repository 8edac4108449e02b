package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// turnReply is what the tests read of an answer: where to vote.
type turnReply struct {
	ConversationID string `json:"conversation_id"`
	Turn           int    `json:"turn"`
	Status         string `json:"status"`
}

func askTurn(t *testing.T, base, question, conv string) turnReply {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"question": question, "conversation_id": conv})
	status, b, _ := postAsk(t, base, body, nil)
	if status != 200 {
		t.Fatalf("ask %q: %d %s", question, status, b)
	}
	var r turnReply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func postFeedback(t *testing.T, base, body string) (int, string, http.Header) {
	t.Helper()
	return post(t, base+"/api/v1/assistant/feedback", "application/json", strings.NewReader(body), nil)
}

func countFeedback(t *testing.T, d *db.DB, vote string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM assistant_feedback WHERE vote = ?`, vote).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAssistantFeedback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, _ := newSiteApp(t, d)
		r1 := askTurn(t, ts.URL, "đăng ký khai sinh cần giấy tờ gì", "")
		r2 := askTurn(t, ts.URL, "mất bao lâu", r1.ConversationID)
		if r1.Turn != 1 || r2.Turn != 2 || r2.ConversationID != r1.ConversationID {
			t.Fatalf("turns: %+v %+v", r1, r2)
		}
		status, body, hdr := postFeedback(t, ts.URL, `{"conversation_id":"`+r1.ConversationID+`","turn":2,"vote":"down"}`)
		if status != 200 || hdr.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(body, `"vote":"down"`) {
			t.Fatalf("vote: %d %s %v", status, body, hdr)
		}
		if countFeedback(t, d, "down") != 1 {
			t.Error("vote not stored")
		}
		for _, tc := range []struct{ body, code string }{
			{`{"conversation_id":"` + r1.ConversationID + `","turn":3,"vote":"down"}`, "invalid_turn"},
			{`{"conversation_id":"` + r1.ConversationID + `","turn":1,"vote":"meh"}`, "invalid_vote"},
			{`{"conversation_id":"nope","turn":1,"vote":"up"}`, "invalid_conversation_id"},
			{`{"turn":`, "invalid_json"},
		} {
			status, body, hdr := postFeedback(t, ts.URL, tc.body)
			var e struct {
				Error struct{ Code, Message string }
			}
			_ = json.Unmarshal([]byte(body), &e)
			if status != 400 || e.Error.Code != tc.code || e.Error.Message == "" || hdr.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("%s: %d %s", tc.body, status, body)
			}
		}
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/api/v1/assistant/feedback", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Methods") == "" {
			t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
		}

		// Without JavaScript: the answer carries a small form.
		c := newStaffClient(t, ts.URL)
		status, page, _ := c.post("/tro-ly", url.Values{"question": {"làm căn cước cần gì"}})
		if status != 200 || !strings.Contains(page, `action="/tro-ly/danh-gia"`) || !strings.Contains(page, `name="turn" value="1"`) {
			t.Fatalf("page: %d %.2000s", status, page)
		}
		conv := page[strings.Index(page, `name="conversation_id" value="`)+len(`name="conversation_id" value="`):]
		conv = conv[:strings.Index(conv, `"`)]
		status, page, _ = c.post("/tro-ly/danh-gia", url.Values{"conversation_id": {conv}, "turn": {"1"}, "vote": {"up"}})
		if status != 200 || !strings.Contains(page, "Cảm ơn bạn đã đánh giá") || !strings.Contains(page, "làm căn cước cần gì") {
			t.Fatalf("vote form: %d %.2000s", status, page)
		}
		if countFeedback(t, d, "up") != 1 {
			t.Error("form vote not stored")
		}
		if status, page, _ = c.post("/tro-ly/danh-gia", url.Values{"conversation_id": {conv}, "turn": {"9"}, "vote": {"up"}}); status != 400 || !strings.Contains(page, "Không tìm thấy câu trả lời") {
			t.Errorf("vote on a missing turn: %d", status)
		}
	})
}

func TestAssistantInboxFlow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		ctx := context.Background()
		handoff := askTurn(t, ts.URL, "cho tôi gặp cán bộ", "")
		if handoff.Status != "handoff" {
			t.Fatalf("handoff: %+v", handoff)
		}
		down := askTurn(t, ts.URL, "đăng ký khai sinh cho con cần gì", "")
		if status, body, _ := postFeedback(t, ts.URL, `{"conversation_id":"`+down.ConversationID+`","turn":1,"vote":"down"}`); status != 200 {
			t.Fatalf("vote: %d %s", status, body)
		}
		pw := createStaff(t, a, "dieuphoi.tl", staff.RoleAdmin, staff.National)
		c := newStaffClient(t, ts.URL)
		c.login("dieuphoi.tl", pw)

		status, page, _ := c.get("/quan-tri/tro-ly/cau-hoi")
		if status != 200 || !strings.Contains(page, "cho tôi gặp cán bộ") || !strings.Contains(page, "đăng ký khai sinh cho con cần gì") ||
			!strings.Contains(page, "chưa hữu ích: 1") || !strings.Contains(page, "chuyển cán bộ: 1") {
			t.Fatalf("inbox: %d %.3000s", status, page)
		}
		if status, _, _ = c.get("/quan-tri/tro-ly/cau-hoi?tu_ngay=hom-qua"); status != 400 {
			t.Errorf("bad date: %d", status)
		}
		if !strings.Contains(page, `href="/quan-tri/tro-ly/cau-hoi"`) {
			t.Error("no menu link to the inbox")
		}

		// Ignoring: the question leaves the inbox, and stays out when asked again.
		status, _, hdr := c.post("/quan-tri/tro-ly/cau-hoi/bo-qua", url.Values{"q": {"cho tôi gặp cán bộ"}, "back": {"/quan-tri/tro-ly/cau-hoi?ngoai_pham_vi=1"}})
		if status != http.StatusSeeOther || hdr.Get("Location") != "/quan-tri/tro-ly/cau-hoi?ngoai_pham_vi=1&ok=assistant_ignored" {
			t.Fatalf("ignore: %d %s", status, hdr.Get("Location"))
		}
		askTurn(t, ts.URL, "Cho tôi gặp cán bộ!", "")
		if _, page, _ = c.get("/quan-tri/tro-ly/cau-hoi"); strings.Contains(page, "gặp cán bộ") {
			t.Error("ignored question is back")
		}
		// The return address cannot leave the inbox.
		if _, _, hdr = c.post("/quan-tri/tro-ly/cau-hoi/bo-qua", url.Values{"q": {"x y z"}, "back": {"https://example.com/quan-tri/tro-ly/cau-hoi"}}); hdr.Get("Location") != "/quan-tri/tro-ly/cau-hoi?ok=assistant_ignored" {
			t.Errorf("open redirect: %s", hdr.Get("Location"))
		}

		// Proposing a paraphrase writes a draft, not the site.
		status, page, _ = c.get("/quan-tri/tro-ly/cau-hoi/them?" + url.Values{"q": {"đăng ký khai sinh cho con cần gì"}, "dich_vu": {"dang-ky-khai-sinh"}}.Encode())
		if status != 200 || !strings.Contains(page, `name="kieu" value="cach-hoi"`) || !strings.Contains(page, `name="faq"`) {
			t.Fatalf("propose page: %d %.3000s", status, page)
		}
		all, err := a.Catalog.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var code, faq string
		for _, s := range all {
			if s.Slug == "dang-ky-khai-sinh" {
				code, faq = s.Code, s.FAQs[0].Question
			}
		}
		form := url.Values{"dich_vu": {"dang-ky-khai-sinh"}, "kieu": {"cach-hoi"}, "faq": {faq},
			"question": {"khai sinh cho con cần mang gì đi"}, "q": {"đăng ký khai sinh cho con cần gì"}}
		status, body, hdr := c.post("/quan-tri/tro-ly/cau-hoi/them", form)
		if status != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/quan-tri/huong-dan/"+code+"/quoc-gia?ok=assistant_proposed") {
			t.Fatalf("propose: %d %s %.2000s", status, hdr.Get("Location"), body)
		}
		if _, page, _ = c.get(hdr.Get("Location")); !strings.Contains(page, "khai sinh cho con cần mang gì đi") || !strings.Contains(page, "Đã thêm vào bản nháp") {
			t.Errorf("the editor does not show the paraphrase in the draft")
		}
		if _, page, _ = get(t, ts, "/dich-vu/dang-ky-khai-sinh"); strings.Contains(page, "khai sinh cho con cần mang gì đi") {
			t.Error("the paraphrase reached the site without review")
		}
		if _, page, _ = c.get("/quan-tri/tro-ly/cau-hoi"); strings.Contains(page, "đăng ký khai sinh cho con cần gì") {
			t.Error("proposed question still in the inbox")
		}
		// A new FAQ needs an answer.
		form.Set("kieu", "moi")
		if status, page, _ = c.post("/quan-tri/tro-ly/cau-hoi/them", form); status != 400 || !strings.Contains(page, "cần có câu trả lời") {
			t.Errorf("new FAQ without answer: %d", status)
		}
		// An editor outside the service's scope cannot propose.
		pw2 := createStaff(t, a, "bientap.xa", staff.RoleEditor, "UBND-79")
		c2 := newStaffClient(t, ts.URL)
		c2.login("bientap.xa", pw2)
		form.Set("answer", "Mang giấy chứng sinh.")
		if status, _, _ = c2.post("/quan-tri/tro-ly/cau-hoi/them", form); status != http.StatusForbidden {
			t.Errorf("outsider proposes: %d", status)
		}
	})
}

func TestAssistantStatsPage(t *testing.T) {
	ts, a := newSiteApp(t, dbtest.SQLite(t))
	askTurn(t, ts.URL, "đăng ký khai sinh cần giấy tờ gì", "")
	askTurn(t, ts.URL, "thời tiết hôm nay", "")
	pw := createStaff(t, a, "phantich", staff.RoleAnalyst, staff.National)
	c := newStaffClient(t, ts.URL)
	c.login("phantich", pw)
	status, page, _ := c.get("/quan-tri/tro-ly/thong-ke")
	if status != 200 || !strings.Contains(page, "<th scope=\"row\">web</th><td>2</td>") || !strings.Contains(page, "thong-ke.csv?") {
		t.Fatalf("stats: %d %.3000s", status, page)
	}
	today := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02")
	status, body, hdr := c.get("/quan-tri/tro-ly/thong-ke.csv?tu_ngay=" + today + "&den_ngay=" + today)
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if status != 200 || !strings.HasPrefix(body, "\ufeffday,channel,questions,") || !strings.Contains(hdr.Get("Content-Disposition"), "attachment") ||
		len(lines) != 3 || !strings.HasPrefix(lines[1], today+",web,2,") || !strings.HasPrefix(lines[2], "all,all,2,") {
		t.Fatalf("csv: %d %v %q", status, hdr, body)
	}
	if status, _, _ = c.get("/quan-tri/tro-ly/thong-ke.csv?tu_ngay=2026-01-10&den_ngay=2026-01-01"); status != 400 {
		t.Errorf("reversed range: %d", status)
	}
	// The analyst reads figures but does not edit FAQs.
	if status, _, _ = c.get("/quan-tri/tro-ly/cau-hoi"); status != http.StatusForbidden {
		t.Errorf("analyst opens the inbox: %d", status)
	}
}

// searchSlugs returns the slugs the site's search API finds for q.
func searchSlugs(t *testing.T, base, q string) []string {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/services?q=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var l apiList
	if err := json.NewDecoder(resp.Body).Decode(&l); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Slug)
	}
	return out
}

func TestAbbreviationsReachEveryReplica(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ts, a := newSiteApp(t, d)
		// A second replica on the same database, polling as in production.
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		srv2, err := app.FromDB(d).Web(ctx, app.WebOptions{Refresh: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		ts2 := httptest.NewServer(srv2.Handler())
		t.Cleanup(ts2.Close)

		const term = "zqks"
		if got := searchSlugs(t, ts2.URL, term); len(got) != 0 {
			t.Fatalf("made-up term finds %v", got)
		}
		pw := createStaff(t, a, "bientap.btp", staff.RoleEditor, "BTP")
		c := newStaffClient(t, ts.URL)
		c.login("bientap.btp", pw)
		status, page, _ := c.post("/quan-tri/tro-ly/tu-viet-tat", url.Values{"term": {"cccd"}, "expansion": {"căn cước công dân"}})
		if status != 400 || !strings.Contains(page, "đã có trong bảng mặc định") {
			t.Errorf("curated row: %d", status)
		}
		status, _, hdr := c.post("/quan-tri/tro-ly/tu-viet-tat", url.Values{"term": {term}, "expansion": {"đăng ký khai sinh"}})
		if status != http.StatusSeeOther || hdr.Get("Location") != "/quan-tri/tro-ly/tu-viet-tat?ok=abbreviation_added" {
			t.Fatalf("add: %d %s", status, hdr.Get("Location"))
		}
		// At once on the replica that took the change.
		if got := searchSlugs(t, ts.URL, term); len(got) == 0 || got[0] != "dang-ky-khai-sinh" {
			t.Errorf("search on the same replica: %v", got)
		}
		// Within 5 s on the other.
		waitFor := func(want bool) time.Duration {
			start := time.Now()
			for time.Since(start) < 5*time.Second {
				got := searchSlugs(t, ts2.URL, term)
				if (len(got) > 0 && got[0] == "dang-ky-khai-sinh") == want {
					return time.Since(start)
				}
				time.Sleep(100 * time.Millisecond)
			}
			t.Fatalf("the other replica did not follow within 5 s (want found=%v)", want)
			return 0
		}
		waited := waitFor(true)
		t.Logf("other replica picked the row up in %v", waited.Round(10*time.Millisecond))

		_, page, _ = c.get("/quan-tri/tro-ly/tu-viet-tat")
		i := strings.Index(page, `/quan-tri/tro-ly/tu-viet-tat/`)
		if i < 0 {
			t.Fatalf("no delete form: %.3000s", page)
		}
		idText := page[i+len(`/quan-tri/tro-ly/tu-viet-tat/`):]
		idText = idText[:strings.Index(idText, "/")]
		if _, err := strconv.Atoi(idText); err != nil {
			t.Fatalf("row id %q", idText)
		}
		if status, _, _ = c.post("/quan-tri/tro-ly/tu-viet-tat/"+idText+"/xoa", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("delete: %d", status)
		}
		if got := searchSlugs(t, ts.URL, term); len(got) != 0 {
			t.Errorf("deleted row still used: %v", got)
		}
		waitFor(false)
		if status, _, _ = c.post("/quan-tri/tro-ly/tu-viet-tat/"+idText+"/xoa", url.Values{}); status != http.StatusNotFound {
			t.Errorf("delete twice: %d", status)
		}
		// Both changes are in the audit log.
		_, page, _ = newAdmin(t, ts.URL, a).get("/quan-tri/nhat-ky?loai=assistant_abbreviation")
		if strings.Count(page, "Từ viết tắt, tên thường gọi #") != 2 {
			t.Errorf("audit log: %.3000s", page)
		}
	})
}

// newAdmin signs in a fresh national coordinator.
func newAdmin(t *testing.T, base string, a *app.App) *staffClient {
	t.Helper()
	name := "dieuphoi." + strconv.FormatInt(time.Now().UnixNano(), 36)
	pw := createStaff(t, a, name, staff.RoleAdmin, staff.National)
	c := newStaffClient(t, base)
	c.login(name, pw)
	return c
}
