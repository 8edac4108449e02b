package search

import (
	"strings"

	"github.com/loa-vn/loa/internal/vn"
)

// Weights of the kinds of query term, relative to a syllable typed as it
// is indexed.
const (
	// accentWeight is added for a match on the accented form, on top of the
	// folded match, when the query has diacritics: "khai sinh" typed with
	// marks prefers the exact words, typed without finds them all the same.
	accentWeight = 0.6
	// bigramWeight scales a pair of consecutive syllables. Pairs are rarer
	// than their syllables, so their IDF already makes a phrase match count
	// more than its words scattered through a page; at full weight the
	// pairs, two per syllable with the accented one, drown the syllables
	// (first set on UIT-ViCoV19QA's test split, which should not have
	// been used for it; the validation split's 177 questions put 0.5 to
	// 0.7 on one plateau, MRR@10 .414/.404 at 0.5 and .408/.402 at 0.7
	// accented/unaccented, against .402/.398 at 1).
	bigramWeight = 0.7
	// variantWeight is for the other i/y spelling (kí for ký).
	variantWeight = 0.9
	// typoWeight is for a syllable one edit from the one typed.
	typoWeight = 0.6
	// synonymWeight is for the expansion of an abbreviation or everyday name.
	synonymWeight = 0.7
	// restoreWeight scales the accented match of a query typed without
	// diacritics whose accents were restored from the index (restore.go):
	// a guess, but a good one (94% of syllables right on UIT-ViCoV19QA).
	// Left at 1: from 0.5 to 2 it moves MRR@10 on the development set of
	// doc.go by .002 at most.
	restoreWeight = 1.0
	// repeatK3 saturates a term the query repeats, as k1 does in the
	// document: a question that says "tiêm" three times ("tiêm được không?
	// tiêm ở đâu? sau khi tiêm ...") is not three times as much about
	// tiêm. The n-th occurrence brings the total to (k3+1)n/(k3+n) times
	// one: 1.33 for two, 1.5 for three, never more than 2.
	repeatK3 = 1.0
	// maxTypos bounds the corrections tried for one syllable.
	maxTypos = 8
	// strongRatio is how many times as many documents a correction (and its
	// pair) must be in as the syllable (and pair) typed to be trusted as
	// much as the words typed (see fixPair).
	strongRatio = 3
)

// term is one indexed term a query looks up, with its postings resolved.
type term struct {
	acc, fold   []posting
	wAcc, wFold float32
	// accMax and foldMax are the best scores in acc and fold.
	accMax, foldMax float32
	// word marks a syllable (not a pair) of an alt that counts words.
	word bool
	// title is 1 + the number of the syllable in the title vocabulary, or
	// 0 when it is in no title (or is a pair).
	title int32
}

// alt is one reading of part of a query: a literal syllable, a spelling
// variant, a correction, one expansion of an abbreviation. Its score in a
// document is the sum of its terms'.
type alt struct {
	terms []term
	// words, when not 0, is the number of syllables of an expansion. An
	// expansion names one thing ("giấy phép lái xe"), so a document that has
	// only some of its words ("giấy phép xây dựng") gets its score scaled by
	// the square of the share it has: expansions add recall for the thing,
	// not noise for every page that says "giấy".
	words int
	// demoted says the reading was weakened by a trusted correction.
	demoted bool
}

// one is the reading made of a single term.
func one(t term) alt { return alt{terms: []term{t}} }

// group is one part of a query with its readings. A document scores the
// best of the readings, not their sum: three corrections of one typo, or
// two expansions of one abbreviation, count once.
type group struct {
	alts []alt
	// content is false for function words (stop.go); a document that
	// matches only those is not a hit.
	content bool
	// repeats counts the other occurrences of the same term in the query.
	repeats int
}

