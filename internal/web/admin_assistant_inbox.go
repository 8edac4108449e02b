package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/assistant"
)

// inboxDays is the period the inbox shows by default.
const inboxDays = 30

// Bounds of the inbox page: groups shown, wordings listed per group, and
// wordings carried in a link to the proposal form (the rest are handled
// when ignored, since that form posts them all).
const (
	inboxMaxGroups   = 100
	inboxMaxExamples = 5
	inboxLinkWords   = 20
)

type inboxForm struct {
	From, To   string
	OutOfScope bool
}

// inboxGroupRow is one group of similar questions, ready to show.
type inboxGroupRow struct {
	ID        string
	Title     string
	Count     int
	Last      string
	Reasons   []string
	Examples  []assistant.InboxQuestion
	More      int
	Questions []string
	// Service names the service the assistant thought of most often.
	Service   string
	Proposed  string
	ParaURL   string
	NewFAQURL string
}

type inboxView struct {
	Admin        AdminBase
	Nav          []assistantNavItem
	Form         inboxForm
	Error        string
	Groups       []inboxGroupRow
	Total        int
	Questions    int
	LowThreshold string
	Back         string
}

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request) error {
	view := inboxView{Admin: s.adminBase(r, s.msg.T("admin.assistant.inbox_title")), Nav: s.assistantNav(r, "/quan-tri/tro-ly/cau-hoi"),
		LowThreshold: strconv.Itoa(int(assistant.LowConfidence * 100))}
	var msg string
	f := assistant.InboxFilter{OutOfScope: r.URL.Query().Get("ngoai_pham_vi") == "1"}
	view.Form.From, view.Form.To, f.From, f.To, msg = s.dateRange(r, inboxDays)
	view.Form.OutOfScope = f.OutOfScope
	if msg != "" {
		view.Error = msg
		return s.render(w, http.StatusBadRequest, "admin/assistant_inbox", view)
	}
	groups, err := s.cfg.Assistant.Inbox(r.Context(), f)
	if err != nil {
		return err
	}
	view.Total = len(groups)
	view.Back = r.URL.RequestURI()
	snap := s.cfg.Catalog.Current()
	for i, g := range groups {
		view.Questions += g.Count
		if i >= inboxMaxGroups {
			continue
		}
		row := inboxGroupRow{ID: "nhom-" + strconv.Itoa(i+1), Title: g.Questions[0].Question, Count: g.Count, Last: vnTime(g.Last)}
		for _, rc := range g.Reasons {
			// Keys are looked up, not written out, so a reason added to
			// the assistant shows its code until it is named.
			row.Reasons = append(row.Reasons, fmt.Sprintf(s.msgOr("admin.assistant.reason."+string(rc.Reason), string(rc.Reason)+": %d"), rc.Count))
		}
		row.Examples = g.Questions[:min(len(g.Questions), inboxMaxExamples)]
		row.More = len(g.Questions) - len(row.Examples)
		link := url.Values{}
		for j, q := range g.Questions {
			row.Questions = append(row.Questions, q.Question)
			if j < inboxLinkWords {
				link.Add("q", q.Question)
			}
		}
		if len(g.Services) > 0 {
			link.Set("dich_vu", g.Services[0])
			if svc := snap.BySlug(g.Services[0]); svc != nil {
				row.Service = svc.Name
			}
		}
		if !g.ProposedAt.IsZero() {
			row.Proposed = vnTime(g.ProposedAt)
		}
		base := "/quan-tri/tro-ly/cau-hoi/them?" + link.Encode()
		row.ParaURL, row.NewFAQURL = base+"#cach-hoi", base+"#cau-moi"
		view.Groups = append(view.Groups, row)
	}
	return s.render(w, http.StatusOK, "admin/assistant_inbox", view)
}

// maxInboxForm bounds the ignore and proposal forms, which carry every
// wording of a group (at most 500 questions of 1,000 characters, but
// groups are far smaller in practice).
const maxInboxForm = 512 << 10

// inboxIgnore puts a group's questions on the ignore list and goes back
// to the inbox as it was filtered.
func (s *Server) inboxIgnore(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxInboxForm)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	err := s.cfg.Assistant.Ignore(r.Context(), currentUser(r).Actor(), r.PostForm["q"])
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return badRequest("invalid_"+invalid.Field, invalid.Message)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, inboxBack(r.PostForm.Get("back"), "assistant_ignored"), http.StatusSeeOther)
	return nil
}

// inboxBack is the inbox URL to return to, with a confirmation: the
// filtered inbox the form came from when it is one, else the inbox.
func inboxBack(back, ok string) string {
	u, err := url.Parse(back)
	if err != nil || u.Path != "/quan-tri/tro-ly/cau-hoi" || u.Host != "" || u.Scheme != "" {
		u = &url.URL{Path: "/quan-tri/tro-ly/cau-hoi"}
	}
	q := u.Query()
	q.Set("ok", ok)
	return u.Path + "?" + q.Encode()
}

// serviceChoice is a service the proposal may go to.
type serviceChoice struct {
	Slug, Name string
	Selected   bool
}

// faqChoice is an FAQ of the chosen service's current text.
type faqChoice struct {
	ID          string
	Question    string
	Paraphrases []string
}

