package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/targets"
)

// targetEditPerm is who may change the programme's targets and enter
// observations: the national coordinator, who holds measure.configure —
// targets are parameters of the measuring method, published at once and
// audited.
const targetEditPerm = staff.PermMeasureConfigure

// adminTargetRoutes is the back-office section of the programme targets.
// Everyone with dashboards may read it; only the coordinator may edit.
// Targets belong to the nation, so no route has an agency scope.
func (s *Server) adminTargetRoutes() []Route {
	admin, read, edit := SurfaceAdmin, need(staff.PermDashboardRead), need(targetEditPerm)
	return []Route{
		{"GET", "/quan-tri/muc-tieu", read, nil, admin, s.adminTargetsPage},
		{"GET", "/quan-tri/muc-tieu/{target_key}", read, nil, admin, s.adminTargetPage},
		{"POST", "/quan-tri/muc-tieu/{target_key}", edit, nil, admin, s.adminTargetUpdate},
		{"POST", "/quan-tri/muc-tieu/{target_key}/so-lieu", edit, nil, admin, s.adminTargetObserve},
	}
}

type adminTargetsView struct {
	Admin   AdminBase
	Targets []targetCard
}

// adminTargetsPage lists the targets with their status.
func (s *Server) adminTargetsPage(w http.ResponseWriter, r *http.Request) error {
	cards, err := s.targetCards(r.Context(), s.cfg.Targets.Now())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "admin/targets", adminTargetsView{Admin: s.adminBase(r, s.msg.T("targets.admin_title")), Targets: cards})
}

// targetForm is what the edit form holds, as typed.
type targetForm struct {
	Name, Unit, Direction, Baseline, BaselineYear, Target2025, Target2030, Source, ChangeNote string
	// Indicator is the measured rate bound to the target, "" for none.
	Indicator string
	Confirmed bool
	Version   int64
}

// targetObsForm is what the observation form holds, as typed. A person's
// observation is always of kind manual: computed ones are Loa's.
type targetObsForm struct {
	Period, Value, Source, Note string
}

// targetChoice is one option of a select.
type targetChoice struct {
	Value, Label string
	Selected     bool
}

// targetObsRow is one line of the observation history.
type targetObsRow struct {
	Period, Value, Kind, Source, Note, By, At string
	// Auto marks a value Loa computed from its measurements.
	Superseded, Auto bool
}

// targetVersionRow is one line of the version history.
type targetVersionRow struct {
	Version                                              int64
	Name, Baseline, Target2025, Target2030, Note, By, At string
	Confirmed                                            bool
}

type adminTargetView struct {
	Admin   AdminBase
	Card    targetCard
	CanEdit bool
	// Milestones are the assessments against each target year.
	Milestones []targetMilestoneRow
	Form       targetForm
	FormError  string
	Obs        targetObsForm
	ObsError   string
	Units      []targetChoice
	Directions []targetChoice
	// Indicators are the measured rates the target may be bound to, with
	// "none" first.
	Indicators []targetChoice
	Observed   []targetObsRow
	Versions   []targetVersionRow
}

// targetMilestoneRow is the assessment against one target year.
type targetMilestoneRow struct {
	Year, Target, Status, StatusLabel, Required, Ratio string
	Achieved                                           bool
}

func (s *Server) loadTarget(r *http.Request) (targets.Target, error) {
	t, err := s.cfg.Targets.Get(r.Context(), r.PathValue("target_key"))
	if errors.Is(err, targets.ErrNotFound) {
		return t, notFoundErr(s.msg.T("targets.not_found"))
	}
	return t, err
}

// loadTargetForm loads the target of the URL and reads the form posted
// to it.
func (s *Server) loadTargetForm(w http.ResponseWriter, r *http.Request) (targets.Target, url.Values, error) {
	t, err := s.loadTarget(r)
	if err != nil {
		return t, nil, err
	}
	if err := s.parseAdminForm(w, r); err != nil {
		return t, nil, err
	}
	return t, r.PostForm, nil
}

// adminTargetPage shows one target: its assessment against each year, the
// forms (for the coordinator), and its history.
func (s *Server) adminTargetPage(w http.ResponseWriter, r *http.Request) error {
	t, err := s.loadTarget(r)
	if err != nil {
		return err
	}
	view := adminTargetView{Form: targetFormOf(t)}
	return s.renderAdminTarget(w, r, http.StatusOK, t, view)
}

