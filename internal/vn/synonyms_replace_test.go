package vn

import "testing"

func TestSynonymsReplace(t *testing.T) {
	shared := DefaultSynonyms()
	if err := shared.Add("gpxdtq", "giấy phép xây dựng tạm"); err != nil {
		t.Fatal(err)
	}
	if len(shared.Expand([]string{"gpxdtq"})) != 1 {
		t.Fatal("added row not found")
	}
	fresh := DefaultSynonyms()
	shared.Replace(fresh)
	if got := shared.Expand([]string{"gpxdtq"}); len(got) != 0 {
		t.Errorf("row kept after Replace: %v", got)
	}
	if got := shared.Expand([]string{"cccd"}); len(got) == 0 {
		t.Error("curated row lost after Replace")
	}
	// The two tables stay independent.
	if err := fresh.Add("xyzw", "giấy phép"); err != nil {
		t.Fatal(err)
	}
	if got := shared.Expand([]string{"xyzw"}); len(got) != 0 {
		t.Errorf("Add on the source reached the replaced table: %v", got)
	}
	if err := shared.Add("abcq", "giấy phép"); err != nil {
		t.Fatal(err)
	}
	if got := fresh.Expand([]string{"abcq"}); len(got) != 0 {
		t.Errorf("Add on the replaced table reached the source: %v", got)
	}
}
