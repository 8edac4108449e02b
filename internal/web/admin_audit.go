package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/staff"
)

// auditRoutes is the audit log: a filtered, paged table and a CSV export of
// the same selection. Neither acts on one agency's object, so they declare
// no Scope; instead the filter keeps, for anyone whose scope is not the
// whole country, only entries about objects of agencies in their scope.
func (s *Server) auditRoutes() []Route {
	admin, read := SurfaceAdmin, need(staff.PermAuditRead)
	return []Route{
		{"GET", "/quan-tri/nhat-ky", read, nil, admin, s.auditPage},
		{"GET", "/quan-tri/nhat-ky.csv", read, nil, admin, s.auditCSV},
	}
}

// auditPageSize is how many entries one page of the log shows.
const auditPageSize = 50

// auditForm is the filter as typed, in the query string's names.
type auditForm struct {
	Person, Agency, ObjectType, ObjectID, From, To string
}

// values returns the filter as query parameters, without the empty ones.
func (f auditForm) values() url.Values {
	v := url.Values{}
	for _, kv := range [][2]string{{"nguoi", f.Person}, {"co_quan", f.Agency}, {"loai", f.ObjectType},
		{"doi_tuong", f.ObjectID}, {"tu_ngay", f.From}, {"den_ngay", f.To}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v
}

// auditDateLayout is the form's date format (what <input type=date> sends).
const auditDateLayout = "2006-01-02"

// auditFilter reads the filter from the query string. A date that cannot
// be read gives a message for the page; an agency outside the user's scope
// is refused.
func (s *Server) auditFilter(r *http.Request) (auditForm, audit.Filter, string, error) {
	q := r.URL.Query()
	clean := func(k string) string { return norm.NFC.String(strings.TrimSpace(q.Get(k))) }
	form := auditForm{
		Person: strings.ToLower(clean("nguoi")), Agency: clean("co_quan"), ObjectType: clean("loai"),
		ObjectID: clean("doi_tuong"), From: clean("tu_ngay"), To: clean("den_ngay"),
	}
	f := audit.Filter{ActorName: form.Person, Agency: form.Agency, ObjectType: form.ObjectType, ObjectID: form.ObjectID}
	var err error
	if f.Agencies, err = s.filterAgencies(r, form.Agency); err != nil {
		return form, f, "", err
	}
	var msg string
	if form.From != "" {
		t, err := time.ParseInLocation(auditDateLayout, form.From, vietnamZone)
		if err != nil {
			msg = s.msg.T("admin.audit.bad_from")
		}
		f.From = t
	}
	if form.To != "" {
		t, err := time.ParseInLocation(auditDateLayout, form.To, vietnamZone)
		if err != nil {
			msg = s.msg.T("admin.audit.bad_to")
		} else {
			// The form's "to" day is included: stop at the start of the next.
			f.To = t.AddDate(0, 0, 1)
		}
	}
	if msg == "" && !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		msg = s.msg.T("admin.audit.bad_range")
	}
	return form, f, msg, nil
}

// auditRow is one entry of the log, ready to show.
type auditRow struct {
	At, Actor, ActorAgency, ActorURL string
	Action, ActionCode               string
	Object, ObjectURL, Agency        string
	Changes                          []string
	Note                             string
}

type auditView struct {
	Admin    AdminBase
	Error    string
	Form     auditForm
	Agencies []agencyGroup
	Entries  []auditRow
	Total    int
	// Page and Pages count from 1; PrevURL and NextURL are empty at the ends.
	Page, Pages      int
	PrevURL, NextURL string
	CSVURL           string
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	form, f, msg, err := s.auditFilter(r)
	if err != nil {
		return err
	}
	view := auditView{Admin: s.adminBase(r, s.msg.T("admin.audit.title")), Form: form, Error: msg}
	if view.Agencies, err = s.agencyGroups(ctx, currentUser(r), form.Agency); err != nil {
		return err
	}
	if msg != "" {
		return s.render(w, http.StatusBadRequest, "admin/audit", view)
	}
	if view.Total, err = s.cfg.Audit.Count(ctx, f); err != nil {
		return err
	}
	view.Pages = max(1, (view.Total+auditPageSize-1)/auditPageSize)
	view.Page = 1
	if p, err := strconv.Atoi(r.URL.Query().Get("trang")); err == nil && p > 1 {
		view.Page = min(p, view.Pages)
	}
	f.Limit, f.Offset = auditPageSize, (view.Page-1)*auditPageSize
	entries, err := s.cfg.Audit.List(ctx, f)
	if err != nil {
		return err
	}
	names := s.newAgencyNames(ctx)
	for i := range entries {
		view.Entries = append(view.Entries, s.auditRow(&entries[i], names))
	}
	pageURL := func(p int) string {
		v := form.values()
		if p > 1 {
			v.Set("trang", strconv.Itoa(p))
		}
		return "/quan-tri/nhat-ky?" + v.Encode()
	}
	if view.Page > 1 {
		view.PrevURL = pageURL(view.Page - 1)
	}
	if view.Page < view.Pages {
		view.NextURL = pageURL(view.Page + 1)
	}
	view.CSVURL = "/quan-tri/nhat-ky.csv?" + form.values().Encode()
	return s.render(w, http.StatusOK, "admin/audit", view)
}

