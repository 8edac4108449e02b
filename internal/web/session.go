package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/loa-vn/loa/internal/staff"
)

// sessionCookie holds a staff session token. The token is random; the
// database keeps only its hash, so a leaked database opens no session.
const sessionCookie = "loa_phien"

// adminPrefix is where the back office lives; the session cookie is sent
// only there.
const adminPrefix = "/quan-tri"

const userKey ctxKey = iota + 100

// currentUser returns the signed-in staff user of a back-office request.
func currentUser(r *http.Request) *staff.User {
	u, _ := r.Context().Value(userKey).(*staff.User)
	return u
}

// errSignInRequired marks a back-office request without a valid session.
var errSignInRequired = errors.New("web: sign-in required")

// sessionUser returns the user of the request's session cookie.
func (s *Server) sessionUser(r *http.Request) (*staff.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, errSignInRequired
	}
	u, err := s.cfg.Staff.SessionUser(r.Context(), c.Value)
	if errors.Is(err, staff.ErrNoSession) {
		return nil, errSignInRequired
	}
	return u, err
}

// forbidden is the error for a signed-in user acting outside their role or scope.
func (s *Server) forbidden() error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: s.msg.T("admin.forbidden")}
}

// authorize checks a back-office request against its route's declaration:
// a session, the role's permission, and the object's agency within the
// user's scope. It returns the request carrying the user.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, rt Route) (*http.Request, error) {
	u, err := s.sessionUser(r)
	if err != nil {
		return nil, err
	}
	if u.MustChangePassword && rt.Pattern != adminPrefix+"/mat-khau" && rt.Pattern != adminPrefix+"/dang-xuat" {
		http.Redirect(w, r, adminPrefix+"/mat-khau", http.StatusSeeOther)
		return nil, errHandled
	}
	r = r.WithContext(context.WithValue(r.Context(), userKey, u))
	if rt.Perm != PermSignedIn && !u.Can(staff.Perm(rt.Perm)) {
		return nil, s.forbidden()
	}
	if rt.Scope != nil {
		agency, err := rt.Scope(r)
		if err != nil {
			return nil, err
		}
		if !s.inUserScope(u, agency) {
			return nil, s.forbidden()
		}
	}
	return r, nil
}

// inUserScope reports whether the agency is one the user acts for: the
// national coordinator everywhere, others within their agency's scope.
func (s *Server) inUserScope(u *staff.User, agency string) bool {
	return u.Role == staff.RoleAdmin || s.cfg.Staff.InScope(u.Agency, agency)
}

// errHandled says the response was already written (a redirect).
var errHandled = errors.New("web: response already written")

// signInRedirect sends a visitor without a session to the sign-in page,
// remembering where they were going (pages only; a form post is not
// replayed).
func signInRedirect(w http.ResponseWriter, r *http.Request) {
	target := adminPrefix + "/dang-nhap"
	if r.Method == http.MethodGet && r.URL.Path != adminPrefix+"/dang-nhap" {
		target += "?tiep=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// safeNext keeps a post-login destination only when it is a back-office
// path of this site, so the sign-in page cannot be used to send staff to
// another site.
func safeNext(next string) string {
	if next == adminPrefix || strings.HasPrefix(next, adminPrefix+"/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return adminPrefix
}

// setSessionCookie gives the browser a new session token. Secure when the
// site is served over TLS, directly or behind a proxy configured with an
// https base URL.
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: adminPrefix,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r),
	})
}

// clearSessionCookie removes the session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: adminPrefix, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r),
	})
}

func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
}
