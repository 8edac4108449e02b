package assistant

import (
	"strings"
	"testing"
)

func TestSaysDied(t *testing.T) {
	tests := []struct {
		q    string
		word string // the word that says it, or "" for none
	}{
		{"bố em vừa mất hôm qua", "mất"},
		{"ông tôi mất rồi", "mất"},
		{"bo em chet o nha", "chet"},
		{"bà ngoại mất", "mất"},
		{"mẹ tôi mất giấy khai sinh", ""}, // lost, not died
		{"chồng em mất ví", ""},
		{"bố bị đau mắt", ""}, // an eye, typed with its marks
		{"mất căn cước rồi", ""},
		{"hôm qua mất điện", ""},
	}
	for _, tt := range tests {
		tx := analyze(tt.q)
		got := ""
		for pi, p := range tx.folded {
			for i := range p {
				if saysDied(tx, pi, i) {
					got = tx.phrases[pi][i]
				}
			}
		}
		if got != tt.word {
			t.Errorf("%q: %q, want %q", tt.q, got, tt.word)
		}
	}
}

// A death told without naming anything is read as one: the assistant
// answers with the death registration, not as out of scope.
func TestDecideReadsADeath(t *testing.T) {
	for _, q := range []string{"ông tôi mất rồi, làm giấy gì", "bố em vừa mất hôm qua ở nhà, giờ gia đình phải báo với xã những gì ạ"} {
		r := ask(State{}, q)
		if r.status != StatusAnswered || !strings.HasPrefix(r.svc.Slug, "dang-ky-khai-tu") {
			t.Errorf("%q: %s %s", q, r.status, slugOf(r))
		}
	}
	if r := ask(State{}, "mẹ tôi mất giấy khai sinh"); slugOf(r) == "dang-ky-khai-tu" {
		t.Error("a lost paper read as a death")
	}
}
