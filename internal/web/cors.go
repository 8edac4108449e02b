package web

import "net/http"

// widgetCORS is what a public JSON endpoint called by the widget lets
// other sites' pages do. The widget runs on portals of ministries and
// provinces; the endpoints it calls use no cookie, so a call from any
// origin can act for nobody and every origin is allowed. (Their POSTs are
// also exempt from cross-origin protection in withMiddleware.)
type widgetCORS struct {
	// allowHeaders are the request headers a page may send.
	allowHeaders string
	// exposeHeaders are the response headers a page's script may read;
	// empty for none beyond the safe ones.
	exposeHeaders string
}

var (
	// assistantCORS serves the assistant's ask and feedback endpoints.
	assistantCORS = widgetCORS{allowHeaders: "Content-Type"}
	// ratingCORS serves ratings, whose clients may resend with an
	// Idempotency-Key and learn from Idempotent-Replayed that a rating
	// was already stored.
	ratingCORS = widgetCORS{allowHeaders: "Content-Type, Idempotency-Key", exposeHeaders: "Idempotent-Replayed"}
)

// allow sets the CORS headers on a response; browsers cache a preflight's
// answer for a day.
func (c widgetCORS) allow(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", c.allowHeaders)
	if c.exposeHeaders != "" {
		h.Set("Access-Control-Expose-Headers", c.exposeHeaders)
	}
	h.Set("Access-Control-Max-Age", "86400")
}

// preflight answers a browser's OPTIONS request before a cross-origin POST.
func (c widgetCORS) preflight(w http.ResponseWriter, _ *http.Request) error {
	c.allow(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
