package search

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

type zzQT struct {
	term string
	w    float64
}

// query terms with weights, as the engine would (roughly).
func zzQueryTerms(b *built, q string, acc bool) []zzQT {
	var out []zzQT
	for _, p := range vn.Phrases(q) {
		f := foldAll(p)
		hasAcc := acc
		stop := stopMask(p, f, hasAcc)
		if !hasAcc {
			p = b.restore(f)
			for i, fn := range stopMask(p, f, true) {
				stop[i] = stop[i] || fn
			}
		}
		for i := range p {
			w := 1.0
			if stop[i] {
				w = stopWeight
			}
			out = append(out, zzQT{"F" + f[i], w}, zzQT{"A" + p[i], w * accentWeight})
			if i > 0 {
				bw := bigramWeight
				if stop[i] && stop[i-1] {
					bw *= stopWeight
				}
				out = append(out, zzQT{"F" + f[i-1] + "_" + f[i], bw}, zzQT{"A" + p[i-1] + "_" + p[i], bw * accentWeight})
			}
		}
	}
	return out
}

func zzDocTerms(d Doc) (map[string]float64, float64) {
	tf := map[string]float64{}
	n := 0.0
	for _, p := range vn.Phrases(d.Title + ". " + d.Body) {
		f := foldAll(p)
		for i := range p {
			n++
			tf["F"+f[i]]++
			tf["A"+p[i]]++
			if i > 0 {
				tf["F"+f[i-1]+"_"+f[i]]++
				tf["A"+p[i-1]+"_"+p[i]]++
			}
		}
	}
	return tf, n
}

func envF(k string, d float64) float64 {
	if v := os.Getenv(k); v != "" {
		x, _ := strconv.ParseFloat(v, 64)
		return x
	}
	return d
}

func TestZZLM(t *testing.T) {
	if os.Getenv("ZZLM") == "" {
		t.Skip()
	}
	docs := zzCorpus()
	ix := New(vn.DefaultSynonyms())
	ix.Replace(docs)
	b := ix.cur.Load()
	type dd struct {
		id string
		tf map[string]float64
		n  float64
	}
	var D []dd
	cf := map[string]float64{}
	df := map[string]float64{}
	total := 0.0
	for _, d := range docs {
		tf, n := zzDocTerms(d)
		D = append(D, dd{d.ID, tf, n})
		for k, v := range tf {
			cf[k] += v
			df[k]++
		}
		total += n
	}
	avdl := total / float64(len(D))
	dnorm := make([]float64, len(D))
	for i, d := range D {
		for k, v := range d.tf {
			w := (1 + math.Log(v)) * math.Log(float64(len(D))/df[k])
			dnorm[i] += w * w
		}
		dnorm[i] = math.Sqrt(dnorm[i])
	}
	// inverted
	inv := map[string][]int{}
	for i, d := range D {
		for k := range d.tf {
			inv[k] = append(inv[k], i)
		}
	}
	mus := []float64{envF("MU", 300)}
	alphas := []float64{0, 0.2, 0.3, 0.5, 0.7, 1}
	sets := []string{"dev"}
	if os.Getenv("ZZTEST") != "" {
		sets = append(sets, "test")
	}
	for _, set := range sets {
		for _, file := range []string{"queries.jsonl", "queries-unaccented.jsonl"} {
			qs, rel := zzLoad(t, set, file)
			for _, mu := range mus {
				res := make([]float64, len(alphas))
				up := make([]int, len(alphas))
				down := make([]int, len(alphas))
				var base float64
				resR := make([]float64, 3)
				for _, q := range qs {
					hits := ix.Search(q.text, 0)
					eng := map[string]float64{}
					for _, h := range hits {
						eng[h.ID] = h.Score
					}
					qt := zzQueryTerms(b, q.text, file == "queries.jsonl")
					lm := map[string]float64{}
					qw := 0.0
					for _, x := range qt {
						if cf[x.term] == 0 {
							continue
						}
						qw += x.w
						pc := cf[x.term] / total
						for _, di := range inv[x.term] {
							lm[D[di].id] += x.w * math.Log(1+D[di].tf[x.term]/(mu*pc))
						}
					}
					idx := map[string]int{}
					for i, d := range D {
						idx[d.id] = i
					}
					if os.Getenv("COS") != "" {
						lm = map[string]float64{}
						for _, x := range qt {
							if df[x.term] == 0 {
								continue
							}
							idf := math.Log(float64(len(D)) / df[x.term])
							for _, di := range inv[x.term] {
								tfw := 1 + math.Log(D[di].tf[x.term])
								if os.Getenv("PIV") != "" {
									tfw = 1 + math.Log(1+math.Log(D[di].tf[x.term]))
								}
								lm[D[di].id] += x.w * idf * tfw * idf
							}
						}
						for id := range lm {
							if os.Getenv("PIV") != "" {
								sl := envF("PIV", 0.2)
								lm[id] /= (1 - sl + sl*D[idx[id]].n/avdl)
							} else {
								lm[id] /= math.Pow(dnorm[idx[id]], envF("COSP", 1))
							}
						}
					} else {
						for id := range lm {
							lm[id] += qw * math.Log(mu/(D[idx[id]].n+mu))
						}
					}
					// normalise: min-max over union of top 100 each.
					er := zzRank(eng)
					lr := zzRank(lm)
					norm := func(s map[string]float64, r []string) map[string]float64 {
						out := map[string]float64{}
						if len(r) == 0 {
							return out
						}
						k := min(len(r), 100)
						hi, lo := s[r[0]], s[r[k-1]]
						for _, id := range r[:k] {
							out[id] = (s[id] - lo) / (hi - lo + 1e-9)
						}
						return out
					}
					en, ln := norm(eng, er), norm(lm, lr)
					if os.Getenv("RAW") != "" {
						en, ln = eng, lm
					}
					for ai, a := range alphas {
						f := map[string]float64{}
						for id, v := range en {
							f[id] += v
						}
						for id, v := range ln {
							if _, ok := en[id]; ok || os.Getenv("RAW") == "" {
								f[id] += a * v
							}
						}
						rr := zzRR(zzRank(f), rel[q.id])
						res[ai] += rr
						if ai == 0 {
							base = rr
						}
						if rr > base {
							up[ai]++
						} else if rr < base {
							down[ai]++
						}
					}
					// RRF
					rrf := map[string]float64{}
					for i, id := range er {
						if i < 100 {
							rrf[id] += 1 / (60 + float64(i+1))
						}
					}
					for i, id := range lr {
						if i < 100 {
							rrf[id] += 1 / (60 + float64(i+1))
						}
					}
					resR[0] += zzRR(zzRank(rrf), rel[q.id])
					resR[1] += zzRR(er, rel[q.id])
					resR[2] += zzRR(lr, rel[q.id])
				}
				n := float64(len(qs))
				fmt.Printf("%s %s mu=%g eng=%.4f lm=%.4f rrf=%.4f |", set, file[:9], mu, resR[1]/n, resR[2]/n, resR[0]/n)
				for ai, a := range alphas {
					fmt.Printf(" a%g=%.4f(+%d-%d)", a, res[ai]/n, up[ai], down[ai])
				}
				fmt.Println()
			}
		}
	}
}