// auditRow turns an entry into a table row. Links filter the log by the
// same person or object.
func (s *Server) auditRow(e *audit.Entry, names *agencyNames) auditRow {
	row := auditRow{
		At: vnTime(e.At), Actor: e.Actor.Name, ActionCode: e.Action, Note: e.Note,
		Action:  s.msgOr("admin.audit.action."+e.Action, e.Action),
		Object:  s.msgOr("admin.audit.object."+e.ObjectType, e.ObjectType),
		Changes: s.auditChanges(e.Before, e.After),
	}
	if e.Actor.Name == audit.System.Name && e.Actor.ID == 0 {
		row.Actor = s.msg.T("admin.system")
	} else {
		row.ActorURL = "/quan-tri/nhat-ky?" + url.Values{"nguoi": {e.Actor.Name}}.Encode()
	}
	if e.Actor.Agency != "" {
		row.ActorAgency = names.name(e.Actor.Agency)
	}
	if e.ObjectID != "" {
		row.Object += " #" + e.ObjectID
		row.ObjectURL = "/quan-tri/nhat-ky?" + url.Values{"loai": {e.ObjectType}, "doi_tuong": {e.ObjectID}}.Encode()
	}
	if e.Agency != "" {
		row.Agency = names.name(e.Agency)
	}
	return row
}

// msgOr returns the message for key, or fallback when there is none:
// actions and object types added by other packages show their code until
// they are named in the catalogue.
func (s *Server) msgOr(key, fallback string) string {
	if v, ok := s.msg[key]; ok {
		return v
	}
	return fallback
}

// Limits of the change summary, so one large snapshot cannot swamp the table.
const (
	auditMaxChanges = 12
	auditMaxValue   = 80
)

// auditNoise are snapshot fields that change with every edit and say
// nothing to a reader.
var auditNoise = []string{"version", "updated_at"}

// auditChanges summarises two JSON snapshots as "field: before → after"
// lines for the fields that differ; for a created object, its non-empty
// fields. Snapshots that are not JSON objects are shown whole, shortened.
func (s *Server) auditChanges(before, after json.RawMessage) []string {
	var b, a map[string]json.RawMessage
	okB := len(before) == 0 || json.Unmarshal(before, &b) == nil
	okA := len(after) == 0 || json.Unmarshal(after, &a) == nil
	if !okB || !okA {
		var out []string
		if len(before) > 0 {
			out = append(out, s.msg.Tf("admin.audit.before", shorten(string(before))))
		}
		if len(after) > 0 {
			out = append(out, s.msg.Tf("admin.audit.after", shorten(string(after))))
		}
		return out
	}
	keys := make([]string, 0, len(a)+len(b))
	for k := range b {
		keys = append(keys, k)
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []string
	for _, k := range keys {
		if slices.Contains(auditNoise, k) {
			continue
		}
		vb, inB := b[k]
		va, inA := a[k]
		switch {
		case inB && inA && bytes.Equal(compactJSON(vb), compactJSON(va)):
		case len(before) == 0:
			if !emptyJSON(va) {
				out = append(out, k+": "+s.jsonValue(va))
			}
		case len(after) == 0:
			if !emptyJSON(vb) {
				out = append(out, k+": "+s.jsonValue(vb))
			}
		default:
			out = append(out, k+": "+s.jsonValue(vb)+" → "+s.jsonValue(va))
		}
	}
	if len(out) > auditMaxChanges {
		out = append(out[:auditMaxChanges], s.msg.Tf("admin.audit.more", len(out)-auditMaxChanges))
	}
	return out
}

func compactJSON(v json.RawMessage) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return v
	}
	return buf.Bytes()
}

// emptyJSON reports whether v is null, false, 0, "" or an empty list or
// object: left out of a creation summary.
func emptyJSON(v json.RawMessage) bool {
	switch string(compactJSON(v)) {
	case "", "null", "false", "0", `""`, "[]", "{}":
		return true
	}
	return false
}

// jsonValue shows one snapshot value: text without quotes, yes/no for
// booleans, a dash for nothing, anything else as compact JSON.
func (s *Server) jsonValue(v json.RawMessage) string {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return shorten(string(v))
	}
	switch x := x.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return s.msg.T("admin.yes")
		}
		return s.msg.T("admin.no")
	case string:
		return shorten(x)
	}
	return shorten(string(compactJSON(v)))
}

// shorten cuts s to auditMaxValue characters.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= auditMaxValue {
		return s
	}
	r := []rune(s)
	return string(r[:auditMaxValue-1]) + "…"
}

// auditCSV exports every entry matching the filter (no paging) as CSV, for
// a spreadsheet: UTF-8 with a byte-order mark so Excel reads Vietnamese
// right, cells that look like formulas neutralised by audit.ExportCSV.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request) error {
	_, f, msg, err := s.auditFilter(r)
	if err != nil {
		return err
	}
	if msg != "" {
		return badRequest("invalid_filter", msg)
	}
	f.Limit, f.Offset = 0, 0
	name := "nhat-ky-" + time.Now().In(vietnamZone).Format("20060102-1504") + ".csv"
	return s.streamCSV(w, r, name, "audit", func(w io.Writer) error { return s.cfg.Audit.ExportCSV(r.Context(), w, f) })
}
