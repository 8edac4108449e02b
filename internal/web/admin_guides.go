package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/staff"
)

// nationalScope names the national guide of a service in back-office
// addresses; a local note is named by its committee's agency code.
const nationalScope = "quoc-gia"

// guideRoutes is the editorial section: editors draft guides and local
// notes, reviewers approve or return them. Every route acting on one
// document or revision declares its owner as scope; the catalogue then
// applies the finer rules (who edits a national guide, who adds a note).
func (s *Server) guideRoutes() []Route {
	admin, edit, review := SurfaceAdmin, need(staff.PermGuideEdit), need(staff.PermGuideReview)
	doc, rev := s.documentScope, s.revisionScope
	return []Route{
		{"GET", "/quan-tri/huong-dan", edit, nil, admin, s.guideList},
		{"GET", "/quan-tri/huong-dan/{code}/{scope}", edit, doc, admin, s.guideEditor},
		{"POST", "/quan-tri/huong-dan/{code}/{scope}", edit, doc, admin, s.guideSave},
		{"POST", "/quan-tri/huong-dan/{code}/{scope}/rut-lai", edit, doc, admin, s.guideWithdraw},
		{"POST", "/quan-tri/huong-dan/{code}/{scope}/huy", edit, doc, admin, s.guideDiscard},
		{"GET", "/quan-tri/huong-dan/{code}/{scope}/lich-su", PermSignedIn, doc, admin, s.guideHistory},
		{"POST", "/quan-tri/huong-dan/{code}/{scope}/go-xuong", review, doc, admin, s.guideUnpublish},
		{"GET", "/quan-tri/ban-thao/{rev_id}", PermSignedIn, rev, admin, s.revisionPage},
		{"POST", "/quan-tri/ban-thao/{rev_id}/duyet", review, rev, admin, s.revisionApprove},
		{"POST", "/quan-tri/ban-thao/{rev_id}/tra-lai", review, rev, admin, s.revisionReturn},
	}
}

// docScope turns the {scope} path segment into the catalogue's scope.
func docScope(segment string) string {
	if segment == nationalScope {
		return ""
	}
	return segment
}

// scopeSegment is the inverse of docScope.
func scopeSegment(scope string) string {
	if scope == "" {
		return nationalScope
	}
	return scope
}

// documentURL is the editor page of a document.
func documentURL(code, scope string) string {
	return "/quan-tri/huong-dan/" + url.PathEscape(code) + "/" + url.PathEscape(scopeSegment(scope))
}

// documentScope finds the owner of the document named by {code} and
// {scope}: the committee of a local note, or for a national guide the
// responsible ministry — the user's own when the service has several.
func (s *Server) documentScope(r *http.Request) (string, error) {
	svc := s.cfg.Catalog.Current().ByCode(r.PathValue("code"))
	if svc == nil {
		return "", notFoundErr(s.msg.T("error.service_not_found"))
	}
	return s.documentOwner(currentUser(r), svc, docScope(r.PathValue("scope"))), nil
}

// documentOwner is documentScope for a known service and scope.
func (s *Server) documentOwner(u *staff.User, svc *catalog.Service, scope string) string {
	if scope != "" {
		return scope
	}
	for _, a := range svc.Agencies {
		if u != nil && s.cfg.Staff.InScope(u.Agency, a) {
			return a
		}
	}
	if len(svc.Agencies) > 0 {
		return svc.Agencies[0]
	}
	// A service naming no ministry is the national coordinator's.
	return staff.National
}

// revisionScope finds the owner of the document of the revision {rev_id}.
func (s *Server) revisionScope(r *http.Request) (string, error) {
	rev, err := s.revision(r)
	if err != nil {
		return "", err
	}
	svc := s.cfg.Catalog.Current().ByCode(rev.ServiceCode)
	if svc == nil {
		return "", notFoundErr(s.msg.T("error.service_not_found"))
	}
	return s.documentOwner(currentUser(r), svc, rev.Scope), nil
}

// revision loads the revision named by {rev_id}.
func (s *Server) revision(r *http.Request) (*catalog.Revision, error) {
	id, err := s.pathID(r, "rev_id")
	if err != nil {
		return nil, err
	}
	rev, err := s.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, catalog.ErrNotFound) {
		return nil, notFoundErr(s.msg.T("admin.guides.revision_not_found"))
	}
	return rev, err
}

