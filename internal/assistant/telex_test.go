package assistant

import (
	"slices"
	"testing"
)

// Tokens no service's text has are read as Telex when the syllable read
// is one some text has; known words and English ones stay.
func TestUntelex(t *testing.T) {
	m, _ := demo()
	got := m.untelex(analyze("hooj khaaur lamf sao, test covid"))
	want := [][]string{{"ho", "khau", "lam", "sao"}, {"test", "covid"}}
	if !slices.EqualFunc(got.folded, want, slices.Equal) || got.phrases[0][0] != "ho" {
		t.Errorf("untelex: %q / %q", got.phrases, got.folded)
	}
}
