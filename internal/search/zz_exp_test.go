package search

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

// Temporary experiment harness (removed before hand-off).
func zzEval(t *testing.T, set string) (string, [2]float64) {
	dir := "/tmp/loa-ir/dev/"
	qrels := dir + "qrels.tsv"
	if set != "dev" {
		dir = "/work/shared/data/uit-vicov19qa/"
		qrels = dir + "qrels-test.tsv"
	}
	out := set
	var r [2]float64
	for i, q := range []string{"queries.jsonl", "queries-unaccented.jsonl"} {
		c, _ := os.Open("/work/shared/data/uit-vicov19qa/corpus.jsonl")
		qf, _ := os.Open(dir + q)
		rf, _ := os.Open(qrels)
		m, err := EvaluateBEIR(c, qf, rf, EvalOptions{Synonyms: vn.DefaultSynonyms()})
		c.Close()
		qf.Close()
		rf.Close()
		if err != nil {
			t.Fatal(err)
		}
		r[i] = m.MRR10
		out += fmt.Sprintf(" %.4f (R1 %.3f R10 %.3f)", m.MRR10, m.R1, m.R10)
	}
	return out, r
}

func TestZZ(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	for _, set := range []string{"dev", "test"} {
		if set == "test" && os.Getenv("ZZTEST") == "" {
			continue
		}
		s, _ := zzEval(t, set)
		fmt.Println(s)
	}
}

func TestZZMiss(t *testing.T) {
	if os.Getenv("ZZMISS") == "" {
		t.Skip()
	}
	docs := zzCorpus()
	byID := map[string]string{}
	for _, d := range docs {
		byID[d.ID] = d.Body
	}
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	qs, rel := zzLoad(t, "dev", "queries.jsonl")
	for _, q := range qs {
		hits := ix.Search(q.text, 0)
		r := -1
		for i, h := range hits {
			if h.ID == rel[q.id] {
				r = i + 1
			}
		}
		cut := func(s string, n int) string {
			rs := []rune(s)
			if len(rs) > n {
				return string(rs[:n])
			}
			return s
		}
		fmt.Printf("=== %s rank %d / %d\nQ: %s\nREL: %s\n", q.id, r, len(hits), q.text, cut(byID[rel[q.id]], 400))
		if r != 1 && len(hits) > 0 {
			fmt.Printf("TOP: %s\n", cut(byID[hits[0].ID], 400))
		}
	}
}

func TestZZSweep(t *testing.T) {
	if os.Getenv("ZZSWEEP") == "" {
		t.Skip()
	}
	var cfgs [][5]float64
	for _, line := range strings.Split(os.Getenv("ZZSWEEP"), ";") {
		var c [5]float64
		fmt.Sscanf(line, "%g,%g,%g,%g,%g", &c[0], &c[1], &c[2], &c[3], &c[4])
		cfgs = append(cfgs, c)
	}
	for _, c := range cfgs {
		zzMode, zzX, zzY, zzP, zzQQ = int(c[0]), c[1], c[2], c[3], c[4]
		if c[4] > 0 && zzMode != 20 && zzMode != 21 {
			strongRatio = int(c[4])
		}
		s, _ := zzEval(t, "dev")
		line := fmt.Sprintf("%v %s", c, s)
		if os.Getenv("ZZTEST") != "" {
			s, _ := zzEval(t, "test")
			line += " | " + s
		}
		fmt.Println(line)
	}
	zzMode, zzP, zzQQ = 0, 0, 0
	strongRatio = 3
}

func TestZZLen(t *testing.T) {
	if os.Getenv("ZZLEN") == "" {
		t.Skip()
	}
	docs := zzCorpus()
	ln := map[string]int{}
	for _, d := range docs {
		ln[d.ID] = len(vn.Tokens(d.Body))
	}
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	qs, rel := zzLoad(t, "dev", "queries.jsonl")
	for _, q := range qs {
		hits := ix.Search(q.text, 10)
		top := 0
		if len(hits) > 0 {
			top = ln[hits[0].ID]
		}
		avg := 0
		for _, h := range hits {
			avg += ln[h.ID]
		}
		if len(hits) > 0 {
			avg /= len(hits)
		}
		fmt.Printf("LEN %d %d %d %d\n", ln[rel[q.id]], top, avg, len(vn.Tokens(q.text)))
	}
}

