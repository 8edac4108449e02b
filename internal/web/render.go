package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
)

//go:embed templates/*.html templates/admin/*.html
var templateFiles embed.FS

//go:embed static/*
var staticFiles embed.FS

// sitePages are the pages rendered inside the site layout; each has its own
// file defining "content".
var sitePages = append([]string{"home", "search", "service", "lifeevent", "agencies", "agency", "province", "error", "assistant", "widget", "case"}, append(append(ratingSitePages, targetSitePages...), surveySitePages...)...)

// funcs returns the template functions bound to a message catalogue.
func funcs(msg Messages) template.FuncMap {
	return template.FuncMap{
		"t":          msg.T,
		"tf":         msg.Tf,
		"inc":        func(i int) int { return i + 1 },
		"vntime":     vnTime,
		"ratingForm": serviceRatingForm,
		"taskList":   func(title string, rows []taskRow) taskList { return taskList{Title: title, Rows: rows} },
		"links":      textLinks,
	}
}

// parsePages parses every page once at start-up, so a template error stops
// the server from starting rather than failing a request.
func parsePages(msg Messages) (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs(msg)).ParseFS(templateFiles, "templates/layout.html", "templates/rating_form.html", "templates/survey_form.html",
		"templates/dashboard_tables.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, name := range sitePages {
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse page %s: %w", name, err)
		}
		pages[name] = t.Lookup("layout")
	}
	admin, err := template.New("layout.html").Funcs(funcs(msg)).ParseFS(templateFiles, "templates/admin/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse admin layout: %w", err)
	}
	for _, name := range adminPages {
		t, err := template.Must(admin.Clone()).ParseFS(templateFiles, "templates/admin/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse admin page %s: %w", name, err)
		}
		pages["admin/"+name] = t.Lookup("layout")
	}
	poster, err := template.New("poster.html").Funcs(funcs(msg)).ParseFS(templateFiles, "templates/poster.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse poster: %w", err)
	}
	pages["poster"] = poster.Lookup("poster")
	return pages, nil
}

// execute renders a page into memory, so a template error becomes a clean
// 500 instead of half a page.
func (s *Server) execute(page string, view any) ([]byte, error) {
	t, ok := s.pages[page]
	if !ok {
		return nil, fmt.Errorf("web: render: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// render writes a page with the status, uncached: for responses that depend
// on the request (errors, the thanks after feedback).
func (s *Server) render(w http.ResponseWriter, status int, page string, view any) error {
	html, err := s.execute(page, view)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=60")
	}
	w.WriteHeader(status)
	_, err = w.Write(html)
	return err
}

// renderError shows the error page; it cannot fail further.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, he *Error) {
	heading := s.msg.T("error.title")
	if he.Status == http.StatusNotFound {
		heading = s.msg.T("error.not_found_title")
	}
	w.Header().Set("Cache-Control", "no-store")
	view := errorView{Base: Base{Title: heading, Query: r.URL.Query().Get("q")}, Heading: heading, Message: he.Message}
	if err := s.render(w, he.Status, "error", view); err != nil {
		s.log.Error("render error page", "err", err, "request_id", requestID(r.Context()))
		http.Error(w, he.Message, he.Status)
	}
}

// notFound is the fallback for paths no route matches.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return notFoundErr(s.msg.T("error.not_found"))
}

// static serves the embedded CSS. Files change only with a new binary, so
// they may be cached for a day.
func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	b, err := staticFiles.ReadFile("static/" + name)
	if err != nil {
		return notFoundErr(s.msg.T("error.not_found"))
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, name, startTime, bytes.NewReader(b))
	return nil
}

// taskList is one titled list of the dashboard's tasks.
type taskList struct {
	Title string
	Rows  []taskRow
}
