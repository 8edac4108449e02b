package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/staff"
)

// accountRoutes is the accounts section: the accounts in the user's
// scope, creating one, and one account's page with its actions. Routes on
// one account declare accountScope, so the adapter refuses an account of
// an agency outside the user's scope before the handler runs; the staff
// store checks again, and also that the user holds every permission of the
// account's role.
func (s *Server) accountRoutes() []Route {
	admin, manage := SurfaceAdmin, need(staff.PermUserManage)
	return []Route{
		{"GET", "/quan-tri/tai-khoan", manage, nil, admin, s.usersPage},
		{"GET", "/quan-tri/tai-khoan/moi", manage, nil, admin, s.newUserPage},
		{"POST", "/quan-tri/tai-khoan", manage, nil, admin, s.createUser},
		{"GET", "/quan-tri/tai-khoan/{user_id}", manage, s.accountScope, admin, s.userPage},
		{"POST", "/quan-tri/tai-khoan/{user_id}", manage, s.accountScope, admin, s.updateUser},
		{"POST", "/quan-tri/tai-khoan/{user_id}/trang-thai", manage, s.accountScope, admin, s.setUserDisabled},
		{"POST", "/quan-tri/tai-khoan/{user_id}/mat-khau", manage, s.accountScope, admin, s.resetUserPassword},
		{"POST", "/quan-tri/tai-khoan/{user_id}/xac-thuc", manage, s.accountScope, admin, s.resetUserTOTP},
	}
}

// accountScope finds the agency of the account named by {user_id}.
func (s *Server) accountScope(r *http.Request) (string, error) {
	u, err := s.loadAccount(r)
	if err != nil {
		return "", err
	}
	return u.Agency, nil
}

// loadAccount reads the account named by {user_id}.
func (s *Server) loadAccount(r *http.Request) (*staff.User, error) {
	id, err := s.pathID(r, "user_id")
	if err != nil {
		return nil, err
	}
	u, err := s.cfg.Staff.GetUser(r.Context(), id)
	if errors.Is(err, staff.ErrNotFound) {
		return nil, notFoundErr(s.msg.T("admin.users.not_found"))
	}
	return u, err
}

// userRow is one line of the account list.
type userRow struct {
	ID                                  int64
	DisplayName, Username, Role, Agency string
	Status                              string
	TOTP                                bool
}

type usersView struct {
	Admin AdminBase
	Users []userRow
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.cfg.Staff.ListUsers(r.Context(), currentUser(r))
	if errors.Is(err, staff.ErrForbidden) {
		return s.forbidden()
	}
	if err != nil {
		return err
	}
	names := s.newAgencyNames(r.Context())
	view := usersView{Admin: s.adminBase(r, s.msg.T("admin.users.title"))}
	for i := range list {
		u := &list[i]
		view.Users = append(view.Users, userRow{
			ID: u.ID, DisplayName: u.DisplayName, Username: u.Username, Role: u.Role.Name(),
			Agency: names.name(u.Agency), Status: s.accountStatus(u), TOTP: u.TOTPEnabled,
		})
	}
	return s.render(w, http.StatusOK, "admin/users", view)
}

// accountStatus says in words whether the account can sign in.
func (s *Server) accountStatus(u *staff.User) string {
	switch {
	case u.Disabled:
		return s.msg.T("admin.users.status_disabled")
	case u.LockedUntil.After(time.Now()):
		return s.msg.Tf("admin.users.status_locked", vnTime(u.LockedUntil))
	case u.MustChangePassword:
		return s.msg.T("admin.users.status_must_change")
	}
	return s.msg.T("admin.users.status_active")
}

// userForm holds what a person typed into the account forms, to show it
// again with an error.
type userForm struct {
	Username, DisplayName, Role, Agency string
}

type newUserView struct {
	Admin    AdminBase
	Error    string
	Form     userForm
	Roles    []roleChoice
	Agencies []agencyGroup
}

// newUserPage shows the creation form. Its "show the communes" button
// submits the form here by GET, so what was typed comes back filled in.
func (s *Server) newUserPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	form := userForm{Username: q.Get("username"), DisplayName: q.Get("display_name"), Role: q.Get("role"), Agency: q.Get("agency")}
	if form.Agency == "" {
		form.Agency = currentUser(r).Agency
	}
	return s.renderNewUser(w, r, http.StatusOK, form, "")
}