// plan turns a query into groups: for each syllable and each pair of
// consecutive syllables, its readings; and for each abbreviation or
// everyday name (vn.Synonyms) one group whose readings are the words as
// typed and each expansion, so that "nhập hộ khẩu" counts once, as the best
// of its literal words and "đăng ký thường trú", not as both.
func (b *built) plan(q string, syn *vn.Synonyms) []group {
	phrases := vn.Phrases(q)
	folded := make([][]string, len(phrases))
	hasAccents := false
	for i, p := range phrases {
		folded[i] = foldAll(p)
		b.untelex(p, folded[i])
		for j := range p {
			if p[j] != folded[i][j] {
				hasAccents = true
			}
		}
	}
	// Accents typed are matched at accentWeight; without any, the accents
	// are restored from the index and matched a little less surely.
	accW := accentWeight
	if !hasAccents {
		accW *= restoreWeight
	}
	var groups []group
	seenExp := map[string]bool{}
	// repeated maps the single-reading groups by term, to count repeats.
	repeated := map[string]int{}
	for pi, p := range phrases {
		f := folded[pi]
		stop := stopMask(p, f, hasAccents)
		if !hasAccents {
			p = b.restore(f)
			// The restored reading says which syllables are function
			// words, as typed marks would: "co can" read as "có cần" is
			// two of them, where the folded list must leave "co" and
			// "can" alone (cơ quan, căn cước). Restoration reads each
			// syllable with its neighbours, so the mask follows the
			// words, not their letters (restore.go).
			for i, function := range stopMask(p, f, true) {
				stop[i] = stop[i] || function
			}
		}
		// span[i] is the index in spans of the term covering token i, or -1.
		span := make([]int, len(p))
		for i := range span {
			span[i] = -1
		}
		var spans []synSpan
		if syn != nil {
			spans = synonymSpans(syn.Find(f), span)
		}
		// typos[i] are the corrections of token i, found on first use.
		typos := make([][]string, len(p))
		typosOf := func(i int) []string {
			if typos[i] == nil {
				typos[i] = append(b.typos(f[i]), "") // "" marks the list as found
			}
			return typos[i][:len(typos[i])-1]
		}
		unigram := make([]int, len(p)) // index in groups of each syllable's group, or -1
		for i := range p {
			unigram[i] = -1
			if span[i] >= 0 {
				continue
			}
			w := 1.0
			if stop[i] {
				w = stopWeight
			}
			g := group{content: !stop[i]}
			g.alts = append(g.alts, one(b.term(p[i], f[i], w, accW)))
			if v, ok := vn.IYVariant(f[i]); ok {
				g.alts = append(g.alts, one(b.foldTerm(v, w*variantWeight)))
			}
			if len(b.fold[f[i]].list) == 0 {
				for _, c := range typosOf(i) {
					g.alts = append(g.alts, one(b.foldTerm(c, w*typoWeight)))
				}
			}
			if len(g.alts) == 1 && countRepeat(repeated, groups, p[i], stop[i]) {
				continue
			}
			unigram[i] = len(groups)
			groups = append(groups, g)
		}
		for i := 1; i < len(p); i++ {
			if span[i] >= 0 && span[i] == span[i-1] {
				continue // inside a term: part of its group
			}
			both := stop[i-1] && stop[i]
			w := bigramWeight
			if both {
				w *= stopWeight
			}
			g := group{content: !both}
			exact := f[i-1] + vn.BigramSep + f[i]
			g.alts = append(g.alts, one(b.term(p[i-1]+vn.BigramSep+p[i], exact, w, accW)))
			known := len(b.fold[exact].list) // documents with the pair as typed or as a variant
			for _, l := range withVariant(f[i-1]) {
				for _, r := range withVariant(f[i]) {
					if bg := l + vn.BigramSep + r; bg != exact && len(b.fold[bg].list) > 0 {
						g.alts = append(g.alts, one(b.foldTerm(bg, w*variantWeight)))
						known = max(known, len(b.fold[bg].list))
					}
				}
			}
			// A typo can be a word of its own ("hộ chịu" for "hộ chiếu"), so
			// correct one syllable where its neighbour shows which word was
			// meant: when the corrected pair is in more documents than the
			// pair as typed (in none, for most typos). A pair typed with
			// its marks that the index has as typed is no typo.
			typedPair := hasAccents && len(b.acc[p[i-1]+vn.BigramSep+p[i]].list) > 0
			if unigram[i] >= 0 && !typedPair {
				g.alts = b.fixPair(g.alts, &groups[unigram[i]], f[i-1], f[i], typosOf(i), w, false, known, !hasAccents)
			}
			if unigram[i-1] >= 0 && !typedPair {
				g.alts = b.fixPair(g.alts, &groups[unigram[i-1]], f[i], f[i-1], typosOf(i-1), w, true, known, !hasAccents)
			}
			if len(g.alts) == 1 && countRepeat(repeated, groups, p[i-1]+vn.BigramSep+p[i], both) {
				continue
			}
			groups = append(groups, g)
		}
		for _, sp := range spans {
			// Abbreviations and everyday names are matched on their
			// accents only when typed with them: without, the folded
			// expansions find the same services, and an expansion's
			// common words ("giấy", "điện tử") make its lists the longest
			// of the query, read twice with the accented ones.
			synW := 0.0
			if hasAccents {
				synW = accW
			}
			groups = append(groups, b.synonymGroup(sp, p[sp.start:sp.end], f[sp.start:sp.end], stop[sp.start:sp.end], synW, seenExp))
		}
	}
	for i := range groups {
		if n := groups[i].repeats; n > 0 {
			x := float64(n + 1)
			scale(&groups[i], float32((repeatK3+1)*x/(repeatK3+x)))
		}
	}
	return groups
}

// countRepeat reports whether the single-reading group of term (a
// function word there or not) is already in groups, counting the repeat
// there; if not, it records that the next group to be added is term's.
func countRepeat(repeated map[string]int, groups []group, term string, function bool) bool {
	if function {
		term = "\x00" + term
	}
	if i, ok := repeated[term]; ok {
		groups[i].repeats++
		return true
	}
	repeated[term] = len(groups)
	return false
}

// scale multiplies the weight of every reading of g by x.
func scale(g *group, x float32) {
	for i := range g.alts {
		for j := range g.alts[i].terms {
			g.alts[i].terms[j].wAcc *= x
			g.alts[i].terms[j].wFold *= x
		}
	}
}

// term resolves a literal term: the folded form at weight w, and the
// accented form (as typed or restored) at w × accW.
func (b *built) term(accented, folded string, w, accW float64) term {
	t := b.foldTerm(folded, w)
	if accW <= 0 {
		return t
	}
	if forms := b.accOf[folded]; len(forms) == 1 && forms[0] == accented {
		// The only accented form of the folded term: the same documents
		// with the same scores, so read one list, not two.
		t.wFold += float32(w * accW)
		return t
	}
	p := b.acc[accented]
	t.acc, t.accMax, t.wAcc = p.list, p.max, float32(w*accW)
	return t
}

// foldTerm resolves a term matched on its folded form only.
func (b *built) foldTerm(folded string, w float64) term {
	p := b.fold[folded]
	t := term{fold: p.list, foldMax: p.max, wFold: float32(w)}
	if len(t.fold) > 0 && !strings.Contains(folded, vn.BigramSep) {
		if id, ok := b.titleVocab[folded]; ok {
			t.title = id + 1
		}
	}
	return t
}
