package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/loa-vn/loa/internal/assistant"
)

const evalTSV = "question\texpected\tstyle\n" +
	"Đăng ký kết hôn cần giấy tờ gì?\tdang-ky-ket-hon\taccented\n" +
	"doi gplx het han\tcap-doi-giay-phep-lai-xe\tabbrev\n" +
	"Cách nấu phở bò ngon\tout_of_scope\tout of scope\n"

func writeEvalSet(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "set.tsv")
	if err := os.WriteFile(path, []byte(evalTSV), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lastJSON decodes the last line of out.
func lastJSON(t *testing.T, out string) assistant.EvalReport {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var r assistant.EvalReport
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("last line is not the JSON report: %v\n%s", err, out)
	}
	return r
}

func TestEvalAssistantInProcess(t *testing.T) {
	code, out, errs := loa(t, nil, "eval", "assistant", "--questions", writeEvalSet(t), "--explain")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	r := lastJSON(t, out)
	if r.Questions != 3 || r.InScope != 2 || r.Correct != 2 || r.Handled != 1 || !r.Pass {
		t.Errorf("report %+v\n%s", r, out)
	}
	if r.ByStyle["abbrev"] == nil || r.ByStyle["abbrev"].Correct != 1 {
		t.Errorf("by style %+v", r.ByStyle)
	}
	for _, want := range []string{"Kết quả: ĐẠT", "Phân bố", "min_similarity="} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestEvalAssistantOverHTTP(t *testing.T) {
	var calls, limited atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/assistant/ask" {
			http.NotFound(w, r)
			return
		}
		if calls.Add(1) == 2 && limited.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		var req assistant.Request
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Channel != "web" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		a := assistant.Answer{ConversationID: "c", Status: assistant.StatusOutOfScope, Sources: []assistant.Source{}, Options: []assistant.Option{}}
		if strings.Contains(req.Question, "kết hôn") {
			a.Status = assistant.StatusAnswered
			a.Sources = []assistant.Source{{Slug: "dang-ky-ket-hon"}}
		}
		if strings.Contains(req.Question, "gplx") {
			a.Status = assistant.StatusClarify
			a.Options = []assistant.Option{{Slug: "cap-lai-giay-phep-lai-xe"}, {Slug: "cap-doi-giay-phep-lai-xe"}}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(a)
	}))
	defer srv.Close()
	code, out, errs := loa(t, nil, "eval", "assistant", "--questions", writeEvalSet(t), "--addr", srv.URL)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	r := lastJSON(t, out)
	if r.Correct != 1 || r.Recovered != 1 || r.Handled != 1 || r.CorrectRate != 0.5 || r.CorrectOrRecovered != 1 || r.Pass {
		t.Errorf("report %+v", r)
	}
	if limited.Load() != 1 || calls.Load() != 4 {
		t.Errorf("calls %d, rate-limited %d: the 429 was not retried", calls.Load(), limited.Load())
	}
	if !strings.Contains(out, "recovered") || !strings.Contains(out, "doi gplx het han") {
		t.Errorf("the recovered question is not listed:\n%s", out)
	}
}

// TestEvalConversationsInProcess runs a conversation set on the demo
// catalogue: the follow-ups name no service and are right only when the
// service stays in context; the clarified question counts as recovered,
// and the follow-up after the evaluator taps the expected option is
// answered about it.
func TestEvalConversationsInProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conv.tsv")
	body := "1\tlàm hộ chiếu\tcap-ho-chieu-pho-thong\n" +
		"1\tcần giấy tờ gì?\tcap-ho-chieu-pho-thong\n" +
		"1\tlệ phí bao nhiêu\tcap-ho-chieu-pho-thong\n" +
		"2\ttôi mới nghỉ việc, đóng bảo hiểm xã hội được 6 năm, giờ lãnh được tiền gì\thuong-bhxh-mot-lan\n" +
		"2\tmất bao lâu?\thuong-bhxh-mot-lan\n" +
		"2\tcảm ơn nhé\tout_of_scope\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := loa(t, nil, "eval", "assistant", "--conversations", path, "-v")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	r := lastJSON(t, out)
	if r.Questions != 6 || r.InScope != 5 || r.Correct != 4 || r.Recovered != 1 || r.Handled != 1 {
		t.Errorf("report %+v\n%s", r.EvalCounts, out)
	}
	if f := r.ByStyle["follow-up"]; f == nil || f.Questions != 4 || f.Correct != 3 {
		t.Errorf("follow-ups %+v\n%s", f, out)
	}
	if !strings.Contains(out, "(chọn ") {
		t.Errorf("the expected option was not tapped:\n%s", out)
	}
	if code, _, errs := loa(t, nil, "eval", "assistant", "--conversations", path, "--questions", path); code == 0 || !strings.Contains(errs, "Cách dùng") {
		t.Errorf("both files: exit %d %q", code, errs)
	}
}

func TestEvalUsage(t *testing.T) {
	for _, args := range [][]string{
		{"eval"}, {"eval", "nothing"}, {"eval", "assistant"}, {"eval", "retrieval", "--corpus", "x"},
	} {
		if code, _, errs := loa(t, nil, args...); code == 0 || !strings.Contains(errs, "loa eval") && !strings.Contains(errs, "Cách dùng") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if code, _, errs := loa(t, nil, "eval", "assistant", "--questions", "/no/such/file.tsv"); code == 0 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
}

func TestEvalRetrieval(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	corpus := write("corpus.jsonl", `{"_id":"d1","title":"Khai sinh","text":"Đăng ký khai sinh cho trẻ mới sinh tại ủy ban xã"}`+"\n"+
		`{"_id":"d2","title":"Hộ chiếu","text":"Cấp hộ chiếu phổ thông tại công an tỉnh"}`+"\n")
	queries := write("queries.jsonl", `{"_id":"q1","text":"lam ho chieu o dau"}`+"\n")
	qrels := write("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td2\t1\n")
	code, out, errs := loa(t, nil, "eval", "retrieval", "--corpus", corpus, "--queries", queries, "--qrels", qrels)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var m struct {
		Queries int     `json:"queries"`
		MRR     float64 `json:"mrr@10"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &m); err != nil || m.Queries != 1 || m.MRR != 1 {
		t.Errorf("%+v %v\n%s", m, err, out)
	}
}
