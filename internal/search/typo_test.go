package search

import (
	"slices"
	"testing"
)

func TestDeletions(t *testing.T) {
	if got, want := deletions("chieu"), []string{"hieu", "cieu", "cheu", "chiu", "chie"}; !slices.Equal(got, want) {
		t.Errorf("deletions(chieu) = %q, want %q", got, want)
	}
	if got, want := deletions("sinhh"), []string{"inhh", "snhh", "sihh", "sinh"}; !slices.Equal(got, want) {
		t.Errorf("deletions(sinhh) = %q, want %q", got, want)
	}
	if got, want := deletions("đăng"), []string{"ăng", "đng", "đăg", "đăn"}; !slices.Equal(got, want) {
		t.Errorf("deletions(đăng) = %q, want %q", got, want)
	}
}

func TestTypos(t *testing.T) {
	b := build([]Doc{
		{ID: "a", Title: "Cấp hộ chiếu phổ thông"},
		{ID: "b", Title: "Hộ chiếu công vụ"},
		{ID: "c", Title: "Chịu trách nhiệm; chiêu sinh"},
	})
	tests := []struct {
		in   string
		want []string
	}{
		// Every edit kind; the most common correction first.
		{"chiu", []string{"chieu"}},          // insertion (chiu itself is indexed, not a typo of itself)
		{"chieuu", []string{"chieu"}},        // deletion
		{"chiey", []string{"chieu"}},         // substitution
		{"cheiu", []string{"chieu", "chiu"}}, // transposition; or e inserted
		{"phoo", []string{"pho"}},            // down to 3 letters
		{"ho", nil},                          // too short to correct
		{"zzzz", nil},
	}
	for _, tt := range tests {
		if got := b.typos(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("typos(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
