package web

import (
	"errors"
	"net/http"
	"slices"

	"github.com/loa-vn/loa/internal/staff"
)

// tokenRoutes is the API token section: agencies' systems authenticate
// with these tokens (measurement ingest, rating links). A token is shown
// once, when created; the database keeps only its hash.
func (s *Server) tokenRoutes() []Route {
	admin, manage := SurfaceAdmin, need(staff.PermTokenManage)
	return []Route{
		{"GET", "/quan-tri/api-token", manage, nil, admin, s.tokensPage},
		{"POST", "/quan-tri/api-token", manage, nil, admin, s.createToken},
		{"POST", "/quan-tri/api-token/{token_id}/thu-hoi", manage, s.tokenScope, admin, s.revokeToken},
	}
}

// tokenScope finds the agency of the token named by {token_id}.
func (s *Server) tokenScope(r *http.Request) (string, error) {
	id, err := s.pathID(r, "token_id")
	if err != nil {
		return "", err
	}
	t, err := s.cfg.Staff.GetToken(r.Context(), id)
	if errors.Is(err, staff.ErrNotFound) {
		return "", notFoundErr(s.msg.T("admin.tokens.not_found"))
	}
	if err != nil {
		return "", err
	}
	return t.Agency, nil
}

// tokenRow is one line of the token list: never the token itself.
type tokenRow struct {
	ID                               int64
	Name, Agency, Perms              string
	CreatedAt, CreatedBy, LastUsedAt string
	RevokedAt                        string
}

// permChoice is one checkbox of the permission list.
type permChoice struct {
	Value, Label, Hint string
	Checked            bool
}

// tokenForm holds what was typed into the creation form.
type tokenForm struct {
	Name, Agency string
	Perms        []string
}

type tokensView struct {
	Admin  AdminBase
	Error  string
	Tokens []tokenRow
	// Plain is the token just created, shown once; PlainName is its name.
	Plain, PlainName string
	Form             tokenForm
	Agencies         []agencyGroup
	Perms            []permChoice
}

// tokensPage lists the tokens in the user's scope, with the creation form.
// The form's "show the communes" button submits it here by GET, so what
// was typed comes back filled in.
func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	form := tokenForm{Name: q.Get("name"), Agency: q.Get("agency"), Perms: q["perm"]}
	if form.Agency == "" {
		form.Agency = currentUser(r).Agency
	}
	view := tokensView{Form: form}
	return s.renderTokens(w, r, http.StatusOK, view)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, view tokensView) error {
	ctx, u := r.Context(), currentUser(r)
	view.Admin = s.adminBase(r, s.msg.T("admin.tokens.title"))
	list, err := s.cfg.Staff.ListTokens(ctx, u, "")
	if errors.Is(err, staff.ErrForbidden) {
		return s.forbidden()
	}
	if err != nil {
		return err
	}
	names := s.newAgencyNames(ctx)
	creators := map[int64]string{}
	for i := range list {
		t := &list[i]
		view.Tokens = append(view.Tokens, tokenRow{
			ID: t.ID, Name: t.Name, Agency: names.name(t.Agency), Perms: s.permList(t.Perms),
			CreatedAt: vnTime(t.CreatedAt), CreatedBy: s.creatorName(r, creators, t.CreatedBy),
			LastUsedAt: vnTime(t.LastUsedAt), RevokedAt: vnTime(t.RevokedAt),
		})
	}
	if view.Agencies, err = s.agencyGroups(ctx, u, view.Form.Agency); err != nil {
		return err
	}
	for _, p := range staff.MachinePerms() {
		if u.Can(p) {
			view.Perms = append(view.Perms, permChoice{
				Value: string(p), Label: s.permLabel(p), Hint: s.msgOr("admin.perm_hint."+string(p), ""),
				Checked: slices.Contains(view.Form.Perms, string(p)),
			})
		}
	}
	return s.render(w, status, "admin/tokens", view)
}

// creatorName names the account that created a token, remembering names
// already looked up for this page.
func (s *Server) creatorName(r *http.Request, seen map[int64]string, id int64) string {
	if n, ok := seen[id]; ok {
		return n
	}
	n := s.msg.T("admin.system")
	if u, err := s.cfg.Staff.GetUser(r.Context(), id); err == nil {
		n = u.DisplayName + " (" + u.Username + ")"
	}
	seen[id] = n
	return n
}

// permLabel is a permission's Vietnamese name, or its code when unnamed.
func (s *Server) permLabel(p staff.Perm) string {
	if v, ok := s.msg["admin.perm."+string(p)]; ok {
		return v
	}
	return string(p)
}

func (s *Server) permList(perms []staff.Perm) string {
	out := ""
	for i, p := range perms {
		if i > 0 {
			out += ", "
		}
		out += s.permLabel(p)
	}
	return out
}

// createToken creates the token and shows its plaintext once, in the
// response to the POST, so it is in no URL and no history entry.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	form := tokenForm{Name: f.Get("name"), Agency: f.Get("agency"), Perms: f["perm"]}
	perms := make([]staff.Perm, len(form.Perms))
	for i, p := range form.Perms {
		perms[i] = staff.Perm(p)
	}
	if len(perms) == 0 {
		return s.renderTokens(w, r, http.StatusBadRequest, tokensView{Form: form, Error: s.msg.T("admin.tokens.no_perms")})
	}
	plain, t, err := s.cfg.Staff.CreateToken(r.Context(), currentUser(r), form.Agency, form.Name, perms)
	if errors.Is(err, staff.ErrForbidden) {
		return s.forbidden()
	}
	if msg, ok := s.staffMessage(err); ok {
		return s.renderTokens(w, r, http.StatusBadRequest, tokensView{Form: form, Error: msg})
	}
	if err != nil {
		return err
	}
	view := tokensView{Plain: plain, PlainName: t.Name, Form: tokenForm{Agency: t.Agency}}
	return s.renderTokens(w, r, http.StatusCreated, view)
}

// revokeToken revokes the token at once; a system using it is refused from
// the next request on.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := s.pathID(r, "token_id")
	if err != nil {
		return err
	}
	err = s.cfg.Staff.RevokeToken(r.Context(), currentUser(r), id)
	switch {
	case errors.Is(err, staff.ErrForbidden):
		return s.forbidden()
	case errors.Is(err, staff.ErrNotFound):
		return notFoundErr(s.msg.T("admin.tokens.not_found"))
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/quan-tri/api-token?ok=token_revoked", http.StatusSeeOther)
	return nil
}