func (s *Server) renderNewUser(w http.ResponseWriter, r *http.Request, status int, form userForm, msg string) error {
	u := currentUser(r)
	if form.Role == "" {
		form.Role = string(staff.RoleEditor)
	}
	groups, err := s.agencyGroups(r.Context(), u, form.Agency)
	if err != nil {
		return err
	}
	return s.render(w, status, "admin/user_new", newUserView{
		Admin: s.adminBase(r, s.msg.T("admin.users.new")), Error: msg, Form: form,
		Roles: roleChoices(u, staff.Role(form.Role)), Agencies: groups,
	})
}

// createUser creates the account with a generated password, which the new
// user must change at first sign-in, and shows it once on the account page.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	form := userForm{Username: f.Get("username"), DisplayName: f.Get("display_name"), Role: f.Get("role"), Agency: f.Get("agency")}
	u, password, err := s.cfg.Staff.CreateUser(r.Context(), currentUser(r), staff.NewUser{
		Username: form.Username, DisplayName: form.DisplayName, Role: staff.Role(form.Role), Agency: form.Agency,
		MustChangePassword: true,
	})
	if errors.Is(err, staff.ErrForbidden) {
		return s.forbidden()
	}
	if msg, ok := s.staffMessage(err); ok {
		return s.renderNewUser(w, r, http.StatusBadRequest, form, msg)
	}
	if err != nil {
		return err
	}
	view, err := s.userView(r, u)
	if err != nil {
		return err
	}
	view.NewPassword = password
	view.Admin.Flash = s.msg.T("admin.users.created")
	return s.render(w, http.StatusCreated, "admin/user", view)
}

type userView struct {
	Admin   AdminBase
	Account *staff.User
	// AgencyName, Created, Updated and LockedUntil are ready to show.
	AgencyName, Created, Updated, LockedUntil string
	// NewPassword is shown once, right after creation or a reset.
	NewPassword string
	Error       string
	Form        userForm
	Roles       []roleChoice
	Agencies    []agencyGroup
	// CanManage is false for an account whose role carries permissions
	// the viewer lacks: they may see it but not change it.
	CanManage bool
	// Self is the viewer's own account: role, agency and status are not
	// theirs to change.
	Self bool
	// AuditURL lists the account's history, for viewers who may read it.
	AuditURL string
}

// userView builds the account page for account a, its forms filled with
// the stored values.
func (s *Server) userView(r *http.Request, a *staff.User) (userView, error) {
	by := currentUser(r)
	v := userView{
		Admin: s.adminBase(r, a.DisplayName), Account: a, AgencyName: s.agencyName(r, a.Agency),
		Created: vnTime(a.CreatedAt), Updated: vnTime(a.UpdatedAt),
		Form:      userForm{Username: a.Username, DisplayName: a.DisplayName, Role: string(a.Role), Agency: a.Agency},
		CanManage: s.cfg.Staff.Allowed(by, staff.PermUserManage, a.Agency) && roleGrantable(by, a.Role),
		Self:      by.ID == a.ID,
	}
	if a.LockedUntil.After(time.Now()) {
		v.LockedUntil = vnTime(a.LockedUntil)
	}
	if by.Can(staff.PermAuditRead) {
		v.AuditURL = "/quan-tri/nhat-ky?loai=" + staff.AuditUser + "&doi_tuong=" + strconv.FormatInt(a.ID, 10)
	}
	if err := s.fillUserChoices(r, &v); err != nil {
		return v, err
	}
	return v, nil
}

// fillUserChoices builds the role and agency pickers for the form values.
func (s *Server) fillUserChoices(r *http.Request, v *userView) error {
	by := currentUser(r)
	v.Roles = roleChoices(by, staff.Role(v.Form.Role))
	groups, err := s.agencyGroups(r.Context(), by, v.Form.Agency)
	if err != nil {
		return err
	}
	v.Agencies = groups
	return nil
}

// roleGrantable reports whether u holds every permission of role.
func roleGrantable(u *staff.User, role staff.Role) bool {
	for _, g := range grantableRoles(u) {
		if g == role {
			return true
		}
	}
	return false
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadAccount(r)
	if err != nil {
		return err
	}
	view, err := s.userView(r, a)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "admin/user", view)
}

