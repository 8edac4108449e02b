package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/loa-vn/loa/internal/surveys"
)

// versionChoice is one version in the results page's picker.
type versionChoice struct {
	ID       int64
	Label    string
	Selected bool
}

// fileLink is an uploaded file in the results.
type fileLink struct {
	URL, Name, Size, Question string
}

type adminSurveyResultsView struct {
	Admin     AdminBase
	Survey    *surveys.Survey
	Version   *surveys.Version
	Versions  []versionChoice
	Total     int
	Blocks    []resultBlock
	Files     []fileLink
	PublicURL string
	Query     string
}

// adminSurveyResults shows a version's results: charts, tables, the
// latest text answers, the files, and the downloads.
func (s *Server) adminSurveyResults(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return err
	}
	v, err := s.surveyVersionParam(r, sv)
	if err != nil {
		return err
	}
	ctx := r.Context()
	res, err := s.cfg.Surveys.Results(ctx, v)
	if err != nil {
		return err
	}
	view := adminSurveyResultsView{Admin: s.adminBase(r, s.msg.Tf("survey.results_title", sv.Title)), Survey: sv, Version: v,
		Total: res.Total, Blocks: s.resultBlocks(ctx, res, true), Query: "?v=" + strconv.FormatInt(v.ID, 10)}
	if sv.ResultsPublic {
		view.PublicURL = "/khao-sat/" + sv.Slug + "/ket-qua"
	}
	versions, err := s.cfg.Surveys.Versions(ctx, sv.ID)
	if err != nil {
		return err
	}
	for _, o := range versions {
		label := s.msg.Tf("admin.surveys.version_n", o.Number)
		if o.ID == sv.LiveVersionID {
			label += " " + s.msg.T("admin.surveys.live_mark")
		}
		view.Versions = append(view.Versions, versionChoice{ID: o.ID, Label: label, Selected: o.ID == v.ID})
	}
	files, err := s.cfg.Surveys.ResponseFiles(ctx, v.ID)
	if err != nil {
		return err
	}
	for _, f := range files {
		label := f.QuestionID
		if q := v.Definition.Question(f.QuestionID); q != nil {
			label = q.Label
		}
		view.Files = append(view.Files, fileLink{URL: fmt.Sprintf("/quan-tri/khao-sat/%d/tep/%d", sv.ID, f.ID), Name: f.Name,
			Size: fmt.Sprintf("%d KB", (f.Size+1023)/1024), Question: label})
	}
	return s.render(w, http.StatusOK, "admin/survey_results", view)
}

// adminSurveyCSV downloads a version's responses as CSV for Excel.
func (s *Server) adminSurveyCSV(w http.ResponseWriter, r *http.Request) error {
	sv, v, tab, err := s.surveyTable(r)
	if err != nil {
		return err
	}
	attachment(w, fmt.Sprintf("khao-sat-%s-v%d.csv", sv.Slug, v.Number), "text/csv; charset=utf-8")
	return tab.WriteCSV(w)
}

// adminSurveyXLSX downloads a version's responses as an Excel workbook.
func (s *Server) adminSurveyXLSX(w http.ResponseWriter, r *http.Request) error {
	sv, v, tab, err := s.surveyTable(r)
	if err != nil {
		return err
	}
	attachment(w, fmt.Sprintf("khao-sat-%s-v%d.xlsx", sv.Slug, v.Number), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	return tab.WriteXLSX(w, sv.Title)
}

func (s *Server) surveyTable(r *http.Request) (*surveys.Survey, *surveys.Version, *surveys.Table, error) {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return nil, nil, nil, err
	}
	v, err := s.surveyVersionParam(r, sv)
	if err != nil {
		return nil, nil, nil, err
	}
	tab, err := s.cfg.Surveys.Export(r.Context(), v)
	return sv, v, tab, err
}

// adminSurveyFile serves an uploaded file as a download, never inline:
// its type was sniffed when it came in, and nosniff keeps the browser to
// it.
func (s *Server) adminSurveyFile(w http.ResponseWriter, r *http.Request) error {
	sv, err := s.adminSurveyByID(r)
	if err != nil {
		return err
	}
	id, err := s.pathID(r, "file_id")
	if err != nil {
		return err
	}
	f, data, err := s.cfg.Surveys.FileData(r.Context(), sv.ID, id)
	if errors.Is(err, surveys.ErrNotFound) {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	if err != nil {
		return err
	}
	attachment(w, f.Name, f.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}
