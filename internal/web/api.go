package web

import (
	_ "embed"
	"errors"
	"net/http"
	"regexp"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/units"
)

//go:embed openapi.json
var openAPIDoc []byte

// serviceItem is one service in a result list.
type serviceItem struct {
	Slug       string              `json:"slug"`
	Code       string              `json:"code"`
	Name       string              `json:"name"`
	Level      catalog.OnlineLevel `json:"level"`
	Levels     []catalog.Level     `json:"levels"`
	Field      string              `json:"field"`
	Agencies   []string            `json:"agencies"`
	LifeEvents []string            `json:"life_events"`
	Summary    string              `json:"summary,omitempty"`
	URL        string              `json:"url"`
}

type serviceList struct {
	Items   []serviceItem `json:"items"`
	Total   int           `json:"total"`
	Page    int           `json:"page"`
	PerPage int           `json:"per_page"`
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiServices(w http.ResponseWriter, r *http.Request) error {
	lq, err := parseListQuery(r.URL.Query())
	if err != nil {
		return err
	}
	results, total := s.find(lq)
	out := serviceList{Items: make([]serviceItem, 0, len(results)), Total: total, Page: lq.Page, PerPage: perPage}
	for _, svc := range results {
		item := serviceItem{
			Slug: svc.Slug, Code: svc.Code, Name: svc.Name, Level: svc.OnlineLevel,
			Levels: nonNilSlice(svc.Levels), Field: svc.Field, Agencies: nonNilSlice(svc.Agencies),
			LifeEvents: nonNilSlice(svc.LifeEvents), URL: "/dich-vu/" + svc.Slug,
		}
		if svc.Guide != nil {
			item.Summary = svc.Guide.Summary
		}
		out.Items = append(out.Items, item)
	}
	return writeJSON(w, out)
}

func (s *Server) apiService(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.service(r)
	if err != nil {
		return err
	}
	return writeJSON(w, svc)
}

// unitCode is a province (2 digits) or commune (5 digits) code.
var unitCode = regexp.MustCompile(`^(\d{2}|\d{5})$`)

type unitItem struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	FullName   string `json:"full_name"`
	Level      string `json:"level"`
	ParentCode string `json:"parent_code,omitempty"`
}

func (s *Server) apiUnits(w http.ResponseWriter, r *http.Request) error {
	parent := r.URL.Query().Get("parent")
	if parent != "" && !unitCode.MatchString(parent) {
		return badRequest("invalid_parent", "Tham số parent phải là mã tỉnh (2 chữ số) hoặc để trống.")
	}
	list, err := s.cfg.Units.Children(r.Context(), parent)
	if errors.Is(err, units.ErrNotFound) {
		return notFoundErr("Không có đơn vị hành chính với mã này.")
	}
	if err != nil {
		return err
	}
	items := make([]unitItem, 0, len(list))
	for _, u := range list {
		items = append(items, unitItem{Code: u.Code, Name: u.Name, FullName: u.FullName, Level: string(u.Level), ParentCode: u.ParentCode})
	}
	return writeJSON(w, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err := w.Write(openAPIDoc)
	return err
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) error {
	return notFoundErr("Không có API này. Xem tài liệu tại /api/openapi.json.")
}
