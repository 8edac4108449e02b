package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/loa-vn/loa/internal/notify"
	"github.com/loa-vn/loa/internal/staff"
)

// outboxRoutes are the e-mail outbox of the back office (thư đi): what the
// notifications to citizens are doing, and a way to send a failed one
// again. The outbox serves every agency and the mail server is national,
// like the job queue whose sweep delivers it, so the page needs the same
// permission as the job page: jobs.read, the national coordinator's.
func (s *Server) outboxRoutes() []Route {
	admin, read := SurfaceAdmin, need(staff.PermJobsRead)
	return []Route{
		{"GET", "/quan-tri/thu-di", read, nil, admin, s.outboxPage},
		{"POST", "/quan-tri/thu-di/{message_id}/gui-lai", read, nil, admin, s.outboxRetry},
	}
}

// init registers the page with the template parser, so that the shared
// page lists need no edit.
func init() { adminPages = append(adminPages, "outbox") }

// outboxRow is one message, ready to show: no address but a masked one.
type outboxRow struct {
	ID                              int64
	CaseCode, CaseURL               string
	Kind, State, Recipient          string
	Created, NextAttempt, Delivered string
	Attempts                        int
	Error                           string
	Pending, CanRetry               bool
}

type outboxView struct {
	Admin       AdminBase
	MailEnabled bool
	Counts      notify.Counts
	LastError   *outboxRow
	State       string
	States      []stateOption
	Rows        []outboxRow
	// Error explains a retry that could not be made.
	Error string
}

// outboxStates are the filter's choices, in the order shown.
var outboxStates = []string{notify.StatePending, notify.StateFailed, notify.StateSent, notify.StateCancelled}

// outboxRowsShown is how many messages the page lists.
const outboxRowsShown = 100

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderOutbox(w, r, http.StatusOK, r.URL.Query().Get("trang-thai"), "")
}

func (s *Server) renderOutbox(w http.ResponseWriter, r *http.Request, status int, state, errMsg string) error {
	ctx, b := r.Context(), s.cfg.Outbox
	if b == nil {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	view := outboxView{Admin: s.adminBase(r, s.msg.T("admin.outbox.title")), MailEnabled: b.MailEnabled(), State: state, Error: errMsg}
	valid := state == ""
	for _, st := range outboxStates {
		view.States = append(view.States, stateOption{Value: st, Label: s.outboxStateLabel(st), Selected: st == state})
		valid = valid || st == state
	}
	if !valid {
		return badRequest("invalid_state", s.msg.T("admin.outbox.bad_state"))
	}
	var err error
	if view.Counts, err = b.Counts(ctx); err != nil {
		return err
	}
	if last, ok, err := b.LastError(ctx); err != nil {
		return err
	} else if ok {
		row := s.outboxRow(last)
		view.LastError = &row
	}
	rows, err := b.Recent(ctx, notify.Filter{State: state, Limit: outboxRowsShown})
	if err != nil {
		return err
	}
	for _, m := range rows {
		view.Rows = append(view.Rows, s.outboxRow(m))
	}
	return s.render(w, status, "admin/outbox", view)
}

func (s *Server) outboxRow(m notify.Row) outboxRow {
	row := outboxRow{ID: m.ID, CaseCode: m.CaseCode, CaseURL: "/quan-tri/phan-anh/" + url.PathEscape(m.CaseCode),
		Kind: s.msgOr("admin.outbox.kind."+string(m.Kind), string(m.Kind)), State: s.outboxStateLabel(m.State),
		Recipient: m.Recipient, Created: vnTime(m.CreatedAt), Delivered: vnTime(m.DeliveredAt),
		Attempts: m.Attempts, Error: m.LastError, Pending: m.State == notify.StatePending, CanRetry: m.State == notify.StateFailed}
	if row.Pending {
		row.NextAttempt = vnTime(m.NextAttempt)
	}
	return row
}

// outboxStatePrefix starts the message keys naming outbox states.
const outboxStatePrefix = "admin.outbox.state."

func (s *Server) outboxStateLabel(st string) string {
	return s.msgOr(outboxStatePrefix+st, st)
}

// outboxRetry puts a failed message back in the queue (audited by the
// notify board); the delivery sweep sends it within a minute.
func (s *Server) outboxRetry(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Outbox == nil {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	id, err := s.pathID(r, "message_id")
	if err != nil {
		return err
	}
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	err = s.cfg.Outbox.Retry(r.Context(), staffActor(currentUser(r)), id)
	switch {
	case errors.Is(err, notify.ErrNotFound):
		return notFoundErr(s.msg.T("admin.outbox.not_found"))
	case errors.Is(err, notify.ErrNotFailed):
		return s.renderOutbox(w, r, http.StatusConflict, "", s.msg.T("admin.outbox.not_failed"))
	case errors.Is(err, notify.ErrNoRecipient):
		return s.renderOutbox(w, r, http.StatusConflict, "", s.msg.T("admin.outbox.no_recipient"))
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/quan-tri/thu-di?ok=outbox_retried#thu-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
