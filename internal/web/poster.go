package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"
	"unicode/utf8"

	"rsc.io/qr"

	"github.com/loa-vn/loa/internal/catalog"
)

// posterPage renders the printable A4 poster with a QR code to the guide.
func (s *Server) posterPage(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	base := s.baseURL(r)
	target := base + "/dich-vu/" + svc.Slug
	return s.renderCached(w, r, "poster:"+target, "poster", func() (any, error) {
		svg, err := qrSVG(target, svc.Name)
		if err != nil {
			return nil, err
		}
		return posterView{Service: svc, URL: target, QR: svg, Assistant: base + "/tro-ly", Density: posterDensity(svc)}, nil
	})
}

// baseURL is the configured public address, or the one the request came to.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// qrSVG encodes text as a QR code drawn in SVG: one path, crisp at any print
// size, and a few kilobytes instead of an image. Level M survives a
// scuffed poster on a notice board.
func qrSVG(text, label string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", fmt.Errorf("web: qr code: %w", err)
	}
	const quiet = 4
	n := code.Size
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges"><rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="`,
		n+2*quiet, n+2*quiet, template.HTMLEscapeString("Mã QR: "+label))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if code.Black(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}

// posterDensity chooses the poster's type size, so that a long guide stays
// on one A4 sheet in the largest type that fits: "" (the normal size),
// "dense" or "denser" (poster.css). The two columns (papers, steps) are
// side by side, so the taller one counts, with the name and the summary
// above them; each is measured in lines of a column at that size
// (posterHeight).
func posterDensity(svc *catalog.Service) string {
	for _, lv := range posterLevels {
		if posterHeight(svc, lv.perLine) <= lv.fits {
			return lv.class
		}
	}
	return "denser"
}

// posterLevels are the type sizes tried, largest first, before the
// smallest ("denser"): the characters a column line holds at that size,
// and the height, in those lines, that still fits on the sheet. Found by
// printing every demo poster at every size with Chromium: at the normal
// size the shortest that spilled onto a second sheet measured 27 lines
// and the tallest that fitted 29.5 (the measure is rough), at the dense
// size 31.7 and 31.5; the limits sit below both.
var posterLevels = []struct {
	class   string
	perLine int
	fits    float64
}{
	{"", 38, 26.5},
	{"dense", 43, 30.5},
}

// posterHeight estimates the printed height of a poster in column lines
// when a column line holds perLine characters: the name in type about
// twice as large (a line of it about as long as a column line, and twice
// as tall), the summary across both columns, and the taller column, each
// of its items a little apart from the next.
func posterHeight(svc *catalog.Service, perLine int) float64 {
	lines := func(text string, width float64) float64 {
		return math.Ceil(float64(utf8.RuneCountInString(text)) / width)
	}
	k := float64(perLine)
	h := 2.2 * lines(svc.Name, k*1.05)
	g := svc.Guide
	if g == nil {
		return h
	}
	h += 1.1 * lines(g.Summary, 2*k)
	column := func(items []string) float64 {
		var n float64
		for _, it := range items {
			n += lines(it, k) + 0.4
		}
		return n
	}
	return h + max(column(g.Prepare), column(g.Steps))
}
