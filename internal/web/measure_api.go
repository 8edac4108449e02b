package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/loa-vn/loa/internal/measure"
	"github.com/loa-vn/loa/internal/staff"
)

// measureRoutes are the measuring part of the site: the ingest API for
// agencies' systems, and the back-office pages to upload aggregates and to
// set the parameters of the indicators.
func (s *Server) measureRoutes() []Route {
	admin, api := SurfaceAdmin, SurfaceAPI
	ingest := need(staff.PermMeasureIngest)
	return []Route{
		{"POST", "/api/v1/measure/events", ingest, nil, api, s.apiMeasureEvents},
		{"GET", "/quan-tri/so-lieu/nhap", ingest, nil, admin, s.measureImportPage},
		{"POST", "/quan-tri/so-lieu/nhap", ingest, nil, admin, s.measureImport},
		{"GET", "/quan-tri/so-lieu/tham-so", need(staff.PermDashboardRead), nil, admin, s.measureParamsPage},
		{"POST", "/quan-tri/so-lieu/tham-so", need(permMeasureParams), nil, admin, s.measureParamsAdd},
	}
}

// maxEventsBody bounds an ingest request: 5,000 events of a few hundred
// bytes each, with room to spare.
const maxEventsBody = 8 << 20

// eventsRequest is the body of POST /api/v1/measure/events. Items are
// decoded one by one so that a malformed item is reported on its own.
type eventsRequest struct {
	Events []json.RawMessage `json:"events"`
}

// apiMeasureEvents ingests a batch of dossier events for the token's
// agency. Each event's unit must lie within the token's scope; every item
// gets a status (created, duplicate, rejected) with its errors, and a bad
// item never blocks the good ones. Sending the same batch again is safe.
func (s *Server) apiMeasureEvents(w http.ResponseWriter, r *http.Request) error {
	tok := apiToken(r)
	if tok == nil {
		return s.unauthenticated(w, "token_required", "api.token_required")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxEventsBody)
	var req eventsRequest
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: s.msg.T("measure.api.too_large")}
		}
		return badRequest("bad_json", s.msg.T("measure.api.bad_json"))
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("bad_json", s.msg.T("measure.api.bad_json"))
	}
	if len(req.Events) == 0 {
		return badRequest("no_events", s.msg.T("measure.api.no_events"))
	}
	if len(req.Events) > measure.MaxBatch {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "batch_too_large",
			Message: s.msg.T("measure.api.batch_too_large") + " (" + strconv.Itoa(measure.MaxBatch) + ")"}
	}
	items := make([]measure.Item, len(req.Events))
	for i, raw := range req.Events {
		items[i].Decode = json.Unmarshal(raw, &items[i].Input)
	}
	sender := measure.Sender{Agency: tok.Agency, Allows: func(agency string) bool {
		return s.cfg.Staff.TokenAllows(tok, staff.PermMeasureIngest, agency)
	}}
	res, err := s.cfg.Measure.Ingest(r.Context(), sender, items)
	if err != nil {
		return err
	}
	return writeJSON(w, res)
}
