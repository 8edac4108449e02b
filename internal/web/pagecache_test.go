package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestPageCacheKeepsOneVersion(t *testing.T) {
	c := newPageCache()
	p1, err := newRenderedPage([]byte("<p>một</p>"))
	if err != nil {
		t.Fatal(err)
	}
	c.put(1, "home", p1)
	if c.get(1, "home") != p1 {
		t.Fatal("cached page not returned")
	}
	if c.get(2, "home") != nil {
		t.Fatal("a page of version 1 served for version 2")
	}
	p2, _ := newRenderedPage([]byte("<p>hai</p>"))
	c.put(2, "home", p2)
	if c.get(2, "home") != p2 || c.get(1, "home") != nil {
		t.Fatal("new version did not replace the old pages")
	}
	// A slow renderer finishing with an older snapshot must not roll the cache back.
	c.put(1, "other", p1)
	if c.get(2, "home") != p2 {
		t.Fatal("an older version evicted the newer one")
	}
}

func TestPageCacheIsBounded(t *testing.T) {
	c := newPageCache()
	p, _ := newRenderedPage([]byte("x"))
	for i := 0; i < pageCacheMax+10; i++ {
		c.put(1, string(rune(i)), p)
	}
	if n := len(c.pages); n > pageCacheMax {
		t.Fatalf("cache holds %d pages, bound is %d", n, pageCacheMax)
	}
}

func TestWriteRendered(t *testing.T) {
	html := bytes.Repeat([]byte("<p>Đăng ký khai sinh</p>"), 50)
	p, err := newRenderedPage(html)
	if err != nil {
		t.Fatal(err)
	}
	serve := func(hdr map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/", nil)
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		writeRendered(w, r, p)
		return w
	}
	plain := serve(nil)
	if plain.Code != 200 || !bytes.Equal(plain.Body.Bytes(), html) || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("plain: %d %q", plain.Code, plain.Header().Get("Content-Encoding"))
	}
	gz := serve(map[string]string{"Accept-Encoding": "br, gzip"})
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Body.Len() >= len(html) {
		t.Fatalf("gzip: encoding %q, %d bytes of %d", gz.Header().Get("Content-Encoding"), gz.Body.Len(), len(html))
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, html) {
		t.Fatal("gzip body does not decompress to the page")
	}
	if refused := serve(map[string]string{"Accept-Encoding": "gzip;q=0"}); refused.Header().Get("Content-Encoding") != "" {
		t.Fatal("gzip sent although refused with q=0")
	}
	etag := plain.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if again := serve(map[string]string{"If-None-Match": etag}); again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Fatalf("conditional request: %d with %d bytes", again.Code, again.Body.Len())
	}
}
