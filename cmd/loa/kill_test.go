package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/surveys"
)

// loaProcess is `loa serve` running as a real process, so that it can be
// killed.
type loaProcess struct {
	cmd *exec.Cmd
	url string
	// done is closed when the process has ended.
	done chan struct{}
	logs *bytes.Buffer
}

// childEnv marks the test binary started as `loa` by startLoa.
const childEnv = "LOA_TEST_CHILD_ARGS"

// TestLoaChild is not a test: run by startLoa as a separate process, it is
// the loa program, doing what main does with the arguments it was given.
// Re-running the test binary spares a `go build` of the command (half a
// minute on a busy machine) and runs the same code as the binary.
func TestLoaChild(t *testing.T) {
	args := os.Getenv(childEnv)
	if args == "" {
		t.Skip("only runs as the child process of TestNothingAcknowledgedIsLost")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var argv []string
	if err := json.Unmarshal([]byte(args), &argv); err != nil {
		t.Fatal(err)
	}
	os.Exit(run(ctx, argv, os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// startLoa starts `loa serve` on data as a process of its own and waits
// until it listens. Rate limits are off (LOA_RATE_LIMIT_SCALE=off): every
// request comes from one address, like a load test.
func startLoa(t *testing.T, data string) *loaProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoaChild$")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LOA_") {
			env = append(env, kv)
		}
	}
	argv, _ := json.Marshal([]string{"serve", "--addr", "127.0.0.1:0", "--data", data})
	cmd.Env = append(env, "LOA_RATE_LIMIT_SCALE=off", childEnv+"="+string(argv))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &loaProcess{cmd: cmd, done: make(chan struct{}), logs: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: p.logs}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.kill() })
	lines := make(chan string, 1)
	go func() {
		br := bufio.NewReader(stdout)
		line, _ := br.ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, br)
	}()
	select {
	case line := <-lines:
		i := strings.Index(line, "http://")
		if i < 0 {
			t.Fatalf("loa serve did not print its address: %q\n%s", line, p.logs)
		}
		p.url = strings.TrimSuffix(strings.Fields(line[i:])[0], "/")
	case <-time.After(60 * time.Second):
		t.Fatalf("loa serve did not start in 60 s\n%s", p.logs)
	}
	return p
}

// kill sends SIGKILL: no shutdown, no flush, as when the machine's power
// supply of a process ends.
func (p *loaProcess) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
	}
}

// stop shuts the server down gracefully.
func (p *loaProcess) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatal("loa serve did not stop after SIGTERM")
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// kind is what a submission is.
type kind int

const (
	kindRating kind = iota
	kindReport
	kindSurvey
)

func (k kind) String() string { return [...]string{"rating", "report", "survey response"}[k] }

// submission is one write the test sends, with its idempotency key (for a
// survey response, the form's token).
type submission struct {
	kind kind
	key  string
	body []byte
	// level is what a rating says, for the totals.
	level int
	// files is how many attachments a report carries.
	files int
}

// answer is what the client got for a submission.
type answer struct {
	status int
	body   string
	// id is a rating's receipt id, code a report's tracking code.
	id   int64
	code string
	// replayed is true when the server answered from the stored key.
	replayed bool
}

// acked reports whether the server acknowledged the submission: 201 from
// the APIs, the redirect to the thanks page from the survey form.
func (a answer) acked(k kind) bool {
	if k == kindSurvey {
		return a.status == http.StatusSeeOther && strings.HasSuffix(a.body, "/cam-on")
	}
	return a.status == http.StatusCreated
}

// demoSurvey is the path of the survey app.SeedDemo publishes.
const demoSurvey = "/khao-sat/" + surveys.DemoSlug