// editorialError maps a refusal of the workflow to a status and its
// Vietnamese message; other errors pass through.
func editorialError(err error) error {
	var ee *catalog.EditorialError
	if !errors.As(err, &ee) {
		return err
	}
	status := http.StatusConflict
	switch ee.Code {
	case "forbidden", "self_approval":
		status = http.StatusForbidden
	case "invalid":
		status = http.StatusUnprocessableEntity
	}
	msg := ee.Message
	for _, p := range ee.Problems {
		msg += " " + p.Message
	}
	return &Error{Status: status, Code: ee.Code, Message: msg}
}

// documentRow is one line of the editor's list.
type documentRow struct {
	URL, Service, Scope string
}

type guideListView struct {
	Admin     AdminBase
	Documents []documentRow
}

func (s *Server) guideList(w http.ResponseWriter, r *http.Request) error {
	docs, err := s.cfg.Store.Documents(r.Context(), currentUser(r), staff.PermGuideEdit)
	if err != nil {
		return err
	}
	snap := s.cfg.Catalog.Current()
	names := s.newAgencyNames(r.Context())
	view := guideListView{Admin: s.adminBase(r, s.msg.T("admin.guides.title"))}
	for _, d := range docs {
		row := documentRow{URL: documentURL(d.ServiceCode, d.Scope), Service: d.ServiceCode, Scope: s.msg.T("admin.guides.national")}
		if svc := snap.ByCode(d.ServiceCode); svc != nil {
			row.Service = svc.Name
		}
		if d.Scope != "" {
			row.Scope = names.name(d.Scope)
		}
		view.Documents = append(view.Documents, row)
	}
	return s.render(w, http.StatusOK, "admin/guides", view)
}

// faqRow is one FAQ in the editor form; paraphrases one per line.
type faqRow struct {
	Index                         int
	Question, Answer, Paraphrases string
}

// guideForm is the editor form's content.
type guideForm struct {
	Summary, WhoFor, Prepare, Steps, Duration, Cost, WhereOnline, Mistakes, Source string
	FAQs                                                                           []faqRow
	Note, ChangeNote                                                               string
	BaseVersion, Saves                                                             int
	DraftID                                                                        int64
}

// extraFAQRows are the empty FAQ rows offered for new questions.
const extraFAQRows = 3

