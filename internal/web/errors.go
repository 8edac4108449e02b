package web

import (
	"encoding/json"
	"errors"
	"net/http"
)

// Error is an error with an HTTP status and a message for the user, in
// Vietnamese. Handlers return it for expected failures (bad input, not
// found); anything else becomes a 500 and is logged.
type Error struct {
	Status int
	// Code is a stable machine-readable code for the JSON API.
	Code string
	// Message is shown to the user.
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// badRequest returns a 400 with the message.
func badRequest(code, msg string) error {
	return &Error{Status: http.StatusBadRequest, Code: code, Message: msg}
}

// notFoundErr returns a 404 with the message.
func notFoundErr(msg string) error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: msg}
}

// adapt turns a route's HandlerFunc into an http.Handler, rendering the
// returned error in the route's surface format.
func (s *Server) adapt(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		if rt.Surface == SurfaceAdmin {
			w.Header().Set("Cache-Control", "no-store")
			var authorized *http.Request
			if authorized, err = s.authorize(w, r, rt); err == nil {
				err = rt.Handler(w, authorized)
			}
		} else if rt.Surface == SurfaceAPI && rt.Perm != PermPublic {
			// Machine routes: agencies' systems with an API token.
			w.Header().Set("Cache-Control", "no-store")
			var authorized *http.Request
			if authorized, err = s.authorizeToken(w, r, rt); err == nil {
				err = rt.Handler(w, authorized)
			}
		} else {
			err = rt.Handler(w, r)
		}
		switch {
		case err == nil, errors.Is(err, errHandled):
			return
		case errors.Is(err, errSignInRequired):
			signInRedirect(w, r)
			return
		}
		var he *Error
		if !errors.As(err, &he) {
			s.log.ErrorContext(r.Context(), "request failed", "err", err, "request_id", requestID(r.Context()), "route", rt.Pattern)
			he = &Error{Status: http.StatusInternalServerError, Code: "internal", Message: s.msg.T("error.internal")}
		}
		switch rt.Surface {
		case SurfaceSite:
			s.renderError(w, r, he)
			return
		case SurfaceAdmin:
			s.renderAdminError(w, r, he)
			return
		}
		writeJSONError(w, he)
	})
}

// writeJSONError writes {"error": {"code": ..., "message": ...}}.
func writeJSONError(w http.ResponseWriter, he *Error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(he.Status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": he.Code, "message": he.Message}})
}

// writeJSON writes v as JSON with status 200.
func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
