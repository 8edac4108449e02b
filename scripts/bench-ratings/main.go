// Command bench-ratings sends ratings to a running Loa (POST
// /api/v1/ratings, each with its own Idempotency-Key) and prints the
// throughput and the latency distribution. scripts/bench-ratings.sh starts
// the server and runs it; see there.
//
//	go run ./scripts/bench-ratings -url http://127.0.0.1:18090 -rate 2000 -duration 20s
//
// With -rate it sends at that fixed rate (open loop) and measures each
// latency from the moment the request was due, so a server that falls
// behind shows it in p99 instead of hiding it (no coordinated omission).
// With -rate 0 it keeps -concurrency requests in flight and reports the
// highest rate the server sustains.
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:18090", "address of the Loa server")
	rate := flag.Int("rate", 0, "ratings per second to send (0: as fast as -concurrency allows)")
	conc := flag.Int("concurrency", 32, "requests in flight (closed loop), or the most in flight (fixed rate)")
	dur := flag.Duration("duration", 20*time.Second, "how long to send")
	warm := flag.Duration("warmup", 2*time.Second, "how long to send before measuring")
	flag.Parse()
	if err := run(*base, *rate, *conc, *dur, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "bench-ratings:", err)
		os.Exit(1)
	}
}

var services = []string{"dang-ky-khai-sinh", "dang-ky-thuong-tru", "cap-doi-giay-phep-lai-xe", "dang-ky-ket-hon", "1.001193"}

// body is the n-th rating: levels, drivers and a comment with a phone
// number vary, so validation and redaction do their usual work.
func body(n int) []byte {
	drivers := []string{"ease", "speed", "clarity", "staff", "cost", "technical"}
	return fmt.Appendf(nil, `{"service":%q,"level":%d,"went_well":[%q],"did_not":[%q],"comment":"Lần %d: thủ tục nhanh, gọi 0912 345 678 nếu cần","source":"api"}`,
		services[n%len(services)], 1+n%5, drivers[n%6], drivers[(n+1)%6], n)
}

func key() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

type result struct {
	latency time.Duration
	ok      bool
}

func run(base string, rate, conc int, dur, warm time.Duration) error {
	tr := &http.Transport{MaxIdleConns: conc * 2, MaxIdleConnsPerHost: conc * 2}
	client := &http.Client{Timeout: 30 * time.Second, Transport: tr}
	send := func(n int, due time.Time) result {
		req, err := http.NewRequest("POST", base+"/api/v1/ratings", bytes.NewReader(body(n)))
		if err != nil {
			return result{}
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key())
		resp, err := client.Do(req)
		if err != nil {
			return result{latency: time.Since(due)}
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return result{latency: time.Since(due), ok: resp.StatusCode == http.StatusCreated}
	}
	// A first request checks the server is there and accepts ratings.
	if r := send(0, time.Now()); !r.ok {
		return fmt.Errorf("%s does not accept ratings (is it running, with LOA_RATE_LIMIT_SCALE=off?)", base)
	}

	var mu sync.Mutex
	var results []result
	var n atomic.Int64
	start := time.Now()
	measureFrom, end := start.Add(warm), start.Add(warm+dur)
	record := func(due time.Time, r result) {
		if due.Before(measureFrom) {
			return
		}
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	if rate <= 0 {
		for range conc {
			wg.Go(func() {
				for {
					due := time.Now()
					if !due.Before(end) {
						return
					}
					record(due, send(int(n.Add(1)), due))
				}
			})
		}
	} else {
		// Fixed rate: requests are due every 1/rate; a pool of workers
		// takes them, and latency counts from the due time.
		jobs := make(chan time.Time, rate)
		for range conc {
			wg.Go(func() {
				for due := range jobs {
					record(due, send(int(n.Add(1)), due))
				}
			})
		}
		interval := time.Second / time.Duration(rate)
		for due := start; due.Before(end); due = due.Add(interval) {
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
			jobs <- due
		}
		close(jobs)
	}
	wg.Wait()
	elapsed := time.Since(measureFrom)
	if rate <= 0 {
		elapsed = dur
	}
	var lat []time.Duration
	failed := 0
	for _, r := range results {
		if !r.ok {
			failed++
			continue
		}
		lat = append(lat, r.latency)
	}
	if len(lat) == 0 {
		return fmt.Errorf("no rating accepted (%d failed)", failed)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	mode := fmt.Sprintf("closed loop, %d in flight", conc)
	if rate > 0 {
		mode = fmt.Sprintf("fixed rate %d/s, up to %d in flight", rate, conc)
	}
	fmt.Printf("%s; measured %v after %v warm-up\n", mode, dur, warm)
	fmt.Printf("ratings accepted: %d (%.0f/s), failed: %d\n", len(lat), float64(len(lat))/elapsed.Seconds(), failed)
	fmt.Printf("latency p50 %v  p90 %v  p99 %v  p99.9 %v  max %v\n",
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
		pct(0.999).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	return nil
}
