package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/staff"
)

// eventRow is one line of a case's history in the back office.
type eventRow struct {
	When, Actor, Label, Note string
	Internal                 bool
}

// escalationRow is one rung of the ladder a case reached.
type escalationRow struct {
	When, Level, Target string
	Round               int
}

type adminCaseView struct {
	Admin                                     AdminBase
	Case                                      *cases.Case
	State, Category, Source, Agency, Assignee string
	Service, Area                             string
	Contact                                   cases.Contact
	Revealed                                  bool
	Created, Due, Remaining                   string
	Overdue, Paused                           bool
	Events                                    []eventRow
	Escalations                               []escalationRow
	// Can lists the actions the case's state allows, by name.
	Can        map[string]bool
	Categories []choice
	Agencies   []agencyGroup
	Assignees  []choice
	// OwnAnswer is set when the user wrote the answer under review: they
	// may publish it only with the override.
	OwnAnswer   bool
	PublicDraft string
	Error       string
	// Attachments are the citizen's files, as downloads (report_attachments.go).
	Attachments []attachmentRow
}

// adminCase shows one case: the citizen's text (escaped by the template
// like every value), the contact masked until asked for, the deadline,
// the full history, and the actions its state allows.
func (s *Server) adminCase(w http.ResponseWriter, r *http.Request) error {
	c, err := s.adminCaseByCode(r)
	if err != nil {
		return err
	}
	return s.renderAdminCase(w, r, http.StatusOK, c, false, "")
}

