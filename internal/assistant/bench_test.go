package assistant

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// benchQuestions are the development questions when the shared set is
// there, else a few of every kind.
func benchQuestions(b *testing.B) []string {
	b.Helper()
	if f, err := os.Open("../../../shared/eval/assistant-dev.tsv"); err == nil {
		defer f.Close()
		var out []string
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if q, _, _ := strings.Cut(sc.Text(), "\t"); q != "" && q != "question" {
				out = append(out, q)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return []string{
		"Làm giấy khai sinh cho con trên mạng như thế nào?", "dang ky tam tru online", "doi gplx het han",
		"vợ tôi vừa sinh em bé, cần làm thủ tục gì", "lệ phí làm hộ chiếu bao nhiêu", "thời tiết hôm nay",
	}
}

// syntheticCatalogue builds n services from the demo ones: each a copy
// under its own slug and a name qualified by a province, as a national
// catalogue repeats procedures across agencies.
func syntheticCatalogue(b *testing.B, n int) []catalog.Service {
	b.Helper()
	demoSvcs, err := catalog.DemoServices()
	if err != nil {
		b.Fatal(err)
	}
	places := []string{"Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Lào Cai", "Gia Lai", "Cà Mau", "An Giang", "Nghệ An"}
	out := make([]catalog.Service, n)
	for i := range out {
		svc := demoSvcs[i%len(demoSvcs)]
		svc.Slug = fmt.Sprintf("%s-%05d", svc.Slug, i)
		svc.Code = fmt.Sprintf("S%05d", i)
		if i >= len(demoSvcs) {
			svc.Name = svc.Name + " tại " + places[(i/len(demoSvcs))%len(places)] + fmt.Sprintf(" (mã %d)", i)
		}
		out[i] = svc
	}
	return out
}

// benchAsk answers every question in turn, each in a new conversation,
// timing each answer (decision and wording, no storage), and reports the
// median and 99th percentile.
func benchAsk(b *testing.B, services []catalog.Service) {
	syn := vn.DefaultSynonyms()
	ix := search.New(syn)
	ix.Replace(search.CatalogDocs(services))
	m := buildModel(catalog.NewSnapshot(1, services), syn)
	e := New(nil, nil, ix, nil, Options{Synonyms: syn})
	qs := benchQuestions(b)
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		r := decide(m, ix, syn, State{}, qs[i%len(qs)])
		_ = e.word(m, r)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[min(int(p*float64(len(times))), len(times)-1)].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// BenchmarkAsk measures one answer on the demo catalogue and on a
// synthetic one of 10,000 services. Run on one core:
//
//	go test ./internal/assistant -run '^$' -bench Ask -cpu 1
func BenchmarkAsk(b *testing.B) {
	demoSvcs, err := catalog.DemoServices()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("demo", func(b *testing.B) { benchAsk(b, demoSvcs) })
	b.Run("10000", func(b *testing.B) { benchAsk(b, syntheticCatalogue(b, 10000)) })
}

// BenchmarkBuildModel measures what a catalogue change costs the
// assistant (the search index's rebuild is the search package's).
func BenchmarkBuildModel(b *testing.B) {
	services := syntheticCatalogue(b, 10000)
	snap := catalog.NewSnapshot(1, services)
	b.ReportAllocs()
	for b.Loop() {
		buildModel(snap, vn.DefaultSynonyms())
	}
}
