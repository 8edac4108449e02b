package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/vn"
)

// permMeasureParams guards the parameters of the indicators (hours per
// online dossier, đồng per hour), which only the national coordinator may
// change.
const permMeasureParams = staff.PermMeasureConfigure

func init() {
	adminPages = append(adminPages, "measure_import", "measure_params")
}

// maxAggregateUpload bounds an uploaded aggregate file.
const maxAggregateUpload = 5 << 20

// measureImportView is the upload page and its outcome.
type measureImportView struct {
	Admin AdminBase
	Error string
	// Done is set after an import: what was written.
	Done     bool
	Summary  measure.ImportSummary
	Errors   []string
	Warnings []string
	Skip     bool
	Columns  string
}

func (s *Server) measureImportPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderMeasureImport(w, r, http.StatusOK, measureImportView{})
}

func (s *Server) renderMeasureImport(w http.ResponseWriter, r *http.Request, status int, v measureImportView) error {
	v.Admin = s.adminBase(r, s.msg.T("measure.import.title"))
	v.Columns = strings.Join(measure.AggregateColumns, ",")
	return s.render(w, status, "admin/measure_import", v)
}

// measureImport imports an uploaded aggregate CSV: every line checked, the
// errors shown per line; all or nothing unless the user chose to skip
// invalid lines. Lines for agencies outside the user's scope are invalid;
// national rows ("VN") need a national account.
func (s *Server) measureImport(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxAggregateUpload+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return s.renderMeasureImport(w, r, http.StatusBadRequest, measureImportView{Error: s.msg.T("measure.import.bad_upload")})
	}
	v := measureImportView{Skip: r.PostFormValue("skip_invalid") == "1"}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		v.Error = s.msg.T("measure.import.no_file")
		return s.renderMeasureImport(w, r, http.StatusBadRequest, v)
	}
	defer f.Close()
	if hdr.Size > maxAggregateUpload {
		v.Error = s.msg.T("measure.import.too_large")
		return s.renderMeasureImport(w, r, http.StatusBadRequest, v)
	}
	parsed, err := s.cfg.Measure.ParseAggregates(f)
	if err != nil {
		v.Error = s.msg.T("measure.import.bad_format") + " " + v.Columns
		return s.renderMeasureImport(w, r, http.StatusBadRequest, v)
	}
	allows := func(agency string) bool {
		if agency == measure.National {
			return u.Role == staff.RoleAdmin || u.Agency == staff.National
		}
		return s.inUserScope(u, agency)
	}
	sum, err := s.cfg.Measure.ImportAggregates(r.Context(), u.Actor(), parsed,
		measure.ImportOptions{SkipInvalid: v.Skip, Allows: allows, Source: "upload:" + hdr.Filename})
	v.Summary = sum
	for _, e := range sum.Errors {
		v.Errors = append(v.Errors, e.String())
	}
	for _, e := range sum.Warnings {
		v.Warnings = append(v.Warnings, e.String())
	}
	if errors.Is(err, measure.ErrInvalid) {
		v.Error = s.msg.T("measure.import.invalid")
		return s.renderMeasureImport(w, r, http.StatusBadRequest, v)
	}
	if err != nil {
		return err
	}
	v.Done = true
	return s.renderMeasureImport(w, r, http.StatusOK, v)
}

// paramRow is one version of the parameters, for display.
type paramRow struct {
	ValidFrom, Hours, VND, Note, CreatedBy, CreatedAt string
	Current                                           bool
}

// paramForm holds what was typed into the new-version form.
type paramForm struct {
	ValidFrom, Hours, VND, Note string
}

type measureParamsView struct {
	Admin    AdminBase
	Error    string
	Versions []paramRow
	CanEdit  bool
	Form     paramForm
}

func (s *Server) measureParamsPage(w http.ResponseWriter, r *http.Request) error {
	next := time.Now().In(vietnamZone).AddDate(0, 1, 0)
	return s.renderMeasureParams(w, r, http.StatusOK, measureParamsView{
		Form: paramForm{ValidFrom: time.Date(next.Year(), next.Month(), 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)}})
}

func (s *Server) renderMeasureParams(w http.ResponseWriter, r *http.Request, status int, v measureParamsView) error {
	v.Admin = s.adminBase(r, s.msg.T("measure.params.title"))
	v.CanEdit = currentUser(r).Can(permMeasureParams)
	versions, err := s.cfg.Measure.ParamVersions(r.Context())
	if err != nil {
		return err
	}
	today := time.Now().In(vietnamZone).Format(time.DateOnly)
	current := -1
	for i, p := range versions {
		if p.ValidFrom <= today {
			current = i
		}
	}
	for i := len(versions) - 1; i >= 0; i-- {
		p := versions[i]
		v.Versions = append(v.Versions, paramRow{
			ValidFrom: p.ValidFrom, Hours: formatHours(p.Hours()), VND: vn.GroupThousands(p.VNDPerHour), Note: p.Note,
			CreatedBy: p.CreatedBy, CreatedAt: vnTime(p.CreatedAt), Current: i == current,
		})
	}
	return s.render(w, status, "admin/measure_params", v)
}

// measureParamsAdd adds a version of the parameters (audited in the same
// transaction by the store).
func (s *Server) measureParamsAdd(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	form := paramForm{ValidFrom: strings.TrimSpace(f.Get("valid_from")), Hours: strings.TrimSpace(f.Get("hours")),
		VND: strings.TrimSpace(f.Get("vnd_per_hour")), Note: f.Get("note")}
	hours, errH := parseDecimalVN(form.Hours)
	vnd, errV := strconv.ParseInt(strings.NewReplacer(".", "", " ", "", ",", "").Replace(form.VND), 10, 64)
	p := measure.Params{ValidFrom: form.ValidFrom, MinutesPerDossier: int64(math.Round(hours * 60)), VNDPerHour: vnd, Note: form.Note}
	if errH != nil {
		p.MinutesPerDossier = 0
	}
	if errV != nil {
		p.VNDPerHour = 0
	}
	_, err := s.cfg.Measure.AddParams(r.Context(), currentUser(r).Actor(), p)
	for _, known := range []error{measure.ErrBadParamDate, measure.ErrBadParamHours, measure.ErrBadParamValue, measure.ErrBadParamNote} {
		if errors.Is(err, known) {
			return s.renderMeasureParams(w, r, http.StatusBadRequest, measureParamsView{Form: form, Error: known.Error()})
		}
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/so-lieu/tham-so?ok=measure_params", http.StatusSeeOther)
	return nil
}

// parseDecimalVN reads "2", "1,5" or "1.5".
func parseDecimalVN(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("web: not a number: %q", s)
	}
	return x, nil
}

// formatHours shows hours the Vietnamese way: "2", "1,5".
func formatHours(h float64) string {
	return strings.Replace(strconv.FormatFloat(h, 'f', -1, 64), ".", ",", 1)
}
