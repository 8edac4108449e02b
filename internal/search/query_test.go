package search

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/loa-vn/loa/internal/vn"
)

func TestPlanSaturatesRepeatedTerms(t *testing.T) {
	b := build([]Doc{{ID: "a", Title: "Tiêm vắc xin"}, {ID: "b", Body: "tiêm phòng cho trẻ"}})
	once := b.plan("tiêm", nil)
	thrice := b.plan("tiêm? tiêm, tiêm", nil)
	if len(once) != 1 || len(thrice) != 1 {
		t.Fatalf("plan: %d and %d groups, want 1 each (a repeat joins its group)", len(once), len(thrice))
	}
	// Three times weighs (k3+1)·3/(k3+3) = 1.5 times once, not 3.
	w1 := once[0].alts[0].terms[0].wFold
	w3 := thrice[0].alts[0].terms[0].wFold
	if want := w1 * float32((repeatK3+1)*3/(repeatK3+3)); math.Abs(float64(w3-want)) > 1e-6 {
		t.Errorf("weight of tiêm said three times = %v, want %v (once: %v)", w3, want, w1)
	}
	// A function word and the same word as content are different terms.
	var groups []group
	repeated := map[string]int{}
	for _, function := range []bool{true, false} {
		if countRepeat(repeated, groups, "the", function) {
			t.Fatalf("the (function word %v) counted as a repeat", function)
		}
		groups = append(groups, group{})
	}
	if !countRepeat(repeated, groups, "the", true) || groups[0].repeats != 1 || groups[1].repeats != 0 {
		t.Errorf("second function-word the: repeats %d, want 1", groups[0].repeats)
	}
}

func TestTermSharesPostingsOfTheOnlyAccentedForm(t *testing.T) {
	b := build([]Doc{{ID: "a", Title: "Khai sinh"}, {ID: "b", Title: "Bàn giao"}, {ID: "c", Title: "Bán nhà"}})
	// khai_sinh has one accented form: one list, both weights on it.
	if tm := b.term("khai_sinh", "khai_sinh", 1, 0.6); tm.acc != nil || math.Abs(float64(tm.wFold-1.6)) > 1e-6 {
		t.Errorf("term(khai_sinh) reads acc %v at weight %v, want no accented list and weight 1.6", tm.acc, tm.wFold)
	}
	if &b.acc["khai_sinh"].list[0] != &b.fold["khai_sinh"].list[0] {
		t.Errorf("khai_sinh: accented postings are a copy, want the folded ones shared")
	}
	// ban has two: bàn is read apart.
	if tm := b.term("bàn", "ban", 1, 0.6); len(tm.acc) != 1 || len(tm.fold) != 2 {
		t.Errorf("term(bàn) = %d accented, %d folded postings, want 1 and 2", len(tm.acc), len(tm.fold))
	}
}

func TestExpansionRemembered(t *testing.T) {
	ix := testIndex(t)
	first := ix.Search("cccd", 0)
	b := ix.cur.Load()
	n := 0
	b.expansions.Range(func(any, any) bool { n++; return true })
	if n == 0 {
		t.Fatalf("no expansion remembered after Search(cccd)")
	}
	if again := ix.Search("cccd", 0); !slices.Equal(again, first) {
		t.Errorf("Search(cccd) from memory = %v, want %v", again, first)
	}
	// The remembered reading scores each document as its terms do.
	matches := vn.DefaultSynonyms().Find([]string{"cccd"})
	if len(matches) == 0 {
		t.Fatal("cccd is no synonym")
	}
	for _, e := range matches[0].Expansions {
		full := alt{words: len(e.Tokens)}
		for j := range e.Tokens {
			tm := b.term(e.Tokens[j], e.Folded[j], synonymWeight, accentWeight)
			tm.word = true
			full.terms = append(full.terms, tm)
			if j > 0 {
				full.terms = append(full.terms, b.term(e.Tokens[j-1]+vn.BigramSep+e.Tokens[j],
					e.Folded[j-1]+vn.BigramSep+e.Folded[j], synonymWeight*bigramWeight, accentWeight))
			}
		}
		s := ix.getScratch(len(b.ids), len(b.titleVocab))
		s.score(&group{alts: []alt{full}, content: true})
		want := map[int32]float32{}
		for _, d := range s.touched {
			want[d] = float32(s.total[d])
			s.total[d], s.flags[d] = 0, 0
		}
		s.touched = s.touched[:0]
		got := b.expansion(e, accentWeight)
		if len(got.terms[0].fold) != len(want) {
			t.Errorf("%s: remembered %d documents, terms match %d", e.Tokens, len(got.terms[0].fold), len(want))
		}
		for _, p := range got.terms[0].fold {
			if p.score != want[p.doc] {
				t.Errorf("%s: document %s scores %v remembered, %v from its terms", e.Tokens, b.ids[p.doc], p.score, want[p.doc])
			}
		}
	}
}

