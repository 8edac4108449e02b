package web

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/vn"
)

// maxQueryRunes bounds a search query; longer text is not a search.
const maxQueryRunes = 200

// perPage is the number of results on one page of search or list results.
const perPage = 20

// listQuery is a validated search or listing request.
type listQuery struct {
	Q      string
	Filter catalog.Filter
	Page   int
}

// parseListQuery validates the query parameters shared by the search page
// and GET /api/v1/services, with a clear Vietnamese message for each error.
func parseListQuery(v url.Values) (listQuery, error) {
	var lq listQuery
	q := v.Get("q")
	if !utf8.ValidString(q) {
		return lq, badRequest("invalid_query", "Từ khóa tìm kiếm chứa ký tự không hợp lệ.")
	}
	q = vn.Normalize(q)
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return lq, badRequest("invalid_query", "Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).")
	}
	lq.Q = q
	if level := v.Get("level"); level != "" {
		// level takes an implementing level or an online level: the two
		// vocabularies are disjoint, and a result item's "level" field is
		// its online level, so both readings filter what clients see.
		switch l := catalog.Level(level); {
		case l.Valid():
			lq.Filter.Level = l
		case catalog.OnlineLevel(level).Valid():
			lq.Filter.Online = catalog.OnlineLevel(level)
		default:
			return lq, badRequest("invalid_level", "Tham số level phải là một trong: bo, tinh, xa, toan-trinh, mot-phan, chua-truc-tuyen.")
		}
	}
	if agency := v.Get("agency"); agency != "" {
		if len(agency) > 32 || strings.Trim(agency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return lq, badRequest("invalid_agency", "Mã cơ quan không hợp lệ (ví dụ: BCA, BTP).")
		}
		lq.Filter.Agency = agency
	}
	if ev := v.Get("life_event"); ev != "" {
		if _, ok := catalog.LifeEventBySlug(ev); !ok {
			return lq, badRequest("invalid_life_event", "Sự kiện cuộc sống không có trong danh mục (ví dụ: sinh-con, ket-hon).")
		}
		lq.Filter.LifeEvent = ev
	}
	lq.Page = 1
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 10000 {
			return lq, badRequest("invalid_page", "Tham số page phải là số nguyên dương.")
		}
		lq.Page = n
	}
	return lq, nil
}

// URL is the search page address of the query at page p, keeping every
// filter; it is also the query's canonical form.
func (lq listQuery) URL(p int) string {
	v := url.Values{}
	if lq.Q != "" {
		v.Set("q", lq.Q)
	}
	switch {
	case lq.Filter.Level != "":
		v.Set("level", string(lq.Filter.Level))
	case lq.Filter.Online != "":
		v.Set("level", string(lq.Filter.Online))
	}
	if lq.Filter.Agency != "" {
		v.Set("agency", lq.Filter.Agency)
	}
	if lq.Filter.LifeEvent != "" {
		v.Set("life_event", lq.Filter.LifeEvent)
	}
	v.Set("page", strconv.Itoa(p))
	return "/tim-kiem?" + v.Encode()
}

// relevanceFloor drops search hits scoring under this share of the best
// one: they match only a common syllable ("làm", "giấy") and bury the
// answer under a list of every service.
const relevanceFloor = 0.25

// find returns the services matching the query, best first, and the total.
// With no text the catalogue order (most used first) applies.
func (s *Server) find(lq listQuery) (page []*catalog.Service, total int) {
	snap := s.cfg.Catalog.Current()
	var all []*catalog.Service
	if lq.Q == "" {
		all = snap.Select(lq.Filter)
	} else {
		hits := s.cfg.Search.Search(lq.Q, 0)
		for _, h := range hits {
			if h.Score < relevanceFloor*hits[0].Score {
				break
			}
			if svc := snap.BySlug(h.ID); svc != nil && lq.Filter.Match(svc) {
				all = append(all, svc)
			}
		}
	}
	total = len(all)
	start := (lq.Page - 1) * perPage
	if start >= total {
		return nil, total
	}
	end := min(start+perPage, total)
	return all[start:end], total
}
