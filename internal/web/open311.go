package web

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/open311"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/staff"
)

// Open311 GeoReport v2 (package open311): discovery at
// /open311/discovery.{json,xml}, the endpoint at /open311/v2/. ServeMux
// cannot match "{id}.json", so each route takes a whole path segment and
// the handler splits the format off it. Errors are the specification's
// (<errors><error><code>…), in the format asked for, so every route is
// declared public and POST checks its api_key itself (403 in that format).

// open311Changeset changes when the list of services or their definitions
// change, telling clients to refresh what they cache.
const open311Changeset = "2026-03-01T00:00:00+07:00"

// maxOpen311Body bounds a POST: 4,000 characters of Vietnamese are at most
// 16 KB, plus the other fields.
const maxOpen311Body = 32 << 10

// open311PerClient limits POST requests per address. An integrating system
// files many citizens' reports from one address, so the limit is higher
// than the site form's; it still stops a runaway client.
var open311PerClient = ratelimit.Rule{Name: "open311-ip", Max: 300, Window: time.Hour}

func (s *Server) open311Routes() []Route {
	api := SurfaceAPI
	return []Route{
		{"GET", "/open311/{file}", PermPublic, nil, api, s.o311(s.o311Discovery)},
		// services.{f}, requests.{f}, servicerequestupdates.{f}
		{"GET", "/open311/v2/{file}", PermPublic, nil, api, s.o311(s.o311Collection)},
		// requests.{f}; the api_key is checked by the handler.
		{"POST", "/open311/v2/{file}", PermPublic, nil, api, s.o311(s.o311Create)},
		{"GET", "/open311/v2/services/{file}", PermPublic, nil, api, s.o311(s.o311Definition)},
		{"GET", "/open311/v2/requests/{file}", PermPublic, nil, api, s.o311(s.o311Request)},
		{"GET", "/open311/v2/tokens/{file}", PermPublic, nil, api, s.o311(s.o311Token)},
	}
}

// o311Handler serves one resource: name is the last path segment without
// its extension, f the format the extension asked for.
type o311Handler func(w http.ResponseWriter, r *http.Request, name string, f open311.Format) error

// o311 splits the format off the path and writes any error in the
// specification's format: *open311.Errors as they are, a web *Error with
// its status, anything else as a logged 500.
func (s *Server) o311(h o311Handler) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		name, f, ok := open311.SplitFormat(r.PathValue("file"))
		if !ok {
			// No format to answer in: XML, the one every client reads.
			return s.o311Error(w, r, open311.XML, open311.Fail(404, s.msg.T("open311.no_format")))
		}
		err := h(w, r, name, f)
		if err == nil || errors.Is(err, errHandled) {
			return nil
		}
		return s.o311Error(w, r, f, err)
	}
}

// o311Error writes err in the specification's error format.
func (s *Server) o311Error(w http.ResponseWriter, r *http.Request, f open311.Format, err error) error {
	var oe *open311.Errors
	var he *Error
	switch {
	case errors.As(err, &oe):
	case errors.As(err, &he):
		oe = open311.Fail(he.Status, he.Message)
	default:
		s.log.ErrorContext(r.Context(), "request failed", "err", err, "request_id", requestID(r.Context()), "route", r.URL.Path)
		oe = open311.Fail(http.StatusInternalServerError, s.msg.T("error.internal"))
	}
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(oe.Status())
	return open311.Write(w, f, oe)
}

// o311Write writes a successful answer.
func o311Write(w http.ResponseWriter, f open311.Format, status int, cache string, v any) error {
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Cache-Control", cache)
	w.WriteHeader(status)
	return open311.Write(w, f, v)
}

// cachePublic lets clients and proxies keep the service list for a while;
// the discovery changeset tells them when it changed.
const cachePublic = "public, max-age=300"

func (s *Server) o311Discovery(w http.ResponseWriter, r *http.Request, name string, f open311.Format) error {
	if name != "discovery" {
		return open311.Fail(404, s.msg.T("open311.not_found"))
	}
	d := &open311.Discovery{
		Changeset: open311Changeset, Contact: s.msg.T("open311.contact"), KeyService: s.msg.T("open311.key_service"),
		Endpoints: []open311.Endpoint{{Specification: open311.Specification, URL: s.baseURL(r) + "/open311/v2",
			Changeset: open311Changeset, Type: "production", Formats: []string{"text/xml", "application/json"}}},
	}
	return o311Write(w, f, http.StatusOK, cachePublic, d)
}

