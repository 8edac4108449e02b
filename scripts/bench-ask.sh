#!/usr/bin/env bash
# Load-tests POST /api/v1/assistant/ask over HTTP on SQLite: builds loa,
# starts it with the demo data in a temporary directory and sends the
# demo catalogue's FAQ questions and their paraphrases (not the evaluation
# sets), each as a new conversation, from a Go load generator. Prints
# requests/s and the latency distribution (p50…p99) twice:
#
#   1. rate limits ON, as configured (60 questions a minute per address):
#      the generator spreads its connections over many loopback source
#      addresses (127.1.x.y; Linux routes all of 127.0.0.0/8 to lo), at
#      most 50 questions per address, so that no address reaches its
#      limit and every request pays the limiter's real cost (a counter
#      upsert in the database). The server trusts no proxy header: the
#      addresses are real TCP peers. A check first shows that one address
#      is refused (429) after its 60th question within a minute.
#   2. rate limits OFF (LOA_RATE_LIMIT_SCALE=off, which loa serve warns
#      about), all from one address: the cost of answering alone.
#
#   scripts/bench-ask.sh [duration=20s] [connections=32]
#
# Needs Go; the load generator runs on the same machine, so the figures
# count its CPU too. Quote them with the machine's core count.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
conns="${2:-32}"
root=$(pwd)
tmp=$(mktemp -d)
pid=""
stop() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap 'stop; rm -rf "$tmp"' EXIT
go build -o "$tmp/loa" ./cmd/loa

mkdir -p "$tmp/gen"
cat >"$tmp/gen/main.go" <<'EOF'
// Command gen sends questions to the assistant's HTTP API from many
// connections and reports throughput and latency percentiles.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	url := flag.String("url", "", "the ask endpoint")
	dur := flag.Duration("d", 20*time.Second, "measured duration")
	warm := flag.Duration("warmup", 3*time.Second, "unmeasured warm-up")
	conns := flag.Int("c", 32, "concurrent connections")
	faqs := flag.String("faqs", "", "glob of the demo services' JSON files")
	spread := flag.Bool("spread", false, "spread connections over loopback source addresses 127.1.x.y")
	perAddr := flag.Int("per-addr", 50, "with -spread: questions sent from one address")
	probe := flag.Int("probe", 0, "instead: send this many questions from one address and print the statuses")
	flag.Parse()
	qs, err := questions(*faqs)
	if err != nil || len(qs) == 0 {
		fmt.Fprintln(os.Stderr, "gen: questions:", err)
		os.Exit(1)
	}
	if *probe > 0 {
		c := client("")
		counts := map[int]int{}
		first := 0
		for i := 0; i < *probe; i++ {
			code, _, err := ask(c, *url, qs[i%len(qs)])
			if err != nil {
				fmt.Fprintln(os.Stderr, "gen:", err)
				os.Exit(1)
			}
			counts[code]++
			if code == http.StatusTooManyRequests && first == 0 {
				first = i + 1
			}
		}
		fmt.Printf("%d questions from one address: statuses %v; first 429 at question %d\n", *probe, counts, first)
		return
	}
	var (
		next     atomic.Int64 // source addresses handed out
		mu       sync.Mutex
		lat      []time.Duration
		codes    = map[int]int{}
		failures atomic.Int64
	)
	start := time.Now()
	measureFrom := start.Add(*warm)
	end := measureFrom.Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var (
				c    *http.Client
				sent int
				mine []time.Duration
			)
			myCodes := map[int]int{}
			for time.Now().Before(end) {
				if c == nil || *spread && sent == *perAddr {
					if c != nil {
						c.CloseIdleConnections()
					}
					local := ""
					if *spread {
						n := next.Add(1)
						local = fmt.Sprintf("127.1.%d.%d", 1+n/250, 1+n%250)
					}
					c, sent = client(local), 0
				}
				t0 := time.Now()
				code, _, err := ask(c, *url, qs[rng.IntN(len(qs))])
				d := time.Since(t0)
				sent++
				if err != nil {
					failures.Add(1)
					c = nil
					continue
				}
				if t0.After(measureFrom) && t0.Before(end) {
					myCodes[code]++
					if code == http.StatusOK {
						mine = append(mine, d)
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			for k, v := range myCodes {
				codes[k] += v
			}
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	if len(lat) == 0 {
		fmt.Println("no successful request measured; statuses:", codes, "transport errors:", failures.Load())
		os.Exit(1)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("  %d answered (200) in %s: %.0f requests/s\n", len(lat), *dur, float64(len(lat))/dur.Seconds())
	fmt.Printf("  latency p50 %s · p90 %s · p99 %s · max %s\n", ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(lat[len(lat)-1]))
	fmt.Printf("  statuses %v · transport errors %d", codes, failures.Load())
	if *spread {
		fmt.Printf(" · source addresses used %d", next.Load())
	}
	fmt.Println()
}

// client returns a client whose connections leave from local (any when "").
func client(local string) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if local != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(local)}
	}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		DialContext:         func(ctx context.Context, n, a string) (net.Conn, error) { return d.DialContext(ctx, n, a) },
		MaxIdleConnsPerHost: 1,
	}}
}

