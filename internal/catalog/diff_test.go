package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestDiffShowsChangedStep(t *testing.T) {
	a := &Revision{Body: guideBody("Đăng nhập VNeID", "Điền tờ khai", "Nộp lệ phí")}
	b := &Revision{Body: guideBody("Đăng nhập VNeID", "Điền tờ khai điện tử TK01", "Nộp lệ phí")}
	lines := Diff(a, b)
	var steps []DiffLine
	for _, l := range lines {
		if l.Section == "Các bước" {
			steps = append(steps, l)
		}
	}
	want := []DiffLine{
		{Section: "Các bước", Op: DiffSame, Text: "Đăng nhập VNeID", Old: 1, New: 1},
		{Section: "Các bước", Op: DiffRemoved, Text: "Điền tờ khai", Old: 2},
		{Section: "Các bước", Op: DiffAdded, Text: "Điền tờ khai điện tử TK01", New: 2},
		{Section: "Các bước", Op: DiffSame, Text: "Nộp lệ phí", Old: 3, New: 3},
	}
	if !slices.Equal(steps, want) {
		t.Fatalf("steps diff =\n%v\nwant\n%v", steps, want)
	}
	for _, l := range lines {
		if l.Section != "Các bước" && l.Op != DiffSame {
			t.Errorf("unexpected change outside the steps: %+v", l)
		}
	}
	if !Changed(lines) || Changed(Diff(a, a)) {
		t.Error("Changed is wrong")
	}
	text := FormatDiff(lines)
	for _, s := range []string{"## Tóm tắt\n  Hộ chiếu để ra nước ngoài.\n", "## Các bước\n", "- Điền tờ khai\n+ Điền tờ khai điện tử TK01\n",
		"## Câu hỏi thường gặp\n  Hỏi: Làm hộ chiếu mất bao lâu?\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("formatted diff lacks %q:\n%s", s, text)
		}
	}
}

func TestDiffInsertedStepKeepsOthersSame(t *testing.T) {
	a := &Revision{Body: guideBody("Một", "Hai", "Ba")}
	b := &Revision{Body: guideBody("Một", "Mới", "Hai", "Ba")}
	var got []string
	for _, l := range Diff(a, b) {
		if l.Section == "Các bước" {
			got = append(got, fmt.Sprintf("%s %s %d/%d", l.Op, l.Text, l.Old, l.New))
		}
	}
	want := []string{"same Một 1/1", "added Mới 0/2", "same Hai 2/3", "same Ba 3/4"}
	if !slices.Equal(got, want) {
		t.Fatalf("diff = %v, want %v", got, want)
	}
}

func TestDiffFromNothingAndNotes(t *testing.T) {
	b := &Revision{Body: Body{Note: "Dòng một\n\nDòng hai"}}
	lines := Diff(nil, b)
	want := []DiffLine{
		{Section: "Ghi chú địa phương", Op: DiffAdded, Text: "Dòng một", New: 1},
		{Section: "Ghi chú địa phương", Op: DiffAdded, Text: "Dòng hai", New: 2},
	}
	if !slices.Equal(lines, want) {
		t.Fatalf("diff = %+v", lines)
	}
	if got := Diff(b, nil); len(got) != 2 || got[0].Op != DiffRemoved {
		t.Fatalf("diff to nothing = %+v", got)
	}
	if got := Diff(nil, nil); len(got) != 0 {
		t.Fatalf("diff of nothing = %+v", got)
	}
}

func TestDiffFAQs(t *testing.T) {
	a := Body{FAQs: []FAQ{{Question: "Q1", Answer: "A1"}, {Question: "Q2", Answer: "A2", Paraphrases: []string{"q2"}}}}
	b := Body{FAQs: []FAQ{{Question: "Q2", Answer: "A2 mới", Paraphrases: []string{"q2"}}}}
	got := FormatDiff(DiffBodies(&a, &b))
	want := "## Câu hỏi thường gặp\n- Hỏi: Q1\n- Đáp: A1\n  Hỏi: Q2\n- Đáp: A2\n+ Đáp: A2 mới\n  Cách hỏi khác: q2\n"
	if got != want {
		t.Fatalf("diff =\n%s\nwant\n%s", got, want)
	}
}

// TestDiffLinesIsAMinimalEditScript checks on random inputs that the diff
// rebuilds both sides and keeps as many lines as the longest common
// subsequence.
func TestDiffLinesIsAMinimalEditScript(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "c", "d"}
	gen := func() []string {
		out := make([]string, r.IntN(12))
		for i := range out {
			out[i] = words[r.IntN(len(words))]
		}
		return out
	}
	for range 2000 {
		a, b := gen(), gen()
		var gotA, gotB []string
		same := 0
		for _, l := range diffLines(a, b) {
			if l.Op != DiffAdded {
				gotA = append(gotA, l.Text)
				if a[l.Old-1] != l.Text {
					t.Fatalf("Old position wrong in %v → %v", a, b)
				}
			}
			if l.Op != DiffRemoved {
				gotB = append(gotB, l.Text)
				if b[l.New-1] != l.Text {
					t.Fatalf("New position wrong in %v → %v", a, b)
				}
			}
			if l.Op == DiffSame {
				same++
			}
		}
		if !slices.Equal(gotA, a) || !slices.Equal(gotB, b) {
			t.Fatalf("diff of %v → %v does not rebuild them: %v, %v", a, b, gotA, gotB)
		}
		if want := lcsLen(a, b); same != want {
			t.Fatalf("diff of %v → %v keeps %d lines, LCS is %d", a, b, same, want)
		}
	}
}

// lcsLen is the textbook LCS length, independent of diffMiddle's table.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDiffBetweenStoredVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, _ := editorialStore(t, d)
		ctx := context.Background()
		v1 := mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("Một", "Hai"), "v1")
		v2 := mustPublish(t, s, bcaEditor, bcaReviewer, svcPassport, "", guideBody("Một", "Hai đã sửa"), "v2")
		a, _ := s.Get(ctx, v1.ID)
		b, _ := s.Get(ctx, v2.ID)
		if got := FormatDiff(Diff(a, b)); !strings.Contains(got, "- Hai\n+ Hai đã sửa\n") {
			t.Fatalf("diff of stored versions:\n%s", got)
		}
	})
}