// o311Collection serves the resources directly under /open311/v2/.
func (s *Server) o311Collection(w http.ResponseWriter, r *http.Request, name string, f open311.Format) error {
	switch name {
	case "services":
		return o311Write(w, f, http.StatusOK, cachePublic, &open311.Services{Items: open311.ServiceList()})
	case "requests":
		return s.o311Requests(w, r, f)
	case "servicerequestupdates":
		return s.o311Updates(w, r, f)
	}
	return open311.Fail(404, s.msg.T("open311.not_found"))
}

func (s *Server) o311Definition(w http.ResponseWriter, r *http.Request, code string, f open311.Format) error {
	if !cases.Category(code).Valid() {
		return open311.Fail(404, s.msg.T("open311.no_service"))
	}
	provinces, err := s.cfg.Units.Provinces(r.Context())
	if err != nil {
		return err
	}
	values := make([]open311.Value, len(provinces))
	for i, p := range provinces {
		values[i] = open311.Value{Key: p.Code, Name: p.FullName}
	}
	def, _ := open311.Definition(code, values)
	return o311Write(w, f, http.StatusOK, cachePublic, def)
}

// o311Requests answers GET requests with the standard filters and the
// page/page_size extension, newest first.
func (s *Server) o311Requests(w http.ResponseWriter, r *http.Request, f open311.Format) error {
	q, err := open311.ParseQuery(r.URL.Query(), s.cfg.Cases.Now())
	if err != nil {
		return err
	}
	ctx := r.Context()
	var list []cases.Case
	if len(q.IDs) > 0 {
		for _, id := range q.IDs {
			c, err := s.cfg.Cases.ByCode(ctx, id)
			if errors.Is(err, cases.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			list = append(list, *c)
		}
	} else {
		filter := cases.Filter{Categories: q.Categories, CreatedFrom: q.From, CreatedTo: q.To,
			Limit: q.PageSize, Offset: (q.Page - 1) * q.PageSize}
		if len(q.Statuses) == 1 {
			filter.States = open311.StatesWith(q.Statuses[0])
		}
		if list, err = s.cfg.Cases.List(ctx, filter); err != nil {
			return err
		}
	}
	// Only whoever holds a tracking code reads the citizen's own words, as
	// on the status page: an open listing gives the facts without the
	// description and address, since redaction cannot catch every name.
	return s.o311WriteCases(w, r, f, list, len(q.IDs) > 0)
}

// o311WriteCases writes cases as public requests, with their extras; the
// citizen's text (description, address) only when withText.
func (s *Server) o311WriteCases(w http.ResponseWriter, r *http.Request, f open311.Format, list []cases.Case, withText bool) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	extras, err := open311.NewStore(s.cfg.DB).Extras(r.Context(), ids)
	if err != nil {
		return err
	}
	out := &open311.ServiceRequests[open311.Request]{}
	for i := range list {
		var x *open311.Extra
		if e, ok := extras[list[i].ID]; ok {
			x = &e
		}
		req := open311.RequestOf(&list[i], x)
		if !withText {
			req.Description, req.Address = "", ""
		}
		out.Items = append(out.Items, req)
	}
	return o311Write(w, f, http.StatusOK, "no-store", out)
}

// o311Request answers GET requests/{id}; the id is the tracking code.
func (s *Server) o311Request(w http.ResponseWriter, r *http.Request, id string, f open311.Format) error {
	c, err := s.cfg.Cases.ByCode(r.Context(), id)
	if errors.Is(err, cases.ErrNotFound) {
		return open311.Fail(404, s.msg.T("open311.no_request"))
	}
	if err != nil {
		return err
	}
	return s.o311WriteCases(w, r, f, []cases.Case{*c}, true)
}

// o311Token answers GET tokens/{token}. Loa's services are realtime and
// issue no tokens; a tracking code is taken as its own token, so a client
// that asks anyway gets the id.
func (s *Server) o311Token(w http.ResponseWriter, r *http.Request, token string, f open311.Format) error {
	c, err := s.cfg.Cases.ByCode(r.Context(), token)
	if errors.Is(err, cases.ErrNotFound) {
		return open311.Fail(404, s.msg.T("open311.no_token"))
	}
	if err != nil {
		return err
	}
	return o311Write(w, f, http.StatusOK, "no-store",
		&open311.ServiceRequests[open311.TokenResult]{Items: []open311.TokenResult{{ServiceRequestID: c.Code, Token: token}}})
}

