package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/loa-vn/loa/internal/jobs"
	"github.com/loa-vn/loa/internal/staff"
)

// jobRoutes is the background job page. The queue is shared by every
// agency, so only the national coordinator (jobs.read) sees it.
func (s *Server) jobRoutes() []Route {
	admin, read := SurfaceAdmin, need(staff.PermJobsRead)
	return []Route{
		{"GET", "/quan-tri/tac-vu", read, nil, admin, s.jobsPage},
		{"POST", "/quan-tri/tac-vu/{job_id}/chay-lai", read, nil, admin, s.retryJob},
		{"POST", "/quan-tri/tac-vu/{job_id}/huy", read, nil, admin, s.cancelJob},
	}
}

// jobRow is one job, ready to show.
type jobRow struct {
	ID                           int64
	Kind, State, Attempts, Error string
	Created, Scheduled, Finished string
	CanRetry, CanCancel          bool
}

type jobsView struct {
	Admin  AdminBase
	State  string
	States []stateOption
	Rows   []jobRow
}

// stateOption is one choice of the state filter.
type stateOption struct {
	Value, Label string
	Selected     bool
}

func (s *Server) jobsPage(w http.ResponseWriter, r *http.Request) error {
	state := jobs.State(r.URL.Query().Get("trang-thai"))
	view := jobsView{Admin: s.adminBase(r, s.msg.T("admin.jobs.title")), State: string(state)}
	valid := state == ""
	for _, st := range jobs.States {
		view.States = append(view.States, stateOption{Value: string(st), Label: s.jobStateLabel(st), Selected: st == state})
		valid = valid || st == state
	}
	if !valid {
		return badRequest("invalid_state", s.msg.T("admin.jobs.bad_state"))
	}
	list, err := s.cfg.Jobs.List(r.Context(), jobs.Filter{State: state, Limit: 200})
	if err != nil {
		return err
	}
	for _, j := range list {
		view.Rows = append(view.Rows, jobRow{
			ID: j.ID, Kind: j.Kind, State: s.jobStateLabel(j.State),
			Attempts: strconv.Itoa(j.Attempt) + "/" + strconv.Itoa(j.MaxAttempts), Error: j.LastError,
			Created: vnTime(j.CreatedAt), Scheduled: vnTime(j.ScheduledAt), Finished: vnTime(j.FinalizedAt),
			CanRetry:  j.State == jobs.StateDiscarded || j.State == jobs.StateCancelled || j.State == jobs.StateRetryable,
			CanCancel: j.State == jobs.StateScheduled || j.State == jobs.StateAvailable || j.State == jobs.StateRetryable || j.State == jobs.StateRunning,
		})
	}
	return s.render(w, http.StatusOK, "admin/jobs", view)
}

func (s *Server) retryJob(w http.ResponseWriter, r *http.Request) error {
	return s.jobAction(w, r, "job_retried", s.cfg.Jobs.Retry)
}

func (s *Server) cancelJob(w http.ResponseWriter, r *http.Request) error {
	return s.jobAction(w, r, "job_cancelled", s.cfg.Jobs.Cancel)
}

// jobAction runs op on the job {job_id} and returns to the job page.
func (s *Server) jobAction(w http.ResponseWriter, r *http.Request, ok string, op func(ctx context.Context, id int64) (jobs.JobInfo, error)) error {
	id, err := s.pathID(r, "job_id")
	if err != nil {
		return err
	}
	if _, err := op(r.Context(), id); errors.Is(err, jobs.ErrNotFound) {
		return notFoundErr(s.msg.T("admin.jobs.not_found"))
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/tac-vu?ok="+ok, http.StatusSeeOther)
	return nil
}

// jobStatePrefix starts the message keys naming job states.
const jobStatePrefix = "admin.jobs.state."

// jobStateLabel names a job state in Vietnamese, or gives it as stored.
func (s *Server) jobStateLabel(st jobs.State) string {
	if l, ok := s.msg[jobStatePrefix+string(st)]; ok {
		return l
	}
	return string(st)
}
