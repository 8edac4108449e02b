package search

import "github.com/loa-vn/loa/internal/vn"

// untelex reads each token of phrases that no document has as typed with
// the Telex keys of a keyboard whose conversion was off (vn.FromTelex),
// when a document has the syllable read: "hooj khaaur" is hộ khẩu. The
// syllable is put without its marks, so that the rest of a query typed
// without marks still has them restored, and "test" or "post", which no
// syllable of the index is in Telex, stay English.
func (b *built) untelex(phrases [][]string) {
	for _, p := range phrases {
		for i, tok := range p {
			if len(b.fold[vn.Fold(tok)].list) > 0 {
				continue
			}
			if s, ok := vn.FromTelex(tok); ok {
				if f := vn.Fold(s); len(b.fold[f].list) > 0 {
					p[i] = f
				}
			}
		}
	}
}