type proposeView struct {
	Admin AdminBase
	Nav   []assistantNavItem
	Error string
	// Questions are the citizens' wordings the proposal deals with.
	Questions []string
	Question  string
	Answer    string
	Kind      string
	Search    string
	Services  []serviceChoice
	Service   *serviceChoice
	FAQs      []faqChoice
	FAQ       string
	// Draft says the user has an open draft of the guide: the change goes
	// into it. EditorURL opens it.
	Draft     bool
	EditorURL string
}

// proposeSearchHits is how many services the search proposes.
const proposeSearchHits = 8

// proposePage shows the proposal form: the questions, a service to choose
// (the assistant's guess, or one found by the search box) and, for the
// chosen service, its FAQs.
func (s *Server) proposePage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	view := proposeView{Questions: cleanQuestions(q["q"]), Search: strings.TrimSpace(q.Get("tim"))}
	if len(view.Questions) > 0 {
		view.Question = view.Questions[0]
	}
	return s.renderPropose(w, r, http.StatusOK, view, q.Get("dich_vu"))
}

// cleanQuestions drops empty wordings.
func cleanQuestions(qs []string) []string {
	var out []string
	for _, q := range qs {
		if q = strings.TrimSpace(q); q != "" {
			out = append(out, q)
		}
	}
	return out
}

func (s *Server) renderPropose(w http.ResponseWriter, r *http.Request, status int, view proposeView, slug string) error {
	ctx, u := r.Context(), currentUser(r)
	view.Admin = s.adminBase(r, s.msg.T("admin.assistant.propose_title"))
	view.Nav = s.assistantNav(r, "")
	snap := s.cfg.Catalog.Current()
	// Candidates: the one asked for, then what the search finds for the
	// search box or the question. Only services the user may edit.
	var slugs []string
	if slug != "" {
		slugs = append(slugs, slug)
	}
	query := view.Search
	if query == "" {
		query = view.Question
	}
	if query != "" {
		for _, h := range s.cfg.Search.Search(query, proposeSearchHits) {
			slugs = append(slugs, h.ID)
		}
	}
	seen := map[string]bool{}
	for _, sl := range slugs {
		svc := snap.BySlug(sl)
		if svc == nil || seen[sl] {
			continue
		}
		seen[sl] = true
		ok, err := s.cfg.Store.CanEdit(ctx, u, svc.Code, "")
		if err != nil {
			return err
		}
		if ok {
			view.Services = append(view.Services, serviceChoice{Slug: svc.Slug, Name: svc.Name, Selected: svc.Slug == slug})
		}
	}
	if svc := snap.BySlug(slug); svc != nil && seen[slug] && len(view.Services) > 0 && view.Services[0].Selected {
		view.Service = &view.Services[0]
		ed, err := s.cfg.Store.Open(ctx, u, svc.Code, "")
		if err != nil {
			return editorialError(err)
		}
		view.Draft = ed.Mine != nil
		view.EditorURL = documentURL(svc.Code, "")
		for i, f := range ed.Input.Body.FAQs {
			view.FAQs = append(view.FAQs, faqChoice{ID: "faq-" + strconv.Itoa(i+1), Question: f.Question, Paraphrases: f.Paraphrases})
		}
	}
	return s.render(w, status, "admin/assistant_propose", view)
}

// proposeSave writes the proposal into the user's draft of the guide and
// opens the editor on it, where the editor reviews and submits it.
func (s *Server) proposeSave(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxInboxForm)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	f := r.PostForm
	slug := f.Get("dich_vu")
	view := proposeView{Questions: cleanQuestions(f["q"]), Question: f.Get("question"), Answer: f.Get("answer"),
		Kind: f.Get("kieu"), FAQ: f.Get("faq")}
	fail := func(status int, msg string) error {
		view.Error = msg
		return s.renderPropose(w, r, status, view, slug)
	}
	svc := s.cfg.Catalog.Current().BySlug(slug)
	if svc == nil {
		return fail(http.StatusBadRequest, s.msg.T("admin.assistant.propose_no_service"))
	}
	p := assistant.Proposal{ServiceCode: svc.Code, Question: view.Question, Resolve: view.Questions}
	switch view.Kind {
	case "cach-hoi":
		if strings.TrimSpace(view.FAQ) == "" {
			return fail(http.StatusBadRequest, s.msg.T("admin.assistant.propose_no_faq"))
		}
		p.FAQ = view.FAQ
	case "moi":
		p.Answer = view.Answer
	default:
		return fail(http.StatusBadRequest, s.msg.T("admin.invalid_form"))
	}
	_, err := s.cfg.Assistant.Propose(r.Context(), s.cfg.Store, currentUser(r), p)
	var invalid *assistant.InvalidError
	if errors.As(err, &invalid) {
		return fail(http.StatusBadRequest, invalid.Message)
	}
	var he *Error
	if err != nil && errors.As(editorialError(err), &he) {
		if he.Status == http.StatusForbidden {
			return he
		}
		return fail(he.Status, he.Message)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, documentURL(svc.Code, "")+"?ok=assistant_proposed", http.StatusSeeOther)
	return nil
}