// newGuideForm fills the form from a draft input.
func newGuideForm(in catalog.DraftInput) guideForm {
	f := guideForm{Note: in.Body.Note, ChangeNote: in.ChangeNote, BaseVersion: in.BaseVersion, Saves: in.Saves, DraftID: in.DraftID}
	if g := in.Body.Guide; g != nil {
		f.Summary, f.WhoFor, f.Duration, f.Cost, f.WhereOnline, f.Source = g.Summary, g.WhoFor, g.Duration, g.Cost, g.WhereOnline, g.Source
		f.Prepare, f.Steps, f.Mistakes = strings.Join(g.Prepare, "\n"), strings.Join(g.Steps, "\n"), strings.Join(g.CommonMistakes, "\n")
	}
	for i, q := range in.Body.FAQs {
		f.FAQs = append(f.FAQs, faqRow{Index: i, Question: q.Question, Answer: q.Answer, Paraphrases: strings.Join(q.Paraphrases, "\n")})
	}
	for i := 0; i < extraFAQRows; i++ {
		f.FAQs = append(f.FAQs, faqRow{Index: len(f.FAQs)})
	}
	return f
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// maxFAQRows bounds the FAQ rows read from a form.
const maxFAQRows = 60

// parseGuideForm reads the editor form into a draft input. The catalogue
// normalises and validates the content.
func parseGuideForm(form url.Values, code, scope string) catalog.DraftInput {
	in := catalog.DraftInput{ServiceCode: code, Scope: scope, ChangeNote: form.Get("change_note")}
	in.BaseVersion, _ = strconv.Atoi(form.Get("base_version"))
	in.Saves, _ = strconv.Atoi(form.Get("saves"))
	in.DraftID, _ = strconv.ParseInt(form.Get("draft_id"), 10, 64)
	if scope != "" {
		in.Body.Note = form.Get("note")
		return in
	}
	in.Body.Guide = &catalog.Guide{
		Summary: form.Get("summary"), WhoFor: form.Get("who_for"), Prepare: lines(form.Get("prepare")),
		Steps: lines(form.Get("steps")), Duration: form.Get("duration"), Cost: form.Get("cost"),
		WhereOnline: form.Get("where_online"), CommonMistakes: lines(form.Get("mistakes")),
		ReviewedAt: time.Now().In(vietnamZone).Format(time.DateOnly), Source: form.Get("source"),
	}
	for i := 0; i < maxFAQRows; i++ {
		k := strconv.Itoa(i)
		if _, ok := form["faq_q_"+k]; !ok {
			break
		}
		in.Body.FAQs = append(in.Body.FAQs, catalog.FAQ{
			Question: form.Get("faq_q_" + k), Answer: form.Get("faq_a_" + k), Paraphrases: lines(form.Get("faq_p_" + k)),
		})
	}
	return in
}

type guideEditView struct {
	Admin       AdminBase
	ServiceName string
	ServiceURL  string
	ScopeName   string
	Local       bool
	URL         string
	Form        guideForm
	Mine        *catalog.Revision
	MineState   string
	Published   *catalog.Revision
	Stale       bool
	StaleDiff   []catalog.DiffLine
	Error       string
	CanEditForm bool
}

// editView builds the editor page for the user's view of a document.
func (s *Server) editView(r *http.Request, svc *catalog.Service, scope string, e *catalog.Editing) guideEditView {
	view := guideEditView{
		Admin: s.adminBase(r, svc.Name), ServiceName: svc.Name, ServiceURL: "/dich-vu/" + svc.Slug,
		ScopeName: s.msg.T("admin.guides.national"), Local: scope != "", URL: documentURL(svc.Code, scope),
		Form: newGuideForm(e.Input), Mine: e.Mine, Published: e.Published, Stale: e.Stale,
		CanEditForm: e.Mine == nil || e.Mine.State == catalog.StateDraft,
	}
	if scope != "" {
		view.ScopeName = s.agencyName(r, scope)
	}
	if e.Mine != nil {
		view.MineState = e.Mine.State.Label()
	}
	if e.Stale {
		view.StaleDiff = catalog.Diff(e.Base, e.Head)
	}
	return view
}

// document resolves {code} and {scope} to the service and catalogue scope.
func (s *Server) document(r *http.Request) (*catalog.Service, string, error) {
	svc := s.cfg.Catalog.Current().ByCode(r.PathValue("code"))
	if svc == nil {
		return nil, "", notFoundErr(s.msg.T("error.service_not_found"))
	}
	return svc, docScope(r.PathValue("scope")), nil
}

func (s *Server) guideEditor(w http.ResponseWriter, r *http.Request) error {
	svc, scope, err := s.document(r)
	if err != nil {
		return err
	}
	e, err := s.cfg.Store.Open(r.Context(), currentUser(r), svc.Code, scope)
	if err != nil {
		return editorialError(err)
	}
	return s.render(w, http.StatusOK, "admin/guide_edit", s.editView(r, svc, scope, e))
}

// guideSave saves the draft and, with action=submit, sends it for review.
// A refused save shows the form again with what was typed, so nothing the
// editor wrote is lost.
func (s *Server) guideSave(w http.ResponseWriter, r *http.Request) error {
	// A guide with its FAQs is far larger than other back-office forms.
	r.Body = http.MaxBytesReader(w, r.Body, 512<<10)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.guides.too_large"))
	}
	svc, scope, err := s.document(r)
	if err != nil {
		return err
	}
	u := currentUser(r)
	in := parseGuideForm(r.PostForm, svc.Code, scope)
	rev, err := s.cfg.Store.Draft(r.Context(), u, in)
	if err == nil && r.PostForm.Get("action") == "submit" {
		rev, err = s.cfg.Store.Submit(r.Context(), u, rev.ID)
	}
	if err != nil {
		he := editorialError(err)
		var e *Error
		if !errors.As(he, &e) || e.Status == http.StatusForbidden {
			return he
		}
		editing, openErr := s.cfg.Store.Open(r.Context(), u, svc.Code, scope)
		if openErr != nil {
			return editorialError(openErr)
		}
		view := s.editView(r, svc, scope, editing)
		if e.Status != http.StatusConflict {
			// Keep what was typed; on a conflict show the current text instead.
			view.Form = newGuideForm(in)
			view.Form.BaseVersion, view.Form.DraftID, view.Form.Saves = editing.Input.BaseVersion, editing.Input.DraftID, editing.Input.Saves
		}
		view.Error = e.Message
		return s.render(w, e.Status, "admin/guide_edit", view)
	}
	ok := "saved"
	if rev.State == catalog.StateInReview {
		ok = "submitted"
	}
	http.Redirect(w, r, documentURL(svc.Code, scope)+"?ok="+ok, http.StatusSeeOther)
	return nil
}

