package search

import "github.com/loa-vn/loa/internal/vn"

// untelex reads each token of phrase p (folded as f) that no document
// has as typed with the Telex keys of a keyboard whose conversion was
// off, when a document has the syllable read (vn.TelexFold): "hooj
// khaaur" is hộ khẩu. The syllable is put without its marks, so that the
// rest of a query typed without marks still has them restored, and
// "test" or "post", which no syllable of the index is in Telex, stay
// English.
func (b *built) untelex(p, f []string) {
	known := func(folded string) bool { return len(b.fold[folded].list) > 0 }
	for i, tok := range p {
		if known(f[i]) {
			continue
		}
		if s, ok := vn.TelexFold(tok, known); ok {
			p[i], f[i] = s, s
		}
	}
}
