package web

import (
	"errors"
	"net/http"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/vn"
)

// abbreviationRow is one of the editors' rows, ready to show.
type abbreviationRow struct {
	ID                   int64
	Term, Expansion      string
	CreatedBy, CreatedAt string
}

type abbreviationsView struct {
	Admin           AdminBase
	Nav             []assistantNavItem
	Error           string
	Term, Expansion string
	Rows            []abbreviationRow
	// Curated counts the rows that come with Loa (synonyms.tsv).
	Curated               int
	MaxTerm, MaxExpansion int
}

func (s *Server) abbreviationsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderAbbreviations(w, r, http.StatusOK, abbreviationsView{})
}

func (s *Server) renderAbbreviations(w http.ResponseWriter, r *http.Request, status int, view abbreviationsView) error {
	view.Admin = s.adminBase(r, s.msg.T("admin.assistant.abbr_title"))
	view.Nav = s.assistantNav(r, "/quan-tri/tro-ly/tu-viet-tat")
	view.MaxTerm, view.MaxExpansion = assistant.MaxAbbreviationTerm, assistant.MaxAbbreviationExpansion
	view.Curated = len(vn.DefaultSynonyms().Entries())
	rows, err := s.cfg.Abbreviations.List(r.Context())
	if err != nil {
		return err
	}
	for _, a := range rows {
		view.Rows = append(view.Rows, abbreviationRow{ID: a.ID, Term: a.Term, Expansion: a.Expansion,
			CreatedBy: a.CreatedBy, CreatedAt: vnTime(a.CreatedAt)})
	}
	return s.render(w, status, "admin/assistant_abbreviations", view)
}

// abbreviationAdd adds a row; search and the assistant use it at once on
// this replica, and within seconds on the others.
func (s *Server) abbreviationAdd(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	view := abbreviationsView{Term: r.PostForm.Get("term"), Expansion: r.PostForm.Get("expansion")}
	_, err := s.cfg.Abbreviations.Add(r.Context(), currentUser(r).Actor(), view.Term, view.Expansion)
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		view.Error = invalid.Message
		return s.renderAbbreviations(w, r, http.StatusBadRequest, view)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/tro-ly/tu-viet-tat?ok=abbreviation_added", http.StatusSeeOther)
	return nil
}

func (s *Server) abbreviationDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := s.pathID(r, "abbr_id")
	if err != nil {
		return err
	}
	err = s.cfg.Abbreviations.Delete(r.Context(), currentUser(r).Actor(), id)
	if errors.Is(err, assistant.ErrAbbreviationNotFound) {
		return notFoundErr(s.msg.T("admin.assistant.abbr_not_found"))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/tro-ly/tu-viet-tat?ok=abbreviation_deleted", http.StatusSeeOther)
	return nil
}
