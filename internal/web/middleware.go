package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"
)

type ctxKey int

const requestIDKey ctxKey = iota

// requestID returns the id given to the request by the middleware.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withMiddleware wraps h with, from outside in: request id and access log,
// panic recovery, security headers and cross-origin protection for every
// state-changing request.
func (s *Server) withMiddleware(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	// The assistant's API is called by the widget from other sites' pages;
	// it uses no cookie, so a cross-origin call can act for nobody.
	cop.AddInsecureBypassPattern("POST /api/v1/assistant/ask")
	cop.AddInsecureBypassPattern("POST /api/v1/assistant/feedback")
	// Ratings from the widget likewise (rating.go): no cookie either.
	cop.AddInsecureBypassPattern("POST /api/v1/ratings")
	// Open311 clients authenticate with an API key, not a cookie, so a
	// request from another site's page carries no ambient authority.
	cop.AddInsecureBypassPattern("POST /open311/v2/{file}")
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		he := &Error{Status: http.StatusForbidden, Code: "cross_origin", Message: s.msg.T("error.cross_origin")}
		if isAPIPath(r.URL.Path) {
			writeJSONError(w, he)
			return
		}
		s.renderError(w, r, he)
	}))
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	return s.accessLog(h)
}

func isAPIPath(p string) bool { return len(p) >= 5 && p[:5] == "/api/" }

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// accessLog gives the request an id (echoed in X-Request-Id), records
// metrics and logs one JSON line. It logs the path only, never the query
// string or body, because citizens type personal data into search boxes.
func (s *Server) accessLog(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(ctx)
		h.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, r.Method, sw.status, d)
		if route == "GET /healthz" || route == "GET /readyz" || route == "GET /metrics" {
			return
		}
		s.log.LogAttrs(ctx, levelFor(sw.status), "request",
			slogString("request_id", id), slogString("method", r.Method), slogString("path", r.URL.Path),
			slogString("route", route), slogInt("status", sw.status), slogInt("bytes", sw.size),
			slogDuration("duration", d))
	})
}

func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "panic", "panic", p, "request_id", requestID(r.Context()))
				writeJSONErrorOrPage(s, w, r, &Error{Status: http.StatusInternalServerError, Code: "internal", Message: s.msg.T("error.internal")})
			}
		}()
		h.ServeHTTP(w, r)
	})
}

func writeJSONErrorOrPage(s *Server, w http.ResponseWriter, r *http.Request, he *Error) {
	if isAPIPath(r.URL.Path) {
		writeJSONError(w, he)
		return
	}
	s.renderError(w, r, he)
}

// securityHeaders sets a strict content security policy: pages use no
// inline script and load nothing from elsewhere.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}