// o311Updates answers mySociety's GET servicerequestupdates: the public
// moves of cases, with its extended statuses, oldest first.
func (s *Server) o311Updates(w http.ResponseWriter, r *http.Request, f open311.Format) error {
	from, to, err := open311.ParseRange(r.URL.Query())
	if err != nil {
		return err
	}
	ups, err := s.cfg.Cases.PublicUpdates(r.Context(), from, to, 0)
	if err != nil {
		return err
	}
	out := &open311.Updates{}
	for _, u := range ups {
		out.Items = append(out.Items, open311.UpdateOf(u))
	}
	return o311Write(w, f, http.StatusOK, "no-store", out)
}

// o311Create answers POST requests: a form body, an API token with
// case.create as api_key (or Authorization: Bearer), a case opened with
// the request's extras in one transaction.
func (s *Server) o311Create(w http.ResponseWriter, r *http.Request, name string, f open311.Format) error {
	w.Header().Set("Cache-Control", "no-store")
	if name != "requests" {
		return open311.Fail(404, s.msg.T("open311.not_found"))
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		return open311.Fail(400, s.msg.T("open311.content_type"))
	}
	if err := s.reportLimit(r, open311PerClient); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxOpen311Body)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return open311.Fail(413, s.msg.T("report.too_large"))
		}
		return open311.Fail(400, s.msg.T("open311.bad_form"))
	}
	tok, err := s.o311Key(r)
	if err != nil {
		return err
	}
	p, err := open311.ParsePost(r.PostForm)
	if err != nil {
		return err
	}
	ctx := r.Context()
	in := cases.NewCase{Source: cases.SourceAPI, Channel: "open311", Category: p.ServiceCode,
		ServiceSlug: p.Service, ProvinceCode: p.Province, CommuneCode: p.Commune, Description: p.Description,
		Contact: cases.Contact{Name: p.Name, Phone: p.Phone, Email: p.Email}, By: "token:" + strconv.FormatInt(tok.ID, 10)}
	// Validate before the transaction, so lookups never hold the writer.
	in, err = s.cfg.Cases.Validate(ctx, in)
	if err != nil {
		return o311Invalid(err)
	}
	var c *cases.Case
	err = s.cfg.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if c, err = s.cfg.Cases.OpenTx(ctx, tx, in); err != nil {
			return err
		}
		return open311.NewStore(s.cfg.DB).SaveTx(ctx, tx, c.ID, p.ExtraOf(tok.ID), c.CreatedAt)
	})
	if err != nil {
		return o311Invalid(err)
	}
	notice := s.msg.T("open311.notice") + " " + s.baseURL(r) + "/phan-anh/" + c.Code
	if !c.DueAt.IsZero() {
		notice += ". " + s.msg.T("open311.due") + " " + c.DueAt.In(vietnamZone).Format("02/01/2006") + "."
	}
	w.Header().Set("Location", s.baseURL(r)+"/open311/v2/requests/"+c.Code+"."+string(f))
	return o311Write(w, f, http.StatusOK, "no-store", &open311.ServiceRequests[open311.Created]{
		Items: []open311.Created{{ServiceRequestID: c.Code, ServiceNotice: notice}}})
}

// o311Invalid turns the case's field errors into Open311 errors (400),
// one per field; other errors pass through.
func o311Invalid(err error) error {
	var inv *cases.InvalidError
	if !errors.As(err, &inv) {
		return err
	}
	out := &open311.Errors{}
	for _, fe := range inv.Fields {
		out.Items = append(out.Items, open311.Error{Code: 400, Description: fe.Message})
	}
	if len(out.Items) == 0 {
		out.Items = append(out.Items, open311.Error{Code: 400, Description: "Dữ liệu không hợp lệ."})
	}
	return out
}

// o311Key authenticates the api_key field (or an Authorization:
// Bearer header) as a Loa API token holding case.create: 403 in the
// specification's format otherwise. The key is never logged.
func (s *Server) o311Key(r *http.Request) (*staff.Token, error) {
	key := strings.TrimSpace(r.PostForm.Get("api_key"))
	if key == "" {
		if scheme, cred, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " "); ok && strings.EqualFold(scheme, "Bearer") {
			key = strings.TrimSpace(cred)
		}
	}
	if key == "" {
		return nil, open311.Fail(403, s.msg.T("open311.key_missing"))
	}
	tok, err := s.cfg.Staff.AuthenticateToken(r.Context(), key)
	switch {
	case errors.Is(err, staff.ErrBadToken), errors.Is(err, staff.ErrTokenRevoked):
		return nil, open311.Fail(403, s.msg.T("open311.key_invalid"))
	case err != nil:
		return nil, err
	}
	if !s.cfg.Staff.TokenAllows(tok, staff.PermCaseCreate, tok.Agency) {
		return nil, open311.Fail(403, s.msg.T("open311.key_forbidden"))
	}
	return tok, nil
}
