package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/loa-vn/loa/internal/staff"
)

// tokenKey carries the authenticated API token of a machine request.
const tokenKey ctxKey = iota + 200

// apiToken returns the API token a machine request was authenticated with:
// set on every API route whose permission is not public, nil elsewhere.
func apiToken(r *http.Request) *staff.Token {
	t, _ := r.Context().Value(tokenKey).(*staff.Token)
	return t
}

// authorizeToken checks an API request against its route's declaration, as
// authorize does for people: an "Authorization: Bearer loa_…" token that is
// valid and not revoked (else 401), the route's permission among the
// token's (else 403), and the object's agency, when the route has a Scope,
// within the token's agency subtree (else 403). It returns the request
// carrying the token. The token itself is never logged.
func (s *Server) authorizeToken(w http.ResponseWriter, r *http.Request, rt Route) (*http.Request, error) {
	scheme, credential, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	credential = strings.TrimSpace(credential)
	if !strings.EqualFold(scheme, "Bearer") || credential == "" {
		return nil, s.unauthenticated(w, "token_required", "api.token_required")
	}
	tok, err := s.cfg.Staff.AuthenticateToken(r.Context(), credential)
	switch {
	case errors.Is(err, staff.ErrBadToken), errors.Is(err, staff.ErrTokenRevoked):
		return nil, s.unauthenticated(w, "token_invalid", "api.token_invalid")
	case err != nil:
		return nil, err
	}
	r = r.WithContext(context.WithValue(r.Context(), tokenKey, tok))
	perm := staff.Perm(rt.Perm)
	if rt.Perm != PermSignedIn && !s.cfg.Staff.TokenAllows(tok, perm, tok.Agency) {
		return nil, &Error{Status: http.StatusForbidden, Code: "forbidden", Message: s.msg.T("api.token_forbidden")}
	}
	if rt.Scope != nil {
		agency, err := rt.Scope(r)
		if err != nil {
			return nil, err
		}
		if !s.cfg.Staff.InScope(tok.Agency, agency) {
			return nil, &Error{Status: http.StatusForbidden, Code: "forbidden", Message: s.msg.T("api.token_forbidden")}
		}
	}
	return r, nil
}

// unauthenticated is the 401 of an API request without a usable token,
// with the challenge RFC 6750 asks for.
func (s *Server) unauthenticated(w http.ResponseWriter, code, key string) error {
	w.Header().Set("WWW-Authenticate", `Bearer realm="loa"`)
	return &Error{Status: http.StatusUnauthorized, Code: code, Message: s.msg.T(key)}
}
