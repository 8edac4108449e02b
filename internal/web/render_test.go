package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/jba/templatecheck"
)

// TestTemplatesMatchViews type-checks every page template against the view
// struct its handler passes, so a renamed field fails here, not in production.
func TestTemplatesMatchViews(t *testing.T) {
	msg, err := LoadMessages("vi")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := parsePages(msg)
	if err != nil {
		t.Fatal(err)
	}
	views := map[string]any{
		"home": homeView{}, "search": searchView{}, "service": serviceView{}, "lifeevent": lifeEventView{},
		"agencies": agenciesView{}, "agency": agencyView{}, "province": provinceView{}, "error": errorView{},
		"poster": posterView{}, "assistant": assistantView{}, "widget": widgetDemoView{}, "case": caseStatusView{},
		"rating": ratingPageView{}, "rating_stats": ratingStatsView{}, "admin/ratings": adminRatingsView{},
		"survey": surveyPageView{}, "survey_embed": surveyPageView{}, "survey_thanks": surveyThanksView{}, "survey_results": surveyResultsView{},
		"admin/surveys": surveysView{}, "admin/survey": surveyEditView{}, "admin/survey_results": adminSurveyResultsView{},
		"admin/survey_builder": builderView{}, "admin/survey_question": questionView{}, "admin/survey_confirm": confirmView{},
		"admin/login": loginView{}, "admin/password": passwordView{}, "admin/dashboard": dashboardView{}, "admin/error": errorAdminView{},
		"admin/users": usersView{}, "admin/user_new": newUserView{}, "admin/user": userView{}, "admin/security": securityView{},
		"admin/tokens": tokensView{}, "admin/audit": auditView{},
		"admin/measure_import": measureImportView{}, "admin/measure_params": measureParamsView{},
		"dashboard": soLieuView{}, "dashboard_rank": rankPageView{}, "dashboard_unit": unitPageView{}, "dashboard_honours": honoursView{},
		"admin/measure_dashboard": adminMeasureView{}, "admin/measure_source": sourceView{}, "admin/measure_digest": digestView{},
		"admin/guides": guideListView{}, "admin/guide_edit": guideEditView{}, "admin/guide_history": guideHistoryView{},
		"admin/revision": revisionView{}, "admin/jobs": jobsView{}, "admin/outbox": outboxView{},
		"report": reportFormView{}, "report_stats": reportStatsView{}, "admin/cases": adminCasesView{}, "admin/case": adminCaseView{},
		"admin/case_new": adminCaseNewView{}, "admin/case_inbox": adminCaseInboxView{}, "admin/workdays": adminWorkdaysView{},
		"admin/case_config":     adminCaseConfigView{},
		"admin/assistant_inbox": inboxView{}, "admin/assistant_propose": proposeView{},
		"admin/assistant_stats": statsView{}, "admin/assistant_abbreviations": abbreviationsView{},
		"targets": targetsPageView{}, "admin/targets": adminTargetsView{}, "admin/target": adminTargetView{},
	}
	if len(views) != len(pages) {
		t.Errorf("%d pages parsed, %d views checked", len(pages), len(views))
	}
	for name, view := range views {
		if err := templatecheck.CheckHTML(pages[name], view); err != nil {
			t.Errorf("template %s: %v", name, err)
		}
	}
}

// TestMessageKeysExist checks that every message key used in templates and
// Go code is in the Vietnamese catalogue.
func TestMessageKeysExist(t *testing.T) {
	msg, err := LoadMessages("vi")
	if err != nil {
		t.Fatal(err)
	}
	uses := regexp.MustCompile(`(?:\{\{-?\s*(?:t|tf)\s+|msg\.Tf?\()"([a-z_.]+)"`)
	var files []string
	_ = fs.WalkDir(templateFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	goFiles, _ := filepath.Glob("*.go")
	n := 0
	for _, f := range append(files, goFiles...) {
		var b []byte
		if filepath.Ext(f) == ".go" {
			b, err = os.ReadFile(f)
		} else {
			b, err = templateFiles.ReadFile(f)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllSubmatch(b, -1) {
			n++
			if _, ok := msg[string(m[1])]; !ok {
				t.Errorf("%s uses message %q, missing from i18n/vi.json", f, m[1])
			}
		}
	}
	if n < 50 {
		t.Errorf("found only %d message uses; is the pattern right?", n)
	}
}
