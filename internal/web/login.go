package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/staff"
)

// loginRule throttles sign-in attempts per client address, across all
// usernames; staff.Store locks an account after repeated failures on it.
// Together they stop both guessing one password and spraying many accounts.
var loginRule = ratelimit.Rule{Name: "staff-login", Max: 20, Window: 10 * time.Minute}

type loginView struct {
	Admin    AdminBase
	Error    string
	Username string
	Next     string
	AskTOTP  bool
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	if _, err := s.sessionUser(r); err == nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("tiep")), http.StatusSeeOther)
		return nil
	}
	return s.render(w, http.StatusOK, "admin/login", loginView{
		Admin: s.adminBase(r, s.msg.T("admin.login_title")), Next: safeNext(r.URL.Query().Get("tiep")),
	})
}

// login checks the credentials and starts a new session. A session token
// the browser held before is ended and never reused (no session fixation).
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	view := loginView{
		Admin: s.adminBase(r, s.msg.T("admin.login_title")), Username: r.PostForm.Get("username"),
		Next: safeNext(r.PostForm.Get("tiep")), AskTOTP: r.PostForm.Get("totp") != "",
	}
	ok, err := s.cfg.Limiter.Allow(r.Context(), loginRule, clientIP(r))
	if err != nil {
		return err
	}
	if !ok {
		view.Error = s.msg.T("admin.login_throttled")
		return s.render(w, http.StatusTooManyRequests, "admin/login", view)
	}
	u, err := s.cfg.Staff.Authenticate(r.Context(), view.Username, r.PostForm.Get("password"), r.PostForm.Get("totp"))
	var locked *staff.LockedError
	switch {
	case err == nil:
	case errors.Is(err, staff.ErrBadCredentials):
		view.Error = s.msg.T("admin.login_bad")
	case errors.As(err, &locked):
		view.Error = locked.Message()
	case errors.Is(err, staff.ErrDisabled):
		view.Error = s.msg.T("admin.login_disabled")
	case errors.Is(err, staff.ErrTOTPRequired):
		view.Error, view.AskTOTP = s.msg.T("admin.login_totp"), true
	case errors.Is(err, staff.ErrBadTOTP):
		view.Error, view.AskTOTP = s.msg.T("admin.login_bad_totp"), true
	default:
		return err
	}
	if view.Error != "" {
		return s.render(w, http.StatusUnauthorized, "admin/login", view)
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.cfg.Staff.EndSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	token, err := s.cfg.Staff.NewSession(r.Context(), u.ID)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, token)
	http.Redirect(w, r, view.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.cfg.Staff.EndSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, adminPrefix+"/dang-nhap", http.StatusSeeOther)
	return nil
}

type passwordView struct {
	Admin AdminBase
	Error string
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "admin/password", passwordView{Admin: s.adminBase(r, s.msg.T("admin.password_title"))})
}

// changePassword sets a new password. The store ends every session of the
// user, so this one gets a fresh token.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	u := currentUser(r)
	view := passwordView{Admin: s.adminBase(r, s.msg.T("admin.password_title"))}
	if r.PostForm.Get("new") != r.PostForm.Get("again") {
		view.Error = s.msg.T("admin.password_mismatch")
		return s.render(w, http.StatusBadRequest, "admin/password", view)
	}
	err := s.cfg.Staff.ChangePassword(r.Context(), u.ID, r.PostForm.Get("old"), r.PostForm.Get("new"))
	var invalid *staff.InvalidError
	switch {
	case errors.Is(err, staff.ErrBadCredentials):
		view.Error = s.msg.T("admin.password_old_wrong")
	case errors.As(err, &invalid):
		view.Error = invalid.Message
	case err != nil:
		return err
	}
	if view.Error != "" {
		return s.render(w, http.StatusBadRequest, "admin/password", view)
	}
	token, err := s.cfg.Staff.NewSession(r.Context(), u.ID)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, token)
	http.Redirect(w, r, adminPrefix+"?ok=password", http.StatusSeeOther)
	return nil
}
