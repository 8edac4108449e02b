package web

import (
	"context"
	"net"
	"net/http"
	"time"
)

// healthz says the process is alive; it touches nothing else.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, map[string]string{"status": "ok", "version": s.cfg.Version})
}

// readyz says the server can serve: the database answers and the catalogue
// is loaded. A load balancer stops sending traffic while it fails.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.cfg.DB.Ping(ctx); err != nil {
		s.log.Error("readyz: database", "err", err)
		return &Error{Status: http.StatusServiceUnavailable, Code: "not_ready", Message: "Cơ sở dữ liệu chưa sẵn sàng."}
	}
	if s.cfg.Catalog.Current() == nil {
		return &Error{Status: http.StatusServiceUnavailable, Code: "not_ready", Message: "Danh mục thủ tục chưa được nạp."}
	}
	return writeJSON(w, map[string]string{"status": "ready"})
}

// clientIP is the address of the peer, used only as a rate-limit key.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