// mine returns the user's open revision of the document, or a 409.
func (s *Server) mine(r *http.Request, svc *catalog.Service, scope string) (*catalog.Revision, error) {
	e, err := s.cfg.Store.Open(r.Context(), currentUser(r), svc.Code, scope)
	if err != nil {
		return nil, editorialError(err)
	}
	if e.Mine == nil {
		return nil, &Error{Status: http.StatusConflict, Code: "state", Message: s.msg.T("admin.guides.no_draft")}
	}
	return e.Mine, nil
}

func (s *Server) guideWithdraw(w http.ResponseWriter, r *http.Request) error {
	return s.onMine(w, r, "withdrawn", func(rev *catalog.Revision) error {
		_, err := s.cfg.Store.Withdraw(r.Context(), currentUser(r), rev.ID)
		return err
	})
}

func (s *Server) guideDiscard(w http.ResponseWriter, r *http.Request) error {
	return s.onMine(w, r, "discarded", func(rev *catalog.Revision) error {
		_, err := s.cfg.Store.Discard(r.Context(), currentUser(r), rev.ID)
		return err
	})
}

// onMine runs op on the user's open revision of the document and returns
// to the editor with the confirmation ok.
func (s *Server) onMine(w http.ResponseWriter, r *http.Request, ok string, op func(*catalog.Revision) error) error {
	svc, scope, err := s.document(r)
	if err != nil {
		return err
	}
	rev, err := s.mine(r, svc, scope)
	if err != nil {
		return err
	}
	if err := op(rev); err != nil {
		return editorialError(err)
	}
	http.Redirect(w, r, documentURL(svc.Code, scope)+"?ok="+ok, http.StatusSeeOther)
	return nil
}

// revisionRow is one line of a document's history.
type revisionRow struct {
	URL, State, Author, When, Note string
	Version                        int
}

type guideHistoryView struct {
	Admin        AdminBase
	ServiceName  string
	ScopeName    string
	EditURL      string
	Rows         []revisionRow
	CanUnpublish bool
	UnpublishURL string
}

func (s *Server) guideHistory(w http.ResponseWriter, r *http.Request) error {
	svc, scope, err := s.document(r)
	if err != nil {
		return err
	}
	revs, err := s.cfg.Store.History(r.Context(), svc.Code, scope)
	if err != nil {
		return err
	}
	u := currentUser(r)
	view := guideHistoryView{
		Admin: s.adminBase(r, s.msg.T("admin.guides.history")), ServiceName: svc.Name,
		ScopeName: s.msg.T("admin.guides.national"), EditURL: documentURL(svc.Code, scope),
		UnpublishURL: documentURL(svc.Code, scope) + "/go-xuong",
	}
	if scope != "" {
		view.ScopeName = s.agencyName(r, scope)
	}
	for _, rev := range revs {
		view.Rows = append(view.Rows, revisionRow{
			URL: "/quan-tri/ban-thao/" + strconv.FormatInt(rev.ID, 10), State: rev.State.Label(), Author: rev.AuthorName,
			When: vnTime(rev.UpdatedAt), Note: rev.ChangeNote, Version: rev.Version,
		})
		if rev.State == catalog.StatePublished && u.Can(staff.PermGuideReview) {
			view.CanUnpublish = true
		}
	}
	return s.render(w, http.StatusOK, "admin/guide_history", view)
}

