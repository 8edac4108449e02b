package web

import (
	"net/http"
	"time"

	"github.com/loa-vn/loa/internal/staff"
)

// assistantAdminRoutes are the assistant's back office: the inbox of
// questions it could not answer well (guide.edit: turning them into FAQs
// goes through the editorial workflow, which checks each service's scope),
// its figures (dashboard.read, like every dashboard) and the abbreviations
// editors add (guide.edit; see assistant.Abbreviations for why every
// editor may).
func (s *Server) assistantAdminRoutes() []Route {
	admin, edit, read := SurfaceAdmin, need(staff.PermGuideEdit), need(staff.PermDashboardRead)
	return []Route{
		{"GET", "/quan-tri/tro-ly/cau-hoi", edit, nil, admin, s.inboxPage},
		{"POST", "/quan-tri/tro-ly/cau-hoi/bo-qua", edit, nil, admin, s.inboxIgnore},
		{"GET", "/quan-tri/tro-ly/cau-hoi/them", edit, nil, admin, s.proposePage},
		{"POST", "/quan-tri/tro-ly/cau-hoi/them", edit, nil, admin, s.proposeSave},
		{"GET", "/quan-tri/tro-ly/thong-ke", read, nil, admin, s.statsPage},
		{"GET", "/quan-tri/tro-ly/thong-ke.csv", read, nil, admin, s.statsCSV},
		{"GET", "/quan-tri/tro-ly/tu-viet-tat", edit, nil, admin, s.abbreviationsPage},
		{"POST", "/quan-tri/tro-ly/tu-viet-tat", edit, nil, admin, s.abbreviationAdd},
		{"POST", "/quan-tri/tro-ly/tu-viet-tat/{abbr_id}/xoa", edit, nil, admin, s.abbreviationDelete},
	}
}

// assistantAdminPages are the templates of those routes, parsed with the
// other back-office pages.
var assistantAdminPages = []string{"assistant_inbox", "assistant_propose", "assistant_stats", "assistant_abbreviations"}

// assistantNav are the links between the assistant's back-office pages
// the user may open; Current marks the page shown.
type assistantNavItem struct {
	URL, Label string
	Current    bool
}

func (s *Server) assistantNav(r *http.Request, current string) []assistantNavItem {
	u := currentUser(r)
	var out []assistantNavItem
	for _, it := range []struct {
		url, label string
		perm       staff.Perm
	}{
		{"/quan-tri/tro-ly/cau-hoi", "admin.assistant.inbox_title", staff.PermGuideEdit},
		{"/quan-tri/tro-ly/thong-ke", "admin.assistant.stats_title", staff.PermDashboardRead},
		{"/quan-tri/tro-ly/tu-viet-tat", "admin.assistant.abbr_title", staff.PermGuideEdit},
	} {
		if u.Can(it.perm) {
			out = append(out, assistantNavItem{URL: it.url, Label: s.msg.T(it.label), Current: it.url == current})
		}
	}
	return out
}

// dayLayout is the form of dates in the filters (an <input type="date">).
const dayLayout = "2006-01-02"

// dateRange reads the "tu_ngay" and "den_ngay" filters, both days
// included, in Vietnam's time; empty ones default to the days days up to
// today. It returns the form's values, [from, to) and a message when a
// date cannot be read or the range is empty.
func (s *Server) dateRange(r *http.Request, days int) (fromText, toText string, from, to time.Time, msg string) {
	q := r.URL.Query()
	fromText, toText = q.Get("tu_ngay"), q.Get("den_ngay")
	today := time.Now().In(vietnamZone)
	to = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, vietnamZone).AddDate(0, 0, 1)
	if toText != "" {
		t, err := time.ParseInLocation(dayLayout, toText, vietnamZone)
		if err != nil {
			return fromText, toText, from, to, s.msg.T("admin.assistant.bad_to")
		}
		to = t.AddDate(0, 0, 1)
	}
	from = to.AddDate(0, 0, -days)
	if fromText != "" {
		t, err := time.ParseInLocation(dayLayout, fromText, vietnamZone)
		if err != nil {
			return fromText, toText, from, to, s.msg.T("admin.assistant.bad_from")
		}
		from = t
	}
	if !from.Before(to) {
		return fromText, toText, from, to, s.msg.T("admin.assistant.bad_range")
	}
	// Written back from the times, so what reaches a file name or a link
	// is always a plain date.
	return from.Format(dayLayout), to.AddDate(0, 0, -1).Format(dayLayout), from, to, ""
}