func TestTypedPairIsNoTypo(t *testing.T) {
	// "chịu" is one edit from "chiếu", and "hộ chiếu" is in many more
	// pages than "hộ chịu": without marks, "ho chiu" is read as a typo too,
	// and the hộ chiếu pages score for "chiếu". Typed with its marks, "hộ
	// chịu" is a pair the index has as typed: no typo, and a hộ chiếu page
	// scores for "hộ" alone.
	ix := New(nil)
	docs := []Doc{{ID: "ho-kinh-doanh", Title: "Đăng ký hộ kinh doanh", Body: "Chủ hộ chịu trách nhiệm về hoạt động kinh doanh."}}
	for i := range 6 {
		docs = append(docs, Doc{ID: fmt.Sprint("ho-chieu-", i), Title: "Cấp hộ chiếu", Body: fmt.Sprint("Hộ chiếu phổ thông để đi nước ngoài, số ", i)})
	}
	ix.Replace(docs)
	score := func(q string) float64 {
		for _, h := range ix.Search(q, 0) {
			if h.ID == "ho-chieu-0" {
				return h.Score
			}
		}
		return 0
	}
	ho := score("hộ")
	if typo := score("ho chiu"); !(typo > score("ho")) {
		t.Errorf("ho chiu: hộ chiếu page scores %v, no more than for ho alone (%v)", typo, score("ho"))
	}
	if typed := score("hộ chịu"); typed != ho {
		t.Errorf("hộ chịu: hộ chiếu page scores %v, want %v as for hộ alone", typed, ho)
	}
	if got := ids(ix.Search("hộ chịu", 1)); len(got) != 1 || got[0] != "ho-kinh-doanh" {
		t.Errorf("Search(hộ chịu) = %v, want ho-kinh-doanh first", got)
	}
}

func TestPlanMasksRestoredFunctionWords(t *testing.T) {
	b := build([]Doc{
		{ID: "a", Body: "Bạn có cần mang giấy tờ gì không? Có cần nộp bản sao không?"},
		{ID: "b", Title: "Cấp thẻ căn cước", Body: "Cơ quan công an cấp thẻ căn cước."},
		{ID: "c", Body: "Có cần đặt lịch trước không?"},
	})
	// content reports, for each syllable of a query of distinct
	// syllables, whether its group counts as content: plan makes the
	// syllables' groups first, in order, then the pairs'.
	content := func(q string) []bool {
		var out []bool
		for _, g := range b.plan(q, nil)[:len(vn.Tokens(q))] {
			out = append(out, g.content)
		}
		return out
	}
	// "co can" reads as "có cần" here: function words, as when typed with
	// their marks, though the folded list keeps "co" and "can" as content.
	if got := b.restore([]string{"co", "can", "giay", "to"}); !slices.Equal(got[:2], []string{"có", "cần"}) {
		t.Fatalf("restore(co can giay to) = %v, want có cần first", got)
	}
	if got := content("co can giay to"); !slices.Equal(got, []bool{false, false, true, true}) {
		t.Errorf("co can giay to: content = %v, want co and can function words", got)
	}
	// "can cuoc" reads as "căn cước": content, not the function word cần.
	if got := b.restore([]string{"the", "can", "cuoc"}); got[1] != "căn" {
		t.Fatalf("restore(the can cuoc) = %v, want căn", got)
	}
	if got := content("the can cuoc"); !slices.Equal(got, []bool{true, true, true}) {
		t.Errorf("the can cuoc: content = %v, want all content (thẻ căn cước)", got)
	}
}
