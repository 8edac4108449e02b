package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/vn"
)

// provinces are the 34 provinces and centrally run cities since 1 July
// 2025: the suffixes that turn one demo service into its local versions.
var provinces = []string{
	"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
	"Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
	"Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
	"Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
	"Đồng Tháp", "Cà Mau", "An Giang",
}

// variants qualify a service the way real catalogues split one procedure
// into several records.
var variants = []string{
	"", " (trực tuyến toàn trình)", " cho người cao tuổi", " có yếu tố nước ngoài",
	" trong trường hợp bị mất", " cho hộ nghèo", " tại bộ phận một cửa",
}

// demoCatalogue returns the demo services, failing the test if they
// cannot be read.
func demoCatalogue(tb testing.TB) []catalog.Service {
	tb.Helper()
	svcs, err := catalog.DemoServices()
	if err != nil {
		tb.Fatal(err)
	}
	if len(svcs) == 0 {
		tb.Fatal("no demo services")
	}
	return svcs
}

// syntheticCatalogue builds n services from the demo ones: each demo
// service in turn, its name suffixed with a variant and a province, its
// guide's and formal steps shuffled, one of its papers dropped, so that
// the text is as realistic as the demo and every record differs. Seeded:
// every run indexes the same text.
func syntheticCatalogue(demo []catalog.Service, n int) []catalog.Service {
	rng := rand.New(rand.NewPCG(7, 11))
	out := make([]catalog.Service, n)
	for i := range out {
		src := demo[i%len(demo)]
		k := i / len(demo)
		province := provinces[k%len(provinces)]
		variant := variants[(k/len(provinces))%len(variants)]
		svc := src
		svc.Slug = fmt.Sprintf("%s-%d", src.Slug, k)
		svc.Name = src.Name + variant + " tại " + province
		svc.AgencyText = src.AgencyText + " " + province
		svc.Steps = shuffled(rng, src.Steps)
		if len(src.Documents) > 1 {
			drop := rng.IntN(len(src.Documents))
			svc.Documents = slices.Delete(slices.Clone(src.Documents), drop, drop+1)
		}
		if src.Guide != nil {
			g := *src.Guide
			g.Steps = shuffled(rng, g.Steps)
			g.Prepare = shuffled(rng, g.Prepare)
			g.Summary = g.Summary + " Áp dụng tại " + province + "."
			svc.Guide = &g
		}
		out[i] = svc
	}
	return out
}

func shuffled(rng *rand.Rand, list []string) []string {
	out := slices.Clone(list)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// catalogueQueries returns n queries as citizens type them, drawn from
// the demo services: their FAQ questions and paraphrases, names and
// keywords, with a province or not, and in about half of them without
// diacritics, with a syllable cut short (a typo) or the question asked
// in a longer sentence. Seeded.
func catalogueQueries(demo []catalog.Service, n int) []string {
	var base []string
	for _, svc := range demo {
		base = append(base, svc.Name)
		base = append(base, svc.Keywords...)
		for _, f := range svc.FAQs {
			base = append(base, f.Question)
			base = append(base, f.Paraphrases...)
		}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	out := make([]string, n)
	for i := range out {
		q := base[rng.IntN(len(base))]
		switch rng.IntN(6) {
		case 0:
			q += " ở " + provinces[rng.IntN(len(provinces))]
		case 1:
			q = "cho em hỏi " + strings.ToLower(q) + " cần giấy tờ gì và mất bao lâu ạ"
		case 2:
			q = typo(rng, q)
		}
		if rng.IntN(2) == 0 {
			q = vn.Fold(q)
		}
		out[i] = q
	}
	return out
}

// typo drops one letter of a syllable of at least four letters.
func typo(rng *rand.Rand, q string) string {
	words := strings.Fields(q)
	for range 4 {
		i := rng.IntN(len(words))
		if r := []rune(words[i]); len(r) >= 4 {
			j := 1 + rng.IntN(len(r)-1)
			words[i] = string(r[:j]) + string(r[j+1:])
			break
		}
	}
	return strings.Join(words, " ")
}

// latencies runs every query once to warm up, then once more timing each,
// and returns the times sorted.
func latencies(queries []string, search func(string)) []time.Duration {
	for _, q := range queries {
		search(q)
	}
	out := make([]time.Duration, len(queries))
	for i, q := range queries {
		start := time.Now()
		search(q)
		out[i] = time.Since(start)
	}
	slices.Sort(out)
	return out
}

// percentile returns the p-th percentile (0 to 100) of sorted times.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p / 100 * float64(len(sorted)-1))
	return sorted[i]
}

// bench10k holds the documents of the synthetic 10,000-service catalogue
// and the queries, made once for all benchmarks (which run one at a time).
var bench10k struct {
	docs    []Doc
	queries []string
}

func catalogue10k(tb testing.TB) ([]Doc, []string) {
	if bench10k.docs == nil {
		demo := demoCatalogue(tb)
		bench10k.docs = CatalogDocs(syntheticCatalogue(demo, 10_000))
		bench10k.queries = catalogueQueries(demo, 3000)
	}
	return bench10k.docs, bench10k.queries
}

// BenchmarkSearch10k measures Search over the synthetic 10,000-service
// catalogue with 3,000 realistic queries, for the assistant's page (6
// candidates) and the site's (all hits, which the site counts and pages),
// and reports the latency percentiles of one query:
//
//	go test ./internal/search -run '^$' -bench Search10k -benchtime 1x
func BenchmarkSearch10k(b *testing.B) {
	docs, queries := catalogue10k(b)
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	for _, limit := range []int{6, 0} {
		b.Run(fmt.Sprint("limit=", limit), func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				lat = latencies(queries, func(q string) { ix.Search(q, limit) })
			}
			reportLatencies(b, lat)
		})
	}
}

func reportLatencies(b *testing.B, lat []time.Duration) {
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(percentile(lat, 50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(lat, 90).Microseconds()), "p90-µs")
	b.ReportMetric(float64(percentile(lat, 99).Microseconds()), "p99-µs")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
}

// BenchmarkReplace10k measures building the index of the synthetic
// 10,000-service catalogue, which happens on every publication.
func BenchmarkReplace10k(b *testing.B) {
	docs, _ := catalogue10k(b)
	ix := New(vn.DefaultSynonyms())
	b.ReportAllocs()
	for b.Loop() {
		ix.Replace(docs)
	}
}

func TestSyntheticCatalogue(t *testing.T) {
	demo := demoCatalogue(t)
	svcs := syntheticCatalogue(demo, 200)
	seen := map[string]bool{}
	for _, s := range svcs {
		if seen[s.Slug] {
			t.Fatalf("slug %s twice", s.Slug)
		}
		seen[s.Slug] = true
	}
	// The first copy of a service ranks its own name first among its
	// local versions only by the province; with the province, the right
	// copy comes first.
	ix := New(vn.DefaultSynonyms())
	ix.Replace(CatalogDocs(svcs))
	want := svcs[len(demo)+3] // second copy of the fourth service
	_, province, _ := strings.Cut(want.Name, " tại ")
	hits := ix.Search(demo[3].Name+" tại "+province, 1)
	if len(hits) != 1 || hits[0].ID != want.Slug {
		t.Errorf("Search(%s tại %s) = %v, want %s", demo[3].Name, province, hits, want.Slug)
	}
	qs := catalogueQueries(demo, 100)
	if len(qs) != 100 || slices.Contains(qs, "") {
		t.Errorf("catalogueQueries = %d queries, some empty: %q", len(qs), qs)
	}
}
