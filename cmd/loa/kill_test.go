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
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
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

// submission is one rating the test sends, with its idempotency key.
type submission struct {
	key  string
	body []byte
	// level is what the rating says, for the totals.
	level int
}

// answer is what the client got for a submission.
type answer struct {
	status int
	body   string
	// receipt id when status is 201.
	id int64
	// replayed is true when the server answered from the stored key.
	replayed bool
}

// TestNothingAcknowledgedIsLost sends thousands of ratings concurrently to
// a real `loa serve` process, each with an Idempotency-Key, kills the
// process with SIGKILL midway, restarts it on the same SQLite file and
// resends every rating that got no answer, with the same key. Every rating
// that got a 2xx must be stored exactly once with the answer it got, and
// the totals must match what was sent.
//
// Reports (POST /api/v1/reports) are not included: that API takes no
// Idempotency-Key yet, so a report whose answer was lost cannot be resent
// safely; the test covers ratings only.
func TestNothingAcknowledgedIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs loa; skipped with -short")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	const total = 3000
	subs := make([]submission, total)
	services := []string{"dang-ky-khai-sinh", "dang-ky-thuong-tru", "cap-doi-giay-phep-lai-xe", "1.001193"}
	drivers := []string{"ease", "speed", "clarity", "staff", "cost", "technical"}
	for i := range subs {
		var b [16]byte
		_, _ = rand.Read(b[:])
		level := 1 + i%5
		req := map[string]any{
			"service": services[i%len(services)], "level": level, "source": "api",
			"went_well": []string{drivers[i%6]}, "did_not": []string{drivers[(i+1)%6]},
			"comment": fmt.Sprintf("Đánh giá số %d, gọi 0912 345 %03d", i, i%1000),
		}
		body, _ := json.Marshal(req)
		subs[i] = submission{key: hex.EncodeToString(b[:]), body: body, level: level}
	}

	began := time.Now()
	p := startLoa(t, data)
	t.Logf("first start (migrations, demo data) in %v", time.Since(began).Round(time.Millisecond))
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	send := func(base string, s submission) answer {
		req, _ := http.NewRequest("POST", base+"/api/v1/ratings", bytes.NewReader(s.body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", s.key)
		resp, err := client.Do(req)
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
		var rec struct {
			ID int64 `json:"id"`
		}
		if json.Unmarshal(b, &rec) == nil {
			a.id = rec.ID
		}
		return a
	}

	// Phase 1: 32 clients at once; the process is killed once a third of
	// the ratings are acknowledged.
	answers := make([]answer, total)
	var acked atomic.Int64
	next := make(chan int)
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for i := range next {
				answers[i] = send(p.url, subs[i])
				if answers[i].status/100 == 2 && acked.Add(1) == total/3 {
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
	var firstAcked, firstLost, firstOther int
	for _, a := range answers {
		switch {
		case a.status/100 == 2:
			firstAcked++
		case a.status == 0:
			firstLost++
		default:
			firstOther++
			t.Errorf("phase 1: status %d: %s", a.status, a.body)
		}
	}
	if firstLost == 0 {
		t.Fatal("the kill interrupted nothing: the test proves nothing")
	}
	t.Logf("phase 1: %d acknowledged, %d without answer (killed after %d acks) in %v",
		firstAcked, firstLost, total/3, time.Since(start).Round(time.Millisecond))

	// Phase 2: restart and resend whatever got no answer, same key.
	began = time.Now()
	p = startLoa(t, data)
	t.Logf("restart in %v", time.Since(began).Round(time.Millisecond))
	began = time.Now()
	replayed := 0
	var mu sync.Mutex
	pending := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range pending {
				var a answer
				for try := 0; try < 5 && a.status/100 != 2; try++ {
					a = send(p.url, subs[i])
				}
				mu.Lock()
				if a.status/100 != 2 {
					t.Errorf("resend %s: %d %s", subs[i].key, a.status, a.body)
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

	// A repeat of an acknowledged rating returns the first answer, byte
	// for byte, and is marked as a replay.
	for i, a := range first {
		if a.status/100 != 2 {
			continue
		}
		req, _ := http.NewRequest("POST", p.url+"/api/v1/ratings", bytes.NewReader(subs[i].body))
		req.Header.Set("Idempotency-Key", subs[i].key)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != a.status || string(b) != a.body || resp.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("repeat of acknowledged %s: %d %s, want %d %s replayed", subs[i].key, resp.StatusCode, b, a.status, a.body)
		}
		if replayed++; replayed == 200 {
			break
		}
	}
	t.Logf("phase 2: resent and checked repeats in %v", time.Since(began).Round(time.Millisecond))
	p.stop(t)

	// Every key that got a 2xx is stored exactly once, with the rating its
	// answer named; and nothing else is stored.
	d, err := db.Open(context.Background(), db.Config{Path: filepath.Join(data, "loa.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	stored := map[string]int64{}
	rows, err := d.Query(ctx, "SELECT idem_key, response FROM rating_requests WHERE scope = 'rating'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var key, body string
		if err := rows.Scan(&key, &body); err != nil {
			t.Fatal(err)
		}
		var rec struct {
			ID int64 `json:"id"`
		}
		if err := json.Unmarshal([]byte(body), &rec); err != nil {
			t.Fatal(err)
		}
		stored[key] = rec.ID
	}
	rows.Close()
	levels := map[int]int{}
	ids := map[int64]bool{}
	rows, err = d.Query(ctx, "SELECT id, level FROM ratings")
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
	recovered, committedUnanswered := 0, 0
	want := map[int]int{}
	for i, s := range subs {
		want[s.level]++
		a := answers[i]
		id, ok := stored[s.key]
		switch {
		case !ok || !ids[id]:
			t.Errorf("rating %s acknowledged with id %d is not stored", s.key, a.id)
		case a.id != id:
			t.Errorf("rating %s: answered id %d, stored id %d", s.key, a.id, id)
		}
		if first[i].status == 0 && a.status/100 == 2 {
			recovered++
			if a.replayed {
				committedUnanswered++
			}
		}
	}
	if len(ids) != total || len(stored) != total {
		t.Errorf("%d ratings and %d keys stored for %d submissions: each must be stored exactly once", len(ids), len(stored), total)
	}
	for l := 1; l <= 5; l++ {
		if levels[l] != want[l] {
			t.Errorf("level %d: %d stored, %d sent", l, levels[l], want[l])
		}
	}
	t.Logf("after restart: %d resent and acknowledged (%d of them had been stored before the kill and were answered from their key), %d repeats checked; %d ratings stored",
		recovered, committedUnanswered, replayed, len(ids))
	if t.Failed() {
		t.Logf("server log (tail):\n%s", tail(p.logs.String(), 4000))
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