func TestZZDiff(t *testing.T) {
	if os.Getenv("ZZDIFF") == "" {
		t.Skip()
	}
	set := os.Getenv("ZZDIFF")
	if os.Getenv("ORACLE") != "" {
		zzOracle = map[string][]string{}
		for _, set := range []string{"dev", "test"} {
			qa, _ := zzLoad(t, set, "queries.jsonl")
			for _, q := range qa {
				for _, p := range vn.Phrases(q.text) {
					zzOracle[strings.Join(foldAll(p), " ")] = p
				}
			}
		}
		defer func() { zzOracle = nil }()
	}
	docs := zzCorpus()
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	qa, rel := zzLoad(t, set, "queries.jsonl")
	qu, _ := zzLoad(t, set, "queries-unaccented.jsonl")
	b := ix.cur.Load()
	var sa, su float64
	for i := range qa {
		ra := zzRR(zzIDs(ix.Search(qa[i].text, 10)), rel[qa[i].id])
		ru := zzRR(zzIDs(ix.Search(qu[i].text, 10)), rel[qa[i].id])
		sa += ra
		su += ru
		if ra != ru {
			var rest []string
			for _, p := range vn.Phrases(qu[i].text) {
				rest = append(rest, strings.Join(b.restore(foldAll(p)), " "))
			}
			fmt.Printf("%s acc %.2f un %.2f\n  A: %s\n  R: %s\n", qa[i].id, ra, ru, qa[i].text, strings.Join(rest, " | "))
		}
	}
	fmt.Println(sa/float64(len(qa)), su/float64(len(qa)))
}

func zzIDs(h []Hit) []string {
	out := make([]string, len(h))
	for i := range h {
		out[i] = h[i].ID
	}
	return out
}

func zzContrib(b *built, groups []group, doc int32) map[string]float64 {
	out := map[string]float64{}
	for _, g := range groups {
		best := 0.0
		name := ""
		for _, a := range g.alts {
			v := 0.0
			for _, t := range a.terms {
				for _, p := range t.fold {
					if p.doc == doc {
						v += float64(t.wFold * p.score)
					}
				}
				for _, p := range t.acc {
					if p.doc == doc {
						v += float64(t.wAcc * p.score)
					}
				}
			}
			if v > best {
				best = v
			}
		}
		for _, a := range g.alts {
			if len(a.terms) > 0 {
				name = fmt.Sprint(len(a.terms[0].fold))
			}
			break
		}
		_ = name
		if best > 0 {
			out[fmt.Sprintf("g%d", len(out))] = best
		}
	}
	return out
}

func TestZZWhy(t *testing.T) {
	if os.Getenv("ZZWHY") == "" {
		t.Skip()
	}
	docs := zzCorpus()
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	b := ix.cur.Load()
	idx := map[string]int32{}
	for i, id := range b.ids {
		idx[id] = int32(i)
	}
	qs, rel := zzLoad(t, "dev", "queries.jsonl")
	n := 0
	for _, q := range qs {
		hits := ix.Search(q.text, 10)
		r := zzRR(zzIDs(hits), rel[q.id])
		if r < 0.2 || r == 1 {
			continue
		}
		n++
		if n > 12 {
			break
		}
		groups := b.plan(q.text, ix.syn)
		top, rd := idx[hits[0].ID], idx[rel[q.id]]
		fmt.Printf("=== %s rr %.2f Q: %s\n", q.id, r, q.text)
		var st, sr float64
		for gi, g := range groups {
			var vt, vr float64
			for _, a := range g.alts {
				var at, ar float64
				for _, tm := range a.terms {
					for _, p := range tm.fold {
						if p.doc == top {
							at += float64(tm.wFold * p.score)
						}
						if p.doc == rd {
							ar += float64(tm.wFold * p.score)
						}
					}
					for _, p := range tm.acc {
						if p.doc == top {
							at += float64(tm.wAcc * p.score)
						}
						if p.doc == rd {
							ar += float64(tm.wAcc * p.score)
						}
					}
				}
				vt, vr = max(vt, at), max(vr, ar)
			}
			st += vt
			sr += vr
			if vt > 0 || vr > 0 {
				fmt.Printf("  g%-3d df=%-5d top %.2f rel %.2f %s\n", gi, len(g.alts[0].terms[0].fold), vt, vr, zzGroupName(b, &g))
			}
		}
		fmt.Printf("  SUM top %.2f rel %.2f (title factors %.2f %.2f)\n", st, sr, hits[0].Score/st, 0.0)
	}
}

func zzGroupName(b *built, g *group) string {
	// find the term string by postings identity
	t := g.alts[0].terms[0]
	for k, p := range b.fold {
		if len(p.list) > 0 && len(t.fold) > 0 && &p.list[0] == &t.fold[0] {
			return k
		}
	}
	return "?"
}

func TestZZPairs(t *testing.T) {
	if os.Getenv("ZZPAIRS") == "" {
		t.Skip()
	}
	ix := New(vn.DefaultSynonyms())
	ix.Replace(zzCorpus())
	b := ix.cur.Load()
	for _, f := range strings.Split(os.Getenv("ZZPAIRS"), ",") {
		fmt.Println(f, "->")
		for _, a := range b.accOf[f] {
			fmt.Printf("   %s %d\n", a, len(b.acc[a].list))
		}
	}
}

