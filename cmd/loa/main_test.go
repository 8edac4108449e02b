package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db/dbtest"
)

const tthcFile = "../../internal/catalog/testdata/tthc-procedures.jsonl"

// loa runs the command in-process with the given environment.
func loa(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// storages returns the environments of the two databases: SQLite in a
// temporary directory and a fresh PostgreSQL schema.
func storages(t *testing.T, fn func(t *testing.T, env map[string]string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, map[string]string{"LOA_DATA_DIR": t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) { fn(t, map[string]string{"LOA_DATABASE_URL": dbtest.PostgresURL(t)}) })
}

func TestImportTTHCIsIdempotent(t *testing.T) {
	storages(t, func(t *testing.T, env map[string]string) {
		code, out, errs := loa(t, env, "import", "tthc", tthcFile)
		if code != 0 || !strings.Contains(out, "Tạo mới: 207 ") {
			t.Fatalf("first import: exit %d\n%s\n%s", code, out, errs)
		}
		code, out, errs = loa(t, env, "import", "tthc", tthcFile)
		if code != 0 || !strings.Contains(out, "Tạo mới: 0 · Cập nhật: 0 · Không đổi: 207 · Bị từ chối: 0") {
			t.Fatalf("second import: exit %d\n%s\n%s", code, out, errs)
		}
	})
}

func TestCorruptImportChangesNothing(t *testing.T) {
	storages(t, func(t *testing.T, env map[string]string) {
		src, err := os.ReadFile(tthcFile)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(src), "\n")
		// Line 5 is cut in half: not JSON any more.
		lines[4] = lines[4][:len(lines[4])/2] + "\n"
		bad := filepath.Join(t.TempDir(), "bad.jsonl")
		if err := os.WriteFile(bad, []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs := loa(t, env, "import", "tthc", bad)
		if code == 0 {
			t.Fatalf("corrupt import exited 0\n%s\n%s", out, errs)
		}
		if !strings.Contains(errs, "5") || !strings.Contains(errs, "Không có thay đổi") {
			t.Fatalf("error does not name line 5 or say nothing changed:\n%s", errs)
		}
		// Nothing was written: a clean import now creates all 207.
		code, out, errs = loa(t, env, "import", "tthc", tthcFile)
		if code != 0 || !strings.Contains(out, "Tạo mới: 207 ") {
			t.Fatalf("import after corrupt one: exit %d\n%s\n%s", code, out, errs)
		}
		// With --skip-invalid the good records land and the bad one is reported.
		code, out, errs = loa(t, env, "import", "tthc", bad, "--skip-invalid")
		if code != 0 || !strings.Contains(out, "Bị từ chối: 1") {
			t.Fatalf("skip-invalid import: exit %d\n%s\n%s", code, out, errs)
		}
	})
}

func TestMigrateAndVersion(t *testing.T) {
	storages(t, func(t *testing.T, env map[string]string) {
		if code, out, errs := loa(t, env, "migrate"); code != 0 || !strings.Contains(out, "phiên bản") {
			t.Fatalf("migrate: %d %s %s", code, out, errs)
		}
	})
	if code, out, _ := loa(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "loa ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, _ := loa(t, nil, "nonsense"); code != 2 {
		t.Fatalf("unknown command exit %d, want 2", code)
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine to write while
// the test reads.
type pipeWriter struct{ w *io.PipeWriter }

func (p pipeWriter) Write(b []byte) (int, error) { return p.w.Write(b) }

// TestServeStartsAndStops runs `loa serve` on a free port in a fresh
// directory, fetches the birth registration guide, and stops it as SIGTERM would.
func TestServeStartsAndStops(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"LOA_DATA_DIR": dir, "LOA_ADDR": "127.0.0.1:0"}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		var errb bytes.Buffer
		done <- run(ctx, []string{"serve"}, strings.NewReader(""), pipeWriter{pw}, &errb, func(k string) string { return env[k] })
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	// On the first start the demo staff accounts follow, one per role.
	var printed strings.Builder
	for range 7 {
		l, err := br.ReadString('\n')
		if err != nil {
			break
		}
		printed.WriteString(l)
	}
	for _, who := range []string{"demo.admin", "demo.bientap", "demo.duyet", "demo.xuly", "demo.phantich", "demo.quantri"} {
		if !strings.Contains(printed.String(), who) {
			t.Errorf("serve did not print the demo account %s:\n%s", who, printed.String())
		}
	}
	go io.Copy(io.Discard, br)
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("serve did not print its URL: %q", line)
	}
	url := strings.Fields(line[i:])[0]
	for _, p := range []string{"", "dich-vu/dang-ky-khai-sinh"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET /%s = %d", p, resp.StatusCode)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "loa.db")); err != nil {
		t.Errorf("database not created in the data directory: %v", err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit code %d after shutdown", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}
