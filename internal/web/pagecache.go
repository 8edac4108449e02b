package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
)

// pageCacheMax bounds the number of cached pages. Public pages are few (one
// per service, life event, agency and province), but search pages are keyed
// by what citizens type, so the cache is emptied rather than left to grow.
const pageCacheMax = 4096

// renderedPage is a public page rendered once: the HTML, its gzip form for
// slow mobile networks, and an ETag so a returning phone downloads nothing.
type renderedPage struct {
	html    []byte
	gzipped []byte
	etag    string
}

// pageCache keeps rendered public pages for one catalogue version. Every
// public page is a pure function of the published catalogue (and the
// reference data loaded at start), so a page rendered once can be served
// until the catalogue changes; a new version empties the cache.
type pageCache struct {
	mu      sync.RWMutex
	version int64
	pages   map[string]*renderedPage
}

func newPageCache() *pageCache { return &pageCache{pages: map[string]*renderedPage{}} }

// get returns the page cached under key for the catalogue version.
func (c *pageCache) get(version int64, key string) *renderedPage {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.version != version {
		return nil
	}
	return c.pages[key]
}

// put caches p under key for the version, dropping pages of older versions.
func (c *pageCache) put(version int64, key string, p *renderedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version < c.version {
		return
	}
	if version != c.version || len(c.pages) >= pageCacheMax {
		c.version, c.pages = version, map[string]*renderedPage{}
	}
	c.pages[key] = p
}

// newRenderedPage compresses html and computes its ETag.
func newRenderedPage(html []byte) (*renderedPage, error) {
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(html); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(html)
	return &renderedPage{html: html, gzipped: gz.Bytes(), etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}, nil
}

// renderCached serves the page cached under key, rendering it with view()
// on a miss. Only successful, deterministic GET pages may use it.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, key, page string, view func() (any, error)) error {
	return s.serveCached(w, r, s.cache, s.cfg.Catalog.Current().Version, key, page, view)
}

// serveCached serves the page c holds under key for the data version,
// rendering the template page with view() and caching it on a miss.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, c *pageCache, version int64, key, page string, view func() (any, error)) error {
	p := c.get(version, key)
	if p == nil {
		v, err := view()
		if err != nil {
			return err
		}
		html, err := s.execute(page, v)
		if err != nil {
			return err
		}
		if p, err = newRenderedPage(html); err != nil {
			return err
		}
		c.put(version, key, p)
	}
	writeRendered(w, r, p)
	return nil
}

// writeRendered writes a cached page, answering 304 when the client has it
// and sending the gzip form when the client accepts it.
func writeRendered(w http.ResponseWriter, r *http.Request, p *renderedPage) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Vary", "Accept-Encoding")
	h.Set("ETag", p.etag)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=60")
	}
	if r.Header.Get("If-None-Match") == p.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := p.html
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = p.gzipped
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
