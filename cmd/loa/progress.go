package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// progress draws a one-line bar on a terminal and nothing elsewhere, so
// logs and pipes stay clean.
type progress struct {
	w     io.Writer
	label string
	on    bool
	last  int
}

func newProgress(w io.Writer, label string) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, label: label, on: ok && term.IsTerminal(int(f.Fd())), last: -1}
}

// update redraws the bar when the whole percentage changes.
func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.last {
		return
	}
	p.last = pct
	const width = 30
	filled := pct * width / 100
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d%% (%d/%d)", p.label, strings.Repeat("█", filled), strings.Repeat("░", width-filled), pct, done, total)
}

// done ends the bar's line.
func (p *progress) done() {
	if p.on && p.last >= 0 {
		fmt.Fprintln(p.w)
	}
}