func (s *Server) guideUnpublish(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	svc, scope, err := s.document(r)
	if err != nil {
		return err
	}
	pub, err := s.cfg.Store.Published(r.Context(), svc.Code, scope)
	if err != nil && !errors.Is(err, catalog.ErrNotFound) {
		return err
	}
	if pub == nil {
		return &Error{Status: http.StatusConflict, Code: "state", Message: s.msg.T("admin.guides.nothing_published")}
	}
	if _, err := s.cfg.Store.Unpublish(r.Context(), currentUser(r), pub.ID, r.PostForm.Get("note")); err != nil {
		return editorialError(err)
	}
	http.Redirect(w, r, documentURL(svc.Code, scope)+"/lich-su?ok=unpublished", http.StatusSeeOther)
	return nil
}

type revisionView struct {
	Admin       AdminBase
	Rev         *catalog.Revision
	State       string
	ServiceName string
	ScopeName   string
	EditURL     string
	HistoryURL  string
	Against     string
	Diff        []catalog.DiffLine
	CanReview   bool
	SelfAuthor  bool
	Override    bool
	Submitted   string
	Error       string
}

func (s *Server) revisionPage(w http.ResponseWriter, r *http.Request) error {
	view, err := s.revisionView(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "admin/revision", view)
}

// revisionView shows a revision against the text it would replace: the
// published one when there is one, else the one it was based on.
func (s *Server) revisionView(r *http.Request) (revisionView, error) {
	rev, err := s.revision(r)
	if err != nil {
		return revisionView{}, err
	}
	svc := s.cfg.Catalog.Current().ByCode(rev.ServiceCode)
	if svc == nil {
		return revisionView{}, notFoundErr(s.msg.T("error.service_not_found"))
	}
	u := currentUser(r)
	view := revisionView{
		Admin: s.adminBase(r, s.msg.T("admin.guides.revision")), Rev: rev, State: rev.State.Label(), ServiceName: svc.Name,
		ScopeName: s.msg.T("admin.guides.national"), EditURL: documentURL(svc.Code, rev.Scope),
		HistoryURL: documentURL(svc.Code, rev.Scope) + "/lich-su", Submitted: vnTime(rev.SubmittedAt),
		SelfAuthor: rev.AuthorID == u.ID, Override: u.Can(staff.PermGuidePublishOverride),
	}
	if rev.Scope != "" {
		view.ScopeName = s.agencyName(r, rev.Scope)
	}
	pub, err := s.cfg.Store.Published(r.Context(), rev.ServiceCode, rev.Scope)
	if err != nil && !errors.Is(err, catalog.ErrNotFound) {
		return view, err
	}
	against := pub
	view.Against = s.msg.T("admin.guides.against_published")
	if pub == nil || pub.ID == rev.ID {
		against, view.Against = nil, s.msg.T("admin.guides.against_nothing")
	}
	view.Diff = catalog.Diff(against, rev)
	if rev.State == catalog.StateInReview || rev.State == catalog.StateScheduled {
		ok, err := s.cfg.Store.CanReview(r.Context(), u, rev.ServiceCode, rev.Scope)
		if err != nil {
			return view, err
		}
		view.CanReview = ok
	}
	return view, nil
}

// publishAtLayout is the format of an <input type="datetime-local">.
const publishAtLayout = "2006-01-02T15:04"

func (s *Server) revisionApprove(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	rev, err := s.revision(r)
	if err != nil {
		return err
	}
	var at *time.Time
	if v := strings.TrimSpace(r.PostForm.Get("publish_at")); v != "" {
		t, err := time.ParseInLocation(publishAtLayout, v, vietnamZone)
		if err != nil {
			return badRequest("invalid_time", s.msg.T("admin.guides.bad_time"))
		}
		at = &t
	}
	if _, err := s.cfg.Store.Approve(r.Context(), currentUser(r), rev.ID, at); err != nil {
		return editorialError(err)
	}
	ok := "published"
	if at != nil && at.After(time.Now()) {
		ok = "scheduled"
	}
	http.Redirect(w, r, "/quan-tri/ban-thao/"+strconv.FormatInt(rev.ID, 10)+"?ok="+ok, http.StatusSeeOther)
	return nil
}

func (s *Server) revisionReturn(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	rev, err := s.revision(r)
	if err != nil {
		return err
	}
	if _, err := s.cfg.Store.Return(r.Context(), currentUser(r), rev.ID, r.PostForm.Get("note")); err != nil {
		return editorialError(err)
	}
	http.Redirect(w, r, "/quan-tri/ban-thao/"+strconv.FormatInt(rev.ID, 10)+"?ok=returned", http.StatusSeeOther)
	return nil
}
