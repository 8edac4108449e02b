package assistant

import "github.com/loa-vn/loa/internal/vn"

// untelex reads the tokens of t that no service's text has as typed with
// the Telex keys of a keyboard whose conversion was off (vn.TelexFold),
// when the syllable read is one a service's text has: "hooj khaaur" is hộ
// khẩu, "lamf sao" làm sao. Only unknown tokens are read so: "test" and
// "post" would be Telex for tét and pót, but citizens who type them mean
// the English words. The syllable is put without its marks, as if typed
// so: a question typed without marks but for a Telex slip is still one
// whose marks the index restores (search.Index), and one typed with
// marks has its other words to go by.
func (m *model) untelex(t text) text {
	for pi, p := range t.folded {
		for i, f := range p {
			if m.known(f) || functionWords[f] {
				continue
			}
			if s, ok := vn.TelexFold(t.phrases[pi][i], m.known); ok {
				t.phrases[pi][i], t.folded[pi][i] = s, s
			}
		}
	}
	return t
}
