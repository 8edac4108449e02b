package web

import (
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/vn"
)

// The report form names the service concerned by its name, typed in a
// plain text box: the form works without JavaScript, so the name is
// looked up in the site's search index when the form is posted. One clear
// match is taken; several come back as radio choices; none is said so.
const (
	// maxServiceQuery bounds the text box, in characters: the longest
	// service names are about 250 characters.
	maxServiceQuery = 300
	// serviceChoices is how many matches the form offers at most.
	serviceChoices = 5
	// serviceNone is the choice "none of these": file without a service.
	serviceNone = "none"
)

// serviceResolution is what the typed name gave.
type serviceResolution struct {
	// Slug is the service chosen, "" for none.
	Slug string
	// Choices are the matches to choose from when the name fits several.
	Choices []choice
	// Problem is a message for the text box, "" when it is fine.
	Problem string
}

// resolveReportService settles the form's service from what was posted:
// the radio choice of an earlier round, the service carried from a link
// (kept while the text box still shows its name), or the name typed.
func (s *Server) resolveReportService(f *reportFormData, picked string) serviceResolution {
	snap := s.cfg.Catalog.Current()
	switch picked {
	case "":
	case serviceNone:
		f.Service, f.ServiceQuery = "", ""
		return serviceResolution{}
	default:
		if svc := snap.BySlug(picked); svc != nil {
			f.Service, f.ServiceQuery = svc.Slug, svc.Name
			return serviceResolution{Slug: svc.Slug}
		}
		// A choice that is not a service (the catalogue changed, or the
		// form was forged): look the typed name up again.
	}
	f.ServiceQuery = vn.Normalize(f.ServiceQuery)
	if f.ServiceQuery == "" {
		f.Service = ""
		return serviceResolution{}
	}
	if svc := snap.BySlug(f.Service); svc != nil && sameName(svc.Name, f.ServiceQuery) {
		return serviceResolution{Slug: svc.Slug}
	}
	f.Service = ""
	if utf8.RuneCountInString(f.ServiceQuery) > maxServiceQuery {
		return serviceResolution{Problem: s.msg.T("report.service_too_long")}
	}
	matches := s.serviceMatches(snap, f.ServiceQuery)
	switch {
	case len(matches) == 0:
		return serviceResolution{Problem: s.msg.T("report.service_not_found")}
	case len(matches) == 1:
		f.Service, f.ServiceQuery = matches[0].Slug, matches[0].Name
		return serviceResolution{Slug: matches[0].Slug}
	}
	// A name typed in full is the citizen's choice, even when other
	// services' names contain it.
	for _, svc := range matches {
		if sameName(svc.Name, f.ServiceQuery) {
			f.Service, f.ServiceQuery = svc.Slug, svc.Name
			return serviceResolution{Slug: svc.Slug}
		}
	}
	r := serviceResolution{}
	for _, svc := range matches {
		r.Choices = append(r.Choices, choice{Value: svc.Slug, Label: svc.Name})
	}
	return r
}

// serviceMatches returns the services the search index finds for q, best
// first, dropping the weak tail as the service list does, at most
// serviceChoices.
func (s *Server) serviceMatches(snap *catalog.Snapshot, q string) []*catalog.Service {
	if s.cfg.Search == nil {
		return nil
	}
	// Ask for a few more than are shown: a hit may name a service that
	// left the catalogue since the index was built.
	hits := s.cfg.Search.Search(q, 2*serviceChoices)
	var out []*catalog.Service
	for _, h := range hits {
		if h.Score < relevanceFloor*hits[0].Score || len(out) == serviceChoices {
			break
		}
		if svc := snap.BySlug(h.ID); svc != nil {
			out = append(out, svc)
		}
	}
	return out
}

// sameName compares names as citizens type them: case, tone marks and
// spacing aside.
func sameName(a, b string) bool {
	return strings.Join(strings.Fields(vn.Fold(a)), " ") == strings.Join(strings.Fields(vn.Fold(b)), " ")
}
