package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"rsc.io/qr"
)

// posterPage renders the printable A4 poster with a QR code to the guide.
func (s *Server) posterPage(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	target := s.baseURL(r) + "/dich-vu/" + svc.Slug
	return s.renderCached(w, r, "poster:"+target, "poster", func() (any, error) {
		svg, err := qrSVG(target, svc.Name)
		if err != nil {
			return nil, err
		}
		return posterView{Service: svc, URL: target, QR: svg}, nil
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