func (s *Server) renderAdminCase(w http.ResponseWriter, r *http.Request, status int, c *cases.Case, reveal bool, msg string) error {
	ctx, u := r.Context(), currentUser(r)
	v := adminCaseView{Admin: s.adminBase(r, s.msg.T("admin.cases.case")+" "+c.Code), Case: c, Error: msg,
		State: c.State.Label(), Category: c.Category.Label(), Source: c.Source.Label(),
		Created: vnTime(c.CreatedAt), Contact: c.Contact.Masked(), Revealed: reveal}
	if reveal {
		v.Contact = c.Contact
	}
	v.Agency = s.msg.T("admin.cases.unrouted")
	if c.Agency != "" {
		v.Agency = s.agencyNameCtx(ctx, c.Agency)
	}
	people := map[int64]string{}
	v.Assignee = s.msg.T("admin.cases.queue")
	if c.AssigneeID != 0 {
		v.Assignee = s.staffName(ctx, people, c.AssigneeID)
	}
	if svc := s.cfg.Catalog.Current().BySlug(c.ServiceSlug); svc != nil {
		v.Service = svc.Name
	}
	for _, code := range []string{c.CommuneCode, c.ProvinceCode} {
		if u, err := s.cfg.Units.Unit(ctx, code); code != "" && err == nil {
			v.Area = strings.TrimPrefix(v.Area+", "+u.FullName, ", ")
		}
	}
	events, err := s.cfg.Cases.Events(ctx, c.ID, false)
	if err != nil {
		return err
	}
	cal, err := s.cfg.Cases.Calendar(ctx)
	if err != nil {
		return err
	}
	dls, err := s.cfg.Cases.AllDeadlines(ctx)
	if err != nil {
		return err
	}
	var dl cases.Deadlines
	for _, d := range dls {
		if d.Category == c.Category {
			dl = d
		}
	}
	k := cases.ComputeClock(cal, dl, c, events, s.cfg.Cases.Now())
	v.Due, v.Overdue, v.Paused = vnTime(k.AnswerDue), k.Overdue(), k.Paused
	if !k.Stopped {
		v.Remaining = fmtNum(k.RemainingDays())
	}
	for _, e := range events {
		label := e.Kind.Label()
		if e.Kind == cases.EventStateChanged {
			label = e.FromState.Label() + " → " + e.ToState.Label()
		}
		v.Events = append(v.Events, eventRow{When: vnTime(e.At), Actor: s.actorName(ctx, people, e.Actor),
			Label: label, Note: e.Note, Internal: e.Visibility == cases.Internal})
	}
	escs, err := s.cfg.Cases.Escalations(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, e := range escs {
		v.Escalations = append(v.Escalations, escalationRow{When: vnTime(e.At), Level: e.Level.Label(),
			Target: s.agencyNameCtx(ctx, e.TargetAgency), Round: e.Round})
	}
	v.Can = caseActions(c)
	for _, cat := range cases.Categories() {
		v.Categories = append(v.Categories, choice{string(cat), cat.Label(), cat == c.Category})
	}
	if v.Agencies, err = s.agencyGroups(ctx, u, c.Agency); err != nil {
		return err
	}
	v.Assignees = s.assigneeChoices(ctx, u, c)
	v.OwnAnswer = c.AnswerBy == u.ID && c.State == cases.StateAnswered
	v.PublicDraft = cases.Redact(c.Answer, c.Contact)
	if v.Attachments, err = s.caseAttachmentRows(ctx, c); err != nil {
		return err
	}
	return s.render(w, status, "admin/case", v)
}

// caseActions says which actions the case's state allows.
func caseActions(c *cases.Case) map[string]bool {
	st := c.State
	ended := st == cases.StatePublished || st == cases.StateClosed || st == cases.StateDuplicate ||
		st == cases.StateNotOurResponsibility
	can := cases.CanTransition
	return map[string]bool{
		"acknowledge": !ended && st != cases.StateReturnedForInfo,
		"classify":    can(st, cases.StateClassified) || st == cases.StateAssigned || st == cases.StateInProgress,
		"assign":      !ended && st != cases.StateReturnedForInfo,
		"start":       can(st, cases.StateInProgress) && st != cases.StateAnswered && st != cases.StateReturnedForInfo,
		"answer":      st == cases.StateAssigned || st == cases.StateInProgress || st == cases.StateReopened,
		"publish":     st == cases.StateAnswered,
		"send_back":   st == cases.StateAnswered,
		"return":      can(st, cases.StateReturnedForInfo),
		"resume":      st == cases.StateReturnedForInfo,
		"duplicate":   can(st, cases.StateDuplicate),
		"not_ours":    can(st, cases.StateNotOurResponsibility),
		"transfer":    can(st, cases.StateTransferred),
		"close":       can(st, cases.StateClosed),
	}
}

// assigneeChoices are the people a case may be given to: the agency's
// queue, oneself, and — for those who manage accounts — the agency's
// handlers.
func (s *Server) assigneeChoices(ctx context.Context, u *staff.User, c *cases.Case) []choice {
	out := []choice{{"0", s.msg.T("admin.cases.queue"), c.AssigneeID == 0}, {strconv.FormatInt(u.ID, 10), s.msg.T("admin.cases.me"), c.AssigneeID == u.ID}}
	if !u.Can(staff.PermUserManage) {
		return out
	}
	users, err := s.cfg.Staff.ListUsers(ctx, u)
	if err != nil {
		return out
	}
	for _, p := range users {
		if p.ID != u.ID && !p.Disabled && p.Can(staff.PermCaseHandle) && (p.Agency == c.Agency || c.Agency == "") {
			out = append(out, choice{strconv.FormatInt(p.ID, 10), p.DisplayName + " (" + p.Username + ")", c.AssigneeID == p.ID})
		}
	}
	return out
}

// staffName names a staff account, remembering names for the page.
func (s *Server) staffName(ctx context.Context, seen map[int64]string, id int64) string {
	if n, ok := seen[id]; ok {
		return n
	}
	n := s.msg.T("admin.system")
	if p, err := s.cfg.Staff.GetUser(ctx, id); err == nil {
		n = p.DisplayName + " (" + p.Username + ")"
	}
	seen[id] = n
	return n
}

// actorName names an event's actor.
func (s *Server) actorName(ctx context.Context, seen map[int64]string, actor string) string {
	switch {
	case actor == cases.ActorCitizen:
		return s.msg.T("admin.cases.citizen")
	case actor == cases.ActorSystem:
		return s.msg.T("admin.system")
	case strings.HasPrefix(actor, "staff:"):
		if id, err := strconv.ParseInt(strings.TrimPrefix(actor, "staff:"), 10, 64); err == nil {
			return s.staffName(ctx, seen, id)
		}
	}
	return actor
}

// adminCaseContact shows the contact unmasked, and records who looked:
// contact details are personal data, seen only when a person needs them.
func (s *Server) adminCaseContact(w http.ResponseWriter, r *http.Request) error {
	c, err := s.adminCaseByCode(r)
	if err != nil {
		return err
	}
	u := currentUser(r)
	if err := audit.Record(r.Context(), s.cfg.DB, audit.Entry{Actor: u.Actor(), Action: "case.contact_view",
		ObjectType: "case", ObjectID: c.Code, Agency: c.Agency}); err != nil {
		return err
	}
	return s.renderAdminCase(w, r, http.StatusOK, c, true, "")
}

// adminCaseAction runs one action from the case page's forms.
func (s *Server) adminCaseAction(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxReportBody)
	if err := r.ParseForm(); err != nil {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	c, err := s.adminCaseByCode(r)
	if err != nil {
		return err
	}
	ctx, u, f := r.Context(), currentUser(r), r.PostForm
	h := handlerOf(u)
	note := f.Get("note")
	var ok string
	switch f.Get("action") {
	case "acknowledge":
		_, err = s.cfg.Cases.Acknowledge(ctx, c.ID, h)
	case "classify":
		_, err = s.cfg.Cases.Classify(ctx, c.ID, h, cases.Category(f.Get("category")), note)
	case "assign":
		agency := f.Get("agency")
		if agency != "" && agency != c.Agency && !s.inUserScope(u, agency) {
			// Reassigning outside one's scope is a transfer, which the
			// receiving agency accepts.
			return s.renderAdminCase(w, r, http.StatusForbidden, c, false, s.msg.T("admin.cases.outside_scope"))
		}
		assignee, _ := strconv.ParseInt(f.Get("assignee"), 10, 64)
		_, err = s.cfg.Cases.Assign(ctx, c.ID, h, agency, assignee, note)
	case "start":
		_, err = s.cfg.Cases.Start(ctx, c.ID, h)
	case "save_answer", "submit_answer":
		_, err = s.cfg.Cases.SaveAnswer(ctx, c.ID, h, f.Get("answer"), f.Get("action") == "submit_answer")
	case "publish":
		_, err = s.cfg.Cases.Publish(ctx, c.ID, h, f.Get("public_answer"))
	case "send_back":
		_, err = s.cfg.Cases.SendBack(ctx, c.ID, h, note)
	case "return":
		_, err = s.cfg.Cases.ReturnForInfo(ctx, c.ID, h, note)
	case "resume":
		_, err = s.cfg.Cases.Resume(ctx, c.ID, h, note)
	case "duplicate":
		_, err = s.cfg.Cases.MarkDuplicate(ctx, c.ID, h, f.Get("duplicate_of"), note)
	case "not_ours":
		_, err = s.cfg.Cases.NotOurs(ctx, c.ID, h, f.Get("referral"))
	case "transfer":
		_, err = s.cfg.Cases.Transfer(ctx, c.ID, h, f.Get("agency"), note)
		ok = "case_transferred"
	case "close":
		_, err = s.cfg.Cases.Close(ctx, c.ID, h, note)
	default:
		return s.renderAdminCase(w, r, http.StatusBadRequest, c, false, s.msg.T("admin.cases.unknown_action"))
	}
	if msg, status := s.caseErrorMessage(err); msg != "" {
		return s.renderAdminCase(w, r, status, c, false, msg)
	}
	if err != nil {
		return err
	}
	if ok == "case_transferred" {
		// The case may now lie outside the user's scope.
		http.Redirect(w, r, "/quan-tri/phan-anh?ok="+ok, http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/quan-tri/phan-anh/"+c.Code+"?ok=case_saved", http.StatusSeeOther)
	return nil
}

// caseErrorMessage maps the errors a person can act on to a message and
// status; "" for any other error.
func (s *Server) caseErrorMessage(err error) (string, int) {
	var inv *cases.InvalidError
	switch {
	case err == nil:
		return "", 0
	case errors.As(err, &inv) && len(inv.Fields) > 0:
		msgs := make([]string, len(inv.Fields))
		for i, f := range inv.Fields {
			msgs[i] = f.Message
		}
		return strings.Join(msgs, " "), http.StatusBadRequest
	case errors.Is(err, cases.ErrSelfReview):
		return s.msg.T("admin.cases.self_review"), http.StatusForbidden
	case errors.Is(err, cases.ErrBadTransition):
		return s.msg.T("admin.cases.bad_state"), http.StatusConflict
	case errors.Is(err, cases.ErrConflict):
		return s.msg.T("admin.conflict"), http.StatusConflict
	}
	return "", 0
}
