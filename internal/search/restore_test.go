package search

import (
	"slices"
	"testing"
)

func TestRestore(t *testing.T) {
	b := build([]Doc{
		{ID: "1", Title: "Bàn giao nhà ở", Body: "Biên bản bàn giao; bàn giao đất"},
		{ID: "2", Title: "Bán nhà ở", Body: "Hợp đồng mua bán nhà; bán đấu giá"},
		{ID: "3", Title: "Bạn bè", Body: "Bạn bè và người thân"},
		{ID: "4", Title: "Covid-19", Body: "Tiêm vaccine covid"},
	})
	tests := []struct {
		folded []string
		want   []string
	}{
		// The pair decides between bàn, bán and bạn.
		{[]string{"ban", "giao"}, []string{"bàn", "giao"}},
		{[]string{"mua", "ban"}, []string{"mua", "bán"}},
		{[]string{"ban", "be"}, []string{"bạn", "bè"}},
		{[]string{"ban", "dau", "gia"}, []string{"bán", "đấu", "giá"}},
		// Alone, the most frequent reading; words without marks stay.
		{[]string{"nha"}, []string{"nhà"}},
		{[]string{"vaccine", "covid"}, []string{"vaccine", "covid"}},
		// Unknown syllables stay as typed and do not break the chain.
		{[]string{"ban", "xyz", "giao"}, []string{"bàn", "xyz", "giao"}},
		{nil, []string{}},
	}
	for _, tt := range tests {
		if got := b.restore(tt.folded); !slices.Equal(got, tt.want) {
			t.Errorf("restore(%q) = %q, want %q", tt.folded, got, tt.want)
		}
	}
}

func TestSearchRestoresAccents(t *testing.T) {
	// Both titles fold to the same words, so on folded text alone they
	// tie and the ID puts "a-ban" first. The index knows "bàn giao" far
	// better than "bán giao", so the query typed without marks reads as
	// bàn giao; typed with marks, the marks decide.
	ix := New(nil)
	ix.Replace([]Doc{
		{ID: "a-ban", Title: "Bán giao"},
		{ID: "b-ban", Title: "Bàn giao"},
		{ID: "x1", Title: "Biên bản", Body: "biên bản bàn giao tài sản"},
		{ID: "x2", Title: "Công trình", Body: "bàn giao công trình"},
	})
	if got := ids(ix.Search("ban giao", 2)); !slices.Equal(got, []string{"b-ban", "a-ban"}) {
		t.Errorf("Search(ban giao) = %v, want b-ban (bàn giao) first", got)
	}
	if got := ids(ix.Search("bán giao", 2)); !slices.Equal(got, []string{"a-ban", "b-ban"}) {
		t.Errorf("Search(bán giao) = %v, want a-ban (bán giao) first", got)
	}
}