// killSubmissions builds the test's mix: for every five, three ratings,
// one report (every fourth with a PNG attached) and one survey response.
func killSubmissions(total int) []submission {
	subs := make([]submission, total)
	services := []string{"dang-ky-khai-sinh", "dang-ky-thuong-tru", "cap-doi-giay-phep-lai-xe", "1.001193"}
	drivers := []string{"ease", "speed", "clarity", "staff", "cost", "technical"}
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{9}, 2048)...)
	categories := []string{"he-thong", "phi", "huong-dan", "khac"}
	for i := range subs {
		var b [16]byte
		_, _ = rand.Read(b[:])
		key := hex.EncodeToString(b[:])
		switch i % 5 {
		case 3:
			req := map[string]any{"category": categories[i%4], "province_code": "01",
				"description": fmt.Sprintf("Phản ánh số %d: cổng dịch vụ công báo lỗi khi nộp hồ sơ, gọi 0912 345 %03d.", i, i%1000),
				"contact":     map[string]string{"email": fmt.Sprintf("nguoi%d@example.vn", i)}}
			files := 0
			if i%4 == 3 {
				req["attachments"] = []map[string]any{{"name": "loi.png", "data": png}}
				files = 1
			}
			body, _ := json.Marshal(req)
			subs[i] = submission{kind: kindReport, key: key, body: body, files: files}
		case 4:
			state, _ := json.Marshal(map[string][]string{"dich_vu": {"khai_sinh"}, "hai_long": {strconv.Itoa(1 + i%5)}, "gap_kho": {"no"}})
			form := url.Values{"token": {"kill-" + key}, "page": {"thong_tin"}, "state": {string(state)},
				"q_gop_y": {fmt.Sprintf("Góp ý số %d", i)}}
			subs[i] = submission{kind: kindSurvey, key: "kill-" + key, body: []byte(form.Encode())}
		default:
			level := 1 + i%5
			req := map[string]any{
				"service": services[i%len(services)], "level": level, "source": "api",
				"went_well": []string{drivers[i%6]}, "did_not": []string{drivers[(i+1)%6]},
				"comment": fmt.Sprintf("Đánh giá số %d, gọi 0912 345 %03d", i, i%1000),
			}
			body, _ := json.Marshal(req)
			subs[i] = submission{kind: kindRating, key: key, body: body, level: level}
		}
	}
	return subs
}