func TestZZOracle(t *testing.T) {
	if os.Getenv("ZZORACLE") == "" {
		t.Skip()
	}
	zzOracle = map[string][]string{}
	for _, set := range []string{"dev", "test"} {
		qa, _ := zzLoad(t, set, "queries.jsonl")
		for _, q := range qa {
			for _, p := range vn.Phrases(q.text) {
				zzOracle[strings.Join(foldAll(p), " ")] = p
			}
		}
	}
	s, _ := zzEval(t, "dev")
	fmt.Println("oracle", s)
	if os.Getenv("ZZTEST") != "" {
		s, _ := zzEval(t, "test")
		fmt.Println("oracle", s)
	}
	zzOracle = nil
}

func TestZZPlan(t *testing.T) {
	q := os.Getenv("ZZPLAN")
	if q == "" {
		t.Skip()
	}
	ix := New(vn.DefaultSynonyms())
	ix.Replace(zzCorpus())
	b := ix.cur.Load()
	for _, text := range []string{q, vnFoldText(q)} {
		fmt.Println("##", text)
		for gi, g := range b.plan(text, ix.syn) {
			fmt.Printf("g%d content=%v rep=%d:", gi, g.content, g.repeats)
			for _, a := range g.alts {
				fmt.Printf(" [")
				for _, tm := range a.terms {
					fmt.Printf(" %s/%d*%.2f acc/%d*%.2f", zzName(b, tm.fold), len(tm.fold), tm.wFold, len(tm.acc), tm.wAcc)
				}
				fmt.Printf(" ]")
			}
			fmt.Println()
		}
	}
}

func vnFoldText(s string) string { return vn.Fold(vn.Normalize(s)) }

func zzName(b *built, l []posting) string {
	if len(l) == 0 {
		return "-"
	}
	for k, p := range b.fold {
		if len(p.list) > 0 && &p.list[0] == &l[0] {
			return k
		}
	}
	return "?"
}

func TestZZBuild(t *testing.T) {
	if os.Getenv("ZZBUILD") == "" {
		t.Skip()
	}
	for _, line := range strings.Split(os.Getenv("ZZBUILD"), ";") {
		var d, m float64
		fmt.Sscanf(line, "%g,%g", &d, &m)
		zzDelta, zzIDFMode = d, int(m)
		s, _ := zzEval(t, "dev")
		fmt.Println("build", line, s)
	}
	zzDelta, zzIDFMode = 0, 0
}

func TestZZCmp(t *testing.T) {
	if os.Getenv("ZZCMP") == "" {
		t.Skip()
	}
	var c [5]float64
	fmt.Sscanf(os.Getenv("ZZCMP"), "%g,%g,%g,%g,%g", &c[0], &c[1], &c[2], &c[3], &c[4])
	file := os.Getenv("FILE")
	ix := New(vn.DefaultSynonyms())
	ix.Replace(zzCorpus())
	qs, rel := zzLoad(t, "dev", file)
	for _, q := range qs {
		zzMode = 0
		r0 := zzRR(zzIDs(ix.Search(q.text, 10)), rel[q.id])
		zzMode, zzX, zzY, zzP, zzQQ = int(c[0]), c[1], c[2], c[3], c[4]
		r1 := zzRR(zzIDs(ix.Search(q.text, 10)), rel[q.id])
		if r0 != r1 {
			fmt.Printf("CMP %s %.2f -> %.2f %s\n", q.id, r0, r1, q.text)
		}
	}
	zzMode = 0
}

func TestZZBoiler(t *testing.T) {
	if os.Getenv("ZZBOIL") == "" {
		t.Skip()
	}
	var minDocs int
	fmt.Sscanf(os.Getenv("ZZBOIL"), "%d", &minDocs)
	docs := zzCorpus()
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '\n' || r == ',' })
	}
	cnt := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, p := range split(d.Body) {
			k := strings.TrimSpace(strings.ToLower(p))
			if k != "" && !seen[k] {
				seen[k] = true
				cnt[k]++
			}
		}
	}
	removed := 0
	for i := range docs {
		var keep []string
		for _, p := range split(docs[i].Body) {
			k := strings.TrimSpace(strings.ToLower(p))
			if cnt[k] >= minDocs {
				removed++
				continue
			}
			keep = append(keep, p)
		}
		docs[i].Body = strings.Join(keep, ". ")
	}
	fmt.Println("removed", removed)
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	for _, set := range []string{"dev", "test"} {
		for _, f := range []string{"queries.jsonl", "queries-unaccented.jsonl"} {
			qs, rel := zzLoad(t, set, f)
			var s float64
			for _, q := range qs {
				s += zzRR(zzIDs(ix.Search(q.text, 10)), rel[q.id])
			}
			fmt.Printf("BOIL %d %s %s %.4f\n", minDocs, set, f, s/float64(len(qs)))
		}
	}
}
