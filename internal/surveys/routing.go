package surveys

import (
	"fmt"
	"strings"
)

// edges returns the pages that may follow page i: every route's target
// and, unless a route without conditions comes first, the next page. -1
// stands for the end.
func (d *Definition) edges(i int) []int {
	var out []int
	for _, r := range d.Pages[i].Routes {
		out = append(out, d.target(r.Goto))
		if len(r.If) == 0 {
			return out // the routes after an unconditional one are never taken
		}
	}
	if i+1 < len(d.Pages) {
		return append(out, i+1)
	}
	return append(out, -1)
}

// target is the index of the page a route goes to, -1 for the end.
func (d *Definition) target(id string) int {
	if id == End {
		return -1
	}
	return d.PageIndex(id)
}

// routeCycle returns the pages of a loop in the route graph, in order, or
// nil when there is none. Every edge counts, whatever its conditions: a
// loop that some answers would enter is refused, not only one that all
// answers enter.
func (d *Definition) routeCycle() []int {
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(d.Pages))
	var stack []int
	var found []int
	var visit func(i int) bool
	visit = func(i int) bool {
		colour[i] = grey
		stack = append(stack, i)
		for _, j := range d.edges(i) {
			if j < 0 {
				continue
			}
			switch colour[j] {
			case grey:
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k] == j {
						found = append(append([]int{}, stack[k:]...), j)
						return true
					}
				}
			case white:
				if visit(j) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		colour[i] = black
		return false
	}
	for i := range d.Pages {
		if colour[i] == white && visit(i) {
			return found
		}
	}
	return nil
}

// describeCycle names the pages of a loop: "trang 2 «Thủ tục» → trang 3 →
// trang 2 «Thủ tục»".
func (d *Definition) describeCycle(cycle []int) string {
	parts := make([]string, len(cycle))
	for k, i := range cycle {
		parts[k] = d.pageName(i)
	}
	return strings.Join(parts, " → ")
}

// pageName is "trang 2 (p2) «Title»".
func (d *Definition) pageName(i int) string {
	p := d.Pages[i]
	s := fmt.Sprintf("trang %d (%s)", i+1, p.ID)
	if p.Title != "" {
		s += " «" + p.Title + "»"
	}
	return s
}

// next is the page after page i given the clean answers so far: the first
// route whose conditions hold, or the next page; -1 for the end.
func (d *Definition) next(i int, clean Answers) int {
	for _, r := range d.Pages[i].Routes {
		if d.holds(r.If, clean) {
			return d.target(r.Goto)
		}
	}
	if i+1 < len(d.Pages) {
		return i + 1
	}
	return -1
}

// EndsAfter reports whether page i always ends the survey: every route and
// the default lead to the end, so its button may say "send".
func (d *Definition) EndsAfter(i int) bool {
	if i < 0 || i >= len(d.Pages) {
		return false
	}
	for _, j := range d.edges(i) {
		if j >= 0 {
			return false
		}
	}
	return true
}