// ask sends one question in a new conversation.
func ask(c *http.Client, url, q string) (int, []byte, error) {
	body, _ := json.Marshal(map[string]string{"question": q, "channel": "web"})
	resp, err := c.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// questions reads the FAQ questions and their paraphrases.
func questions(glob string) ([]string, error) {
	names, err := filepath.Glob(glob)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var svc struct {
			FAQs []struct {
				Question    string   `json:"question"`
				Paraphrases []string `json:"paraphrases"`
			} `json:"faqs"`
		}
		if err := json.Unmarshal(b, &svc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, f := range svc.FAQs {
			out = append(out, f.Question)
			out = append(out, f.Paraphrases...)
		}
	}
	return out, nil
}
EOF
(cd "$tmp/gen" && go mod init gen >/dev/null 2>&1 && go build -o "$tmp/gen-bin" .)
faqs="$root/internal/catalog/demo/services/*.json"
port=$((18100 + RANDOM % 800))
base="http://127.0.0.1:$port"

start() { # start [env...]: a fresh server on a fresh database
  rm -rf "$tmp/data" && mkdir -p "$tmp/data"
  env "$@" "$tmp/loa" serve --data "$tmp/data" --addr "127.0.0.1:$port" >"$tmp/out" 2>"$tmp/log" &
  pid=$!
  for _ in $(seq 1 150); do curl -fs "$base/readyz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "bench: the server did not become ready" >&2
  cat "$tmp/log" >&2
  exit 1
}

echo "cores: $(nproc); go: $(go version | cut -d' ' -f3); database: SQLite; questions: the demo FAQs and their paraphrases; load generator on the same machine"
echo "command: scripts/bench-ask.sh $duration $conns"

start
echo
echo "== limits ON: one address"
"$tmp/gen-bin" -url "$base/api/v1/assistant/ask" -faqs "$faqs" -probe 65
echo
echo "== limits ON (60/min per address): POST /api/v1/assistant/ask, $conns connections, ≤ 50 questions per source address"
"$tmp/gen-bin" -url "$base/api/v1/assistant/ask" -faqs "$faqs" -c "$conns" -d "$duration" -spread -per-addr 50
stop

start LOA_RATE_LIMIT_SCALE=off
grep -q "LOA_RATE_LIMIT_SCALE" "$tmp/log" && echo && echo "(server warned: $(grep -o 'CẢNH BÁO[^.]*' "$tmp/log" | head -1))"
echo
echo "== limits OFF (LOA_RATE_LIMIT_SCALE=off): POST /api/v1/assistant/ask, $conns connections, one address"
"$tmp/gen-bin" -url "$base/api/v1/assistant/ask" -faqs "$faqs" -c "$conns" -d "$duration"
stop
