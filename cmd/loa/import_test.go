package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestPrintRejected checks that a long list of rejected lines is cut at
// maxShownErrors with the count of the rest, and a short one printed whole.
func TestPrintRejected(t *testing.T) {
	var list []error
	for i := range maxShownErrors + 3 {
		list = append(list, fmt.Errorf("dòng %d: lỗi", i+1))
	}
	var b strings.Builder
	printRejected(&b, list, "dòng khác")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != maxShownErrors+1 || lines[0] != "dòng 1: lỗi" || lines[maxShownErrors] != "… và 3 dòng khác" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	b.Reset()
	printRejected(&b, list[:2], "dòng khác")
	if b.String() != "dòng 1: lỗi\ndòng 2: lỗi\n" {
		t.Errorf("short list: %q", b.String())
	}
}