func targetFormOf(t targets.Target) targetForm {
	f := targetForm{Name: t.Name, Unit: string(t.Unit), Direction: string(t.Direction), Baseline: targetFormNumber(t.Baseline),
		Target2025: targetFormNumber(t.Target2025), Target2030: targetFormNumber(t.Target2030), Source: t.Source,
		Indicator: t.Indicator, Confirmed: t.Confirmed, Version: t.Version}
	if t.BaselineYear != nil {
		f.BaselineYear = strconv.Itoa(*t.BaselineYear)
	}
	return f
}

func (s *Server) renderAdminTarget(w http.ResponseWriter, r *http.Request, status int, t targets.Target, view adminTargetView) error {
	ctx, now := r.Context(), s.cfg.Targets.Now()
	obs, err := s.cfg.Targets.Observations(ctx, t.Key)
	if err != nil {
		return err
	}
	latest := targets.Latest(obs, now)
	view.Admin = s.adminBase(r, t.Name)
	view.CanEdit = currentUser(r).Can(targetEditPerm)
	view.Card = s.targetCard(targets.Summary{Target: t, Observations: obs, Latest: latest, Assessment: targets.Progress(t, latest, now)})
	for _, m := range t.Milestones() {
		a := targets.Assess(t, latest, &m)
		row := targetMilestoneRow{Year: strconv.Itoa(m.Year), Target: targetValue(m.Value, t.Unit), Status: string(a.Status),
			StatusLabel: a.Label, Required: targetGrowth(a.RequiredGrowth), Achieved: a.Achieved}
		if a.Ratio != nil {
			row.Ratio = targetNumber(*a.Ratio*100) + "%"
		}
		view.Milestones = append(view.Milestones, row)
	}
	for _, u := range targets.Units() {
		view.Units = append(view.Units, targetChoice{string(u), string(u), string(u) == view.Form.Unit})
	}
	for _, d := range []targets.Direction{targets.HigherIsBetter, targets.LowerIsBetter} {
		view.Directions = append(view.Directions, targetChoice{string(d), d.Label(), string(d) == view.Form.Direction})
	}
	view.Indicators = s.targetIndicatorChoices(view.Form.Indicator)
	hist, err := s.cfg.Targets.ObservationHistory(ctx, t.Key)
	if err != nil {
		return err
	}
	current := map[int64]bool{}
	for _, o := range obs {
		current[o.ID] = true
	}
	for _, o := range hist {
		view.Observed = append(view.Observed, targetObsRow{Period: o.Period.Label(), Value: targetValue(o.Value, t.Unit),
			Kind: o.SourceKind.Label(), Source: o.Source, Note: o.Note, By: o.CreatedBy, At: vnTime(o.CreatedAt),
			Superseded: !current[o.ID], Auto: o.Automatic()})
	}
	versions, err := s.cfg.Targets.History(ctx, t.Key)
	if err != nil {
		return err
	}
	for _, v := range versions {
		view.Versions = append(view.Versions, targetVersionRow{Version: v.Version, Name: v.Name,
			Baseline: targetOptValue(v.Baseline, v.Unit), Target2025: targetOptValue(v.Target2025, v.Unit), Target2030: targetOptValue(v.Target2030, v.Unit),
			Note: v.ChangeNote, By: v.CreatedBy, At: vnTime(v.CreatedAt), Confirmed: v.Confirmed})
		if v.BaselineYear != nil {
			view.Versions[len(view.Versions)-1].Baseline += " (" + strconv.Itoa(*v.BaselineYear) + ")"
		}
	}
	return s.render(w, status, "admin/target", view)
}

// targetIndicatorChoices lists "none" and the bindable rates, selected
// marks the current one. A binding the store no longer lists is kept as
// an option, so saving the form does not drop it unseen.
func (s *Server) targetIndicatorChoices(selected string) []targetChoice {
	out := []targetChoice{{"", s.msg.T("targets.indicator_none"), selected == ""}}
	found := selected == ""
	for _, ind := range s.cfg.Targets.Indicators() {
		out = append(out, targetChoice{ind.ID, ind.Name, ind.ID == selected})
		found = found || ind.ID == selected
	}
	if !found {
		out = append(out, targetChoice{selected, selected, true})
	}
	return out
}

// targetActor is the audit actor for the signed-in user.
func targetActor(u *staff.User) audit.Actor {
	return audit.Actor{ID: u.ID, Name: u.Username, Agency: u.Agency}
}