// request builds the HTTP request of a submission.
func (s submission) request(base string) *http.Request {
	var req *http.Request
	switch s.kind {
	case kindSurvey:
		req, _ = http.NewRequest("POST", base+demoSurvey, bytes.NewReader(s.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return req
	case kindReport:
		req, _ = http.NewRequest("POST", base+"/api/v1/reports", bytes.NewReader(s.body))
	default:
		req, _ = http.NewRequest("POST", base+"/api/v1/ratings", bytes.NewReader(s.body))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", s.key)
	return req
}

// TestNothingAcknowledgedIsLost sends thousands of ratings, reports and
// survey responses concurrently to a real `loa serve` process, each with
// an idempotency key (the Idempotency-Key header of the APIs, the survey
// form's token), kills the process with SIGKILL midway, restarts it on the
// same SQLite file and resends every submission that got no answer, with
// the same key. Every submission that was acknowledged must be stored
// exactly once with the answer it got, and the totals must match what was
// sent.
func TestNothingAcknowledgedIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs loa; skipped with -short")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// 3,000 ratings, 1,000 reports, 1,000 survey responses.
	const total = 5000
	subs := killSubmissions(total)
	sent := map[kind]int{}
	for _, s := range subs {
		sent[s.kind]++
	}

	began := time.Now()
	p := startLoa(t, data)
	t.Logf("first start (migrations, demo data) in %v", time.Since(began).Round(time.Millisecond))
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(base string, s submission) answer {
		resp, err := client.Do(s.request(base))
		if err != nil {
			return answer{}
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			// Cut off mid-answer: as good as no answer.
			return answer{}
		}
		a := answer{status: resp.StatusCode, body: string(b), replayed: resp.Header.Get("Idempotent-Replayed") == "true"}
		if s.kind == kindSurvey {
			a.body = resp.Header.Get("Location")
		}
		var rec struct {
			ID   int64  `json:"id"`
			Code string `json:"code"`
		}
		if json.Unmarshal(b, &rec) == nil {
			a.id, a.code = rec.ID, rec.Code
		}
		return a
	}

	// Phase 1: 32 clients at once; the process is killed once a third of
	// the submissions are acknowledged.
	answers := make([]answer, total)
	var acked atomic.Int64
	next := make(chan int)
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for i := range next {
				answers[i] = send(p.url, subs[i])
				if answers[i].acked(subs[i].kind) && acked.Add(1) == total/3 {
					p.kill()
				}
			}
		})
	}
	start := time.Now()
	for i := range subs {
		next <- i
	}
	close(next)
	wg.Wait()
	firstAcked, firstLost := map[kind]int{}, map[kind]int{}
	for i, a := range answers {
		k := subs[i].kind
		switch {
		case a.acked(k):
			firstAcked[k]++
		case a.status == 0:
			firstLost[k]++
		default:
			t.Errorf("phase 1: %s: status %d: %s", k, a.status, tail(a.body, 300))
		}
	}
	for _, k := range []kind{kindRating, kindReport, kindSurvey} {
		if firstAcked[k] == 0 {
			t.Errorf("no %s acknowledged before the kill: the test proves nothing for them", k)
		}
		t.Logf("phase 1: %ss: %d sent, %d acknowledged, %d without answer", k, sent[k], firstAcked[k], firstLost[k])
	}
	if firstLost[kindRating]+firstLost[kindReport]+firstLost[kindSurvey] == 0 {
		t.Fatal("the kill interrupted nothing: the test proves nothing")
	}
	t.Logf("phase 1: killed after %d acks, in %v", total/3, time.Since(start).Round(time.Millisecond))

	// Phase 2: restart and resend whatever got no answer, same key.
	began = time.Now()
	p = startLoa(t, data)
	t.Logf("restart in %v", time.Since(began).Round(time.Millisecond))
	began = time.Now()
	var mu sync.Mutex
	pending := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range pending {
				var a answer
				for try := 0; try < 5 && !a.acked(subs[i].kind); try++ {
					a = send(p.url, subs[i])
				}
				mu.Lock()
				if !a.acked(subs[i].kind) {
					t.Errorf("resend %s %s: %d %s", subs[i].kind, subs[i].key, a.status, tail(a.body, 300))
				}
				answers[i] = a
				mu.Unlock()
			}
		})
	}
	var first = make([]answer, total)
	copy(first, answers)
	for i, a := range first {
		if a.status == 0 {
			pending <- i
		}
	}
	close(pending)
	wg.Wait()

	// A repeat of an acknowledged rating or report returns the first
	// answer, byte for byte, and is marked as a replay; a repeated survey
	// form goes to the thanks page again (and stores nothing: counted
	// below).
	replayed := map[kind]int{}
	for i, a := range first {
		k := subs[i].kind
		if !a.acked(k) || replayed[k] == 100 {
			continue
		}
		again := send(p.url, subs[i])
		if !again.acked(k) || again.body != a.body || (k != kindSurvey && !again.replayed) {
			t.Fatalf("repeat of acknowledged %s %s: %d %s, want %d %s replayed", k, subs[i].key, again.status, again.body, a.status, a.body)
		}
		replayed[k]++
	}
	t.Logf("phase 2: resent and checked repeats in %v", time.Since(began).Round(time.Millisecond))
	p.stop(t)

	d, err := db.Open(context.Background(), db.Config{Path: filepath.Join(data, "loa.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	checkRatings(t, d, subs, answers)
	checkReports(t, d, subs, answers)
	checkSurveyResponses(t, d, subs)
	recovered, committedUnanswered := 0, 0
	for i := range subs {
		if first[i].status == 0 && answers[i].acked(subs[i].kind) {
			recovered++
			if answers[i].replayed {
				committedUnanswered++
			}
		}
	}
	t.Logf("after restart: %d resent and acknowledged (%d of them stored before the kill and answered from their key); repeats checked: %v",
		recovered, committedUnanswered, replayed)
	if t.Failed() {
		t.Logf("server log (tail):\n%s", tail(p.logs.String(), 4000))
	}
}

// storedKeys reads the answers stored under the scope's idempotency keys.
func storedKeys(t *testing.T, d *db.DB, scope string) map[string]string {
	t.Helper()
	out := map[string]string{}
	rows, err := d.Query(context.Background(), "SELECT idem_key, response FROM idempotency_keys WHERE scope = ?", scope)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, body string
		if err := rows.Scan(&key, &body); err != nil {
			t.Fatal(err)
		}
		out[key] = body
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRatings: every rating key is stored once, with the rating its
// answer named; nothing else is stored; the levels add up.
func checkRatings(t *testing.T, d *db.DB, subs []submission, answers []answer) {
	t.Helper()
	stored := map[string]int64{}
	for key, body := range storedKeys(t, d, "rating") {
		var rec struct {
			ID int64 `json:"id"`
		}
		if err := json.Unmarshal([]byte(body), &rec); err != nil {
			t.Fatal(err)
		}
		stored[key] = rec.ID
	}
	levels := map[int]int{}
	ids := map[int64]bool{}
	rows, err := d.Query(context.Background(), "SELECT id, level FROM ratings")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var level int
		if err := rows.Scan(&id, &level); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
		levels[level]++
	}
	rows.Close()
	want, n := map[int]int{}, 0
	for i, s := range subs {
		if s.kind != kindRating {
			continue
		}
		n++
		want[s.level]++
		id, ok := stored[s.key]
		switch {
		case !ok || !ids[id]:
			t.Errorf("rating %s acknowledged with id %d is not stored", s.key, answers[i].id)
		case answers[i].id != id:
			t.Errorf("rating %s: answered id %d, stored id %d", s.key, answers[i].id, id)
		}
	}
	if len(ids) != n || len(stored) != n {
		t.Errorf("%d ratings and %d keys stored for %d submissions: each must be stored exactly once", len(ids), len(stored), n)
	}
	for l := 1; l <= 5; l++ {
		if levels[l] != want[l] {
			t.Errorf("level %d: %d stored, %d sent", l, levels[l], want[l])
		}
	}
}

// checkReports: every report key is stored once, with the case its answer
// named, carrying its attachment; no other case was opened.
func checkReports(t *testing.T, d *db.DB, subs []submission, answers []answer) {
	t.Helper()
	ctx := context.Background()
	stored := map[string]string{}
	for key, body := range storedKeys(t, d, "report-api") {
		var rec struct {
			Code string `json:"code"`
		}
		if err := json.Unmarshal([]byte(body), &rec); err != nil {
			t.Fatal(err)
		}
		stored[key] = rec.Code
	}
	files := map[string]int{}
	rows, err := d.Query(ctx, `SELECT c.code, COUNT(a.id) FROM cases c LEFT JOIN case_attachments a ON a.case_id = c.id
		WHERE c.channel = 'api' GROUP BY c.code`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			t.Fatal(err)
		}
		files[code] = n
	}
	rows.Close()
	n := 0
	for i, s := range subs {
		if s.kind != kindReport {
			continue
		}
		n++
		code, ok := stored[s.key]
		nfiles, opened := files[code]
		switch {
		case !ok || !opened:
			t.Errorf("report %s acknowledged as %s is not stored", s.key, answers[i].code)
		case answers[i].code != code:
			t.Errorf("report %s: answered %s, stored %s", s.key, answers[i].code, code)
		case nfiles != s.files:
			t.Errorf("report %s: %d attachments stored, %d sent", code, nfiles, s.files)
		}
	}
	if len(files) != n || len(stored) != n {
		t.Errorf("%d cases and %d keys stored for %d reports: each must be stored exactly once", len(files), len(stored), n)
	}
}

// checkSurveyResponses: every survey form token is stored once.
func checkSurveyResponses(t *testing.T, d *db.DB, subs []submission) {
	t.Helper()
	count := map[string]int{}
	rows, err := d.Query(context.Background(), `SELECT idempotency_key, COUNT(*) FROM survey_responses
		WHERE idempotency_key LIKE 'kill-%' GROUP BY idempotency_key`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			t.Fatal(err)
		}
		count[key] = n
	}
	rows.Close()
	n := 0
	for _, s := range subs {
		if s.kind != kindSurvey {
			continue
		}
		n++
		if count[s.key] != 1 {
			t.Errorf("survey response %s stored %d times, want once", s.key, count[s.key])
		}
	}
	if len(count) != n {
		t.Errorf("%d survey responses stored for %d sent", len(count), n)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
