package catalog

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// seedList is the programme's list of the 45 demo services (slug, name,
// audience, life event), copied from shared/data/seed-services.tsv.
//
//go:embed demo/seed-services.tsv
var seedList []byte

// ministryCodes are the agency codes a demo service may name.
var ministryCodes = map[string]bool{
	"BQP": true, "BCA": true, "BNG": true, "BNV": true, "BTP": true, "BTC": true, "BCT": true, "BNNMT": true,
	"BXD": true, "BVHTTDL": true, "BKHCN": true, "BGDDT": true, "BYT": true, "BDTTG": true, "NHNN": true,
	"TTCP": true, "VPCP": true,
}

// TestDemoCatalogueIsComplete holds the demo content to the bar set for it:
// exactly the 45 listed services with their slugs and names, each with a
// full plain-language guide, at least three FAQs with the paraphrases
// people type, marked as demo content with a source and date, all in NFC.
func TestDemoCatalogueIsComplete(t *testing.T) {
	services, err := DemoServices()
	if err != nil {
		t.Fatal(err)
	}
	bySlug := map[string]Service{}
	codes := map[string]bool{}
	for _, s := range services {
		bySlug[s.Slug] = s
		if codes[s.Code] {
			t.Errorf("code %s used twice", s.Code)
		}
		codes[s.Code] = true
	}
	sc := bufio.NewScanner(bytes.NewReader(seedList))
	sc.Scan() // header
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 {
			continue
		}
		n++
		slug, name := cols[0], cols[1]
		s, ok := bySlug[slug]
		if !ok {
			t.Errorf("demo service %s missing", slug)
			continue
		}
		delete(bySlug, slug)
		if s.Name != name {
			t.Errorf("%s: name %q, want %q", slug, s.Name, name)
		}
		checkDemoService(t, s)
	}
	if n != 45 {
		t.Fatalf("seed list has %d services, want 45", n)
	}
	for slug := range bySlug {
		t.Errorf("demo service %s is not in the seed list", slug)
	}
}

func checkDemoService(t *testing.T, s Service) {
	t.Helper()
	req := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			t.Errorf("%s: %s empty", s.Slug, field)
		}
	}
	req("code", s.Code)
	req("field", s.Field)
	req("portal_url", s.PortalURL)
	req("source", s.Source)
	if !s.OnlineLevel.Valid() {
		t.Errorf("%s: online level %q", s.Slug, s.OnlineLevel)
	}
	if len(s.Levels) == 0 {
		t.Errorf("%s: no implementing level", s.Slug)
	}
	for _, l := range s.Levels {
		if !l.Valid() {
			t.Errorf("%s: level %q", s.Slug, l)
		}
	}
	for _, a := range s.Agencies {
		if !ministryCodes[a] {
			t.Errorf("%s: agency %q is not a ministry code", s.Slug, a)
		}
	}
	for _, e := range s.LifeEvents {
		if _, ok := LifeEventBySlug(e); !ok {
			t.Errorf("%s: unknown life event %q", s.Slug, e)
		}
	}
	for _, c := range s.Channels {
		if !c.Kind.Valid() {
			t.Errorf("%s: channel kind %q", s.Slug, c.Kind)
		}
	}
	g := s.Guide
	if g == nil {
		t.Errorf("%s: no guide", s.Slug)
		return
	}
	req("guide.summary", g.Summary)
	req("guide.who_for", g.WhoFor)
	req("guide.duration", g.Duration)
	req("guide.cost", g.Cost)
	req("guide.where_online", g.WhereOnline)
	req("guide.reviewed_at", g.ReviewedAt)
	req("guide.source", g.Source)
	if len(g.Prepare) == 0 || len(g.Steps) < 3 {
		t.Errorf("%s: guide has %d things to prepare and %d steps", s.Slug, len(g.Prepare), len(g.Steps))
	}
	if !strings.Contains(strings.ToLower(g.Source), "demo") && !strings.Contains(strings.ToLower(g.Source), "minh họa") {
		t.Errorf("%s: guide source does not mark it as demo content: %q", s.Slug, g.Source)
	}
	if len(s.FAQs) < 3 {
		t.Errorf("%s: %d FAQs, want at least 3", s.Slug, len(s.FAQs))
	}
	for i, f := range s.FAQs {
		if f.Question == "" || f.Answer == "" || len(f.Paraphrases) < 2 {
			t.Errorf("%s: FAQ %d incomplete (question, answer, ≥2 paraphrases)", s.Slug, i+1)
		}
	}
	for _, text := range allText(s) {
		if !norm.NFC.IsNormalString(text) {
			t.Errorf("%s: text not in NFC: %.60q", s.Slug, text)
		}
	}
}

// allText lists every human-readable string of a service.
func allText(s Service) []string {
	out := []string{s.Name, s.Field, s.AgencyText, s.Conditions, s.Result}
	out = append(out, s.Steps...)
	out = append(out, s.LegalBasis...)
	out = append(out, s.Keywords...)
	for _, d := range s.Documents {
		out = append(out, d.Name, d.Note, d.Template)
	}
	if g := s.Guide; g != nil {
		out = append(out, g.Summary, g.WhoFor, g.Duration, g.Cost, g.WhereOnline)
		out = append(out, g.Prepare...)
		out = append(out, g.Steps...)
		out = append(out, g.CommonMistakes...)
	}
	for _, f := range s.FAQs {
		out = append(out, f.Question, f.Answer)
		out = append(out, f.Paraphrases...)
	}
	return out
}

func TestSeedDemoRoundTrips(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		n, err := s.SeedDemo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		v1, _ := s.Version(ctx)
		if _, err := s.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		all, err := s.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != n {
			t.Fatalf("stored %d services, seeded %d", len(all), n)
		}
		want, _ := DemoServices()
		byCode := map[string]Service{}
		for _, w := range want {
			byCode[w.Code] = w
		}
		for _, got := range all {
			w := byCode[got.Code]
			if got.Slug != w.Slug || got.Guide == nil || len(got.FAQs) != len(w.FAQs) || len(got.Documents) != len(w.Documents) {
				t.Errorf("%s did not round-trip: guide %v, faqs %d/%d", w.Slug, got.Guide != nil, len(got.FAQs), len(w.FAQs))
			}
		}
		if v1 == 0 {
			t.Error("seeding did not bump the catalogue version")
		}
	})
}