// adminTargetUpdate saves a new version of the target. The form carries
// the version it was rendered with; when someone saved in between, the
// page shows the current values and nothing is written.
func (s *Server) adminTargetUpdate(w http.ResponseWriter, r *http.Request) error {
	t, p, err := s.loadTargetForm(w, r)
	if err != nil {
		return err
	}
	form := targetForm{Name: p.Get("name"), Unit: p.Get("unit"), Direction: p.Get("direction"), Baseline: p.Get("baseline"),
		BaselineYear: p.Get("baseline_year"), Target2025: p.Get("target_2025"), Target2030: p.Get("target_2030"),
		Source: p.Get("source"), Indicator: p.Get("indicator"), ChangeNote: p.Get("change_note"), Confirmed: p.Get("confirmed") == "1"}
	form.Version, err = strconv.ParseInt(p.Get("version"), 10, 64)
	if err != nil || form.Version <= 0 {
		return badRequest("invalid_form", s.msg.T("admin.invalid_form"))
	}
	in := targets.Input{Name: form.Name, Unit: targets.Unit(form.Unit), Direction: targets.Direction(form.Direction),
		Source: form.Source, Indicator: form.Indicator, Confirmed: form.Confirmed, ChangeNote: form.ChangeNote}
	var bad []string
	for _, f := range []struct {
		raw   string
		dst   **float64
		label string
	}{{form.Baseline, &in.Baseline, "targets.baseline"}, {form.Target2025, &in.Target2025, "targets.target_2025"}, {form.Target2030, &in.Target2030, "targets.target_2030"}} {
		v, ok := targetParseNumber(f.raw)
		if !ok {
			bad = append(bad, s.msg[f.label])
		}
		*f.dst = v
	}
	if y, ok := targetParseNumber(form.BaselineYear); !ok || (y != nil && *y != float64(int(*y))) {
		bad = append(bad, s.msg.T("targets.baseline_year"))
	} else if y != nil {
		yr := int(*y)
		in.BaselineYear = &yr
	}
	view := adminTargetView{Form: form}
	if len(bad) > 0 {
		view.FormError = s.msg.Tf("targets.not_a_number", targetJoinVi(bad))
		return s.renderAdminTarget(w, r, http.StatusBadRequest, t, view)
	}
	_, err = s.cfg.Targets.Update(r.Context(), targetActor(currentUser(r)), t.Key, form.Version, in)
	var inv *targets.InvalidError
	switch {
	case err == nil:
		http.Redirect(w, r, "/quan-tri/muc-tieu/"+t.Key+"?ok=target_saved", http.StatusSeeOther)
		return nil
	case errors.As(err, &inv):
		view.FormError = inv.Message()
		return s.renderAdminTarget(w, r, http.StatusBadRequest, t, view)
	case errors.Is(err, targets.ErrConflict):
		if t, err = s.cfg.Targets.Get(r.Context(), t.Key); err != nil {
			return err
		}
		view.Form, view.FormError = targetFormOf(t), s.msg.T("admin.conflict")
		return s.renderAdminTarget(w, r, http.StatusConflict, t, view)
	}
	return err
}

// adminTargetObserve adds an observed value.
func (s *Server) adminTargetObserve(w http.ResponseWriter, r *http.Request) error {
	t, p, err := s.loadTargetForm(w, r)
	if err != nil {
		return err
	}
	obs := targetObsForm{Period: p.Get("period"), Value: p.Get("value"), Source: p.Get("source"), Note: p.Get("note")}
	view := adminTargetView{Form: targetFormOf(t), Obs: obs}
	v, ok := targetParseNumber(obs.Value)
	if !ok || v == nil {
		view.ObsError = s.msg.Tf("targets.not_a_number", s.msg.T("targets.value"))
		return s.renderAdminTarget(w, r, http.StatusBadRequest, t, view)
	}
	_, err = s.cfg.Targets.AddObservation(r.Context(), targetActor(currentUser(r)), t.Key, targets.ObservationInput{
		Period: obs.Period, Value: *v, SourceKind: targets.SourceManual, Source: obs.Source, Note: obs.Note})
	var inv *targets.InvalidError
	switch {
	case err == nil:
		http.Redirect(w, r, "/quan-tri/muc-tieu/"+t.Key+"?ok=target_observed", http.StatusSeeOther)
		return nil
	case errors.As(err, &inv):
		view.ObsError = inv.Message()
		return s.renderAdminTarget(w, r, http.StatusBadRequest, t, view)
	}
	return err
}

// targetJoinVi joins names with commas and "và" before the last.
func targetJoinVi(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := ""
	for i, n := range names[:len(names)-1] {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out + " và " + names[len(names)-1]
}