// accountForm loads the account of the URL and reads the form posted to
// it, with the account version the form was rendered with.
func (s *Server) accountForm(w http.ResponseWriter, r *http.Request) (*staff.User, int64, error) {
	a, err := s.loadAccount(r)
	if err != nil {
		return nil, 0, err
	}
	if err := s.parseAdminForm(w, r); err != nil {
		return nil, 0, err
	}
	v, err := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	if err != nil || v <= 0 {
		return nil, 0, badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	return a, v, nil
}

// updateUser saves the display name, role and agency. The form carries
// the version it was rendered with: when someone changed the account in
// the meantime, nothing is written and the page shows the latest values
// with a conflict message.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	a, version, err := s.accountForm(w, r)
	if err != nil {
		return err
	}
	f := r.PostForm
	form := userForm{Username: a.Username, DisplayName: f.Get("display_name"), Role: f.Get("role"), Agency: f.Get("agency")}
	_, err = s.cfg.Staff.UpdateUser(r.Context(), currentUser(r), a.ID, version, staff.Profile{
		DisplayName: form.DisplayName, Role: staff.Role(form.Role), Agency: form.Agency, Disabled: a.Disabled,
	})
	if err == nil {
		http.Redirect(w, r, "/quan-tri/tai-khoan/"+strconv.FormatInt(a.ID, 10)+"?ok=user_saved", http.StatusSeeOther)
		return nil
	}
	return s.userFailure(w, r, a, form, err)
}

// userFailure shows the account page again after a refused change: on a
// conflict with the account as it now is, otherwise with what was typed.
func (s *Server) userFailure(w http.ResponseWriter, r *http.Request, a *staff.User, form userForm, err error) error {
	if errors.Is(err, staff.ErrForbidden) {
		return s.forbidden()
	}
	msg, ok := s.staffMessage(err)
	if !ok {
		return err
	}
	status := http.StatusBadRequest
	if errors.Is(err, staff.ErrConflict) {
		status = http.StatusConflict
		if a, err = s.cfg.Staff.GetUser(r.Context(), a.ID); err != nil {
			return err
		}
		form = userForm{Username: a.Username, DisplayName: a.DisplayName, Role: string(a.Role), Agency: a.Agency}
	}
	view, err := s.userView(r, a)
	if err != nil {
		return err
	}
	view.Error, view.Form = msg, form
	if err := s.fillUserChoices(r, &view); err != nil {
		return err
	}
	return s.render(w, status, "admin/user", view)
}

// setUserDisabled disables or re-enables the account (disabled=1 or 0),
// with the same optimistic lock as the profile form.
func (s *Server) setUserDisabled(w http.ResponseWriter, r *http.Request) error {
	a, version, err := s.accountForm(w, r)
	if err != nil {
		return err
	}
	var disabled bool
	switch r.PostForm.Get("disabled") {
	case "1":
		disabled = true
	case "0":
	default:
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	_, err = s.cfg.Staff.UpdateUser(r.Context(), currentUser(r), a.ID, version, staff.Profile{
		DisplayName: a.DisplayName, Role: a.Role, Agency: a.Agency, Disabled: disabled,
	})
	if err == nil {
		ok := "user_enabled"
		if disabled {
			ok = "user_disabled"
		}
		http.Redirect(w, r, "/quan-tri/tai-khoan/"+strconv.FormatInt(a.ID, 10)+"?ok="+ok, http.StatusSeeOther)
		return nil
	}
	return s.userFailure(w, r, a, userForm{Username: a.Username, DisplayName: a.DisplayName, Role: string(a.Role), Agency: a.Agency}, err)
}

// resetUserPassword gives the account a new temporary password and shows
// it once. The page is the response to the POST, so the password is in no
// URL and no history entry.
func (s *Server) resetUserPassword(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadAccount(r)
	if err != nil {
		return err
	}
	password, err := s.cfg.Staff.ResetPassword(r.Context(), currentUser(r), a.ID)
	if err != nil {
		return s.userFailure(w, r, a, userForm{Username: a.Username, DisplayName: a.DisplayName, Role: string(a.Role), Agency: a.Agency}, err)
	}
	if a, err = s.cfg.Staff.GetUser(r.Context(), a.ID); err != nil {
		return err
	}
	view, err := s.userView(r, a)
	if err != nil {
		return err
	}
	view.NewPassword = password
	view.Admin.Flash = s.msg.T("admin.users.reset_done")
	return s.render(w, http.StatusOK, "admin/user", view)
}

// resetUserTOTP turns off another person's second factor, for a lost
// phone; they can turn it on again from their security page.
func (s *Server) resetUserTOTP(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadAccount(r)
	if err != nil {
		return err
	}
	if err := s.cfg.Staff.DisableTOTP(r.Context(), currentUser(r), a.ID); err != nil {
		return s.userFailure(w, r, a, userForm{Username: a.Username, DisplayName: a.DisplayName, Role: string(a.Role), Agency: a.Agency}, err)
	}
	http.Redirect(w, r, "/quan-tri/tai-khoan/"+strconv.FormatInt(a.ID, 10)+"?ok=user_totp_off", http.StatusSeeOther)
	return nil
}
