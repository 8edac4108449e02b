package web

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/loa-vn/loa/internal/staff"
)

// securityRoutes is the signed-in user's own second factor (TOTP): any
// account may turn it on or off for itself, so the routes need only a
// session.
func (s *Server) securityRoutes() []Route {
	admin := SurfaceAdmin
	return []Route{
		{"GET", "/quan-tri/bao-mat", PermSignedIn, nil, admin, s.securityPage},
		{"POST", "/quan-tri/bao-mat/bat", PermSignedIn, nil, admin, s.enableOwnTOTP},
		{"POST", "/quan-tri/bao-mat/tat", PermSignedIn, nil, admin, s.disableOwnTOTP},
	}
}

type securityView struct {
	Admin AdminBase
	Error string
	// Secret, URI and QR set up an authenticator app; shown only to the
	// account's owner while the second factor is off. The pages of the
	// back office are never cached (Cache-Control: no-store).
	Secret string
	URI    string
	QR     template.HTML
}

func (s *Server) securityPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderSecurity(w, r, http.StatusOK, "", "")
}

// renderSecurity shows the page. While the second factor is off it offers
// secret (a fresh one when empty) to add to an authenticator app; the
// confirmation form sends it back with a code, so the server keeps no
// half-enabled state.
func (s *Server) renderSecurity(w http.ResponseWriter, r *http.Request, status int, secret, msg string) error {
	u := currentUser(r)
	view := securityView{Admin: s.adminBase(r, s.msg.T("admin.security.title")), Error: msg}
	if !u.TOTPEnabled {
		if secret == "" {
			secret = staff.NewTOTPSecret()
		}
		view.Secret = secret
		view.URI = staff.ProvisioningURI(u.Username, secret)
		qr, err := qrSVG(view.URI, s.msg.T("admin.security.qr_label"))
		if err != nil {
			return err
		}
		view.QR = qr
	}
	return s.render(w, status, "admin/security", view)
}

// enableOwnTOTP turns the second factor on once the code proves the app
// holds the secret.
func (s *Server) enableOwnTOTP(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	u := currentUser(r)
	secret := r.PostForm.Get("secret")
	err := s.cfg.Staff.EnableTOTP(r.Context(), u, u.ID, secret, r.PostForm.Get("code"))
	var invalid *staff.InvalidError
	switch {
	case err == nil:
		http.Redirect(w, r, "/quan-tri/bao-mat?ok=totp_on", http.StatusSeeOther)
		return nil
	case errors.Is(err, staff.ErrBadTOTP):
		return s.renderSecurity(w, r, http.StatusBadRequest, secret, s.msg.T("admin.security.bad_code"))
	case errors.As(err, &invalid):
		// A secret mangled on the way back: start again with a new one.
		return s.renderSecurity(w, r, http.StatusBadRequest, "", invalid.Message)
	case errors.Is(err, staff.ErrForbidden):
		return s.forbidden()
	case errors.Is(err, staff.ErrConflict):
		return s.renderSecurity(w, r, http.StatusConflict, "", s.msg.T("admin.conflict"))
	}
	return err
}

func (s *Server) disableOwnTOTP(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	err := s.cfg.Staff.DisableTOTP(r.Context(), u, u.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, "/quan-tri/bao-mat?ok=totp_off", http.StatusSeeOther)
		return nil
	case errors.Is(err, staff.ErrForbidden):
		return s.forbidden()
	case errors.Is(err, staff.ErrConflict):
		return s.renderSecurity(w, r, http.StatusConflict, "", s.msg.T("admin.conflict"))
	}
	return err
}
