package catalog

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func validService() Service {
	svc := sampleService("1.001193", "dang-ky-khai-sinh")
	svc.PortalURL = "https://dichvucong.gov.vn"
	svc.Documents = []Document{{Name: "Tờ khai", Originals: 1}}
	return svc
}

func TestParseValidateAcceptsAGoodRecord(t *testing.T) {
	svc := validService()
	if err := svc.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestParseValidateRejects(t *testing.T) {
	neg := int64(-1)
	for _, tc := range []struct {
		field  string
		breakF func(*Service)
	}{
		{"code", func(s *Service) { s.Code = "" }},
		{"code", func(s *Service) { s.Code = "1 001" }},
		{"code", func(s *Service) { s.Code = strings.Repeat("1", maxCodeLen+1) }},
		{"slug", func(s *Service) { s.Slug = "" }},
		{"slug", func(s *Service) { s.Slug = "Dang-Ky" }},
		{"slug", func(s *Service) { s.Slug = "a--b" }},
		{"name", func(s *Service) { s.Name = "  " }},
		{"name", func(s *Service) { s.Name = strings.Repeat("a", maxNameLen+1) }},
		{"name", func(s *Service) { s.Name = norm.NFD.String("Đăng ký khai sinh") }},
		{"name", func(s *Service) { s.Name = "a\x00b" }},
		{"field", func(s *Service) { s.Field = "bad \xff" }},
		{"online_level", func(s *Service) { s.OnlineLevel = "muc-4" }},
		{"levels", func(s *Service) { s.Levels = nil }},
		{"levels", func(s *Service) { s.Levels = []Level{"huyen"} }},
		{"levels", func(s *Service) { s.Levels = []Level{LevelCommune, LevelCommune} }},
		{"agencies", func(s *Service) { s.Agencies = []string{"bca"} }},
		{"life_events", func(s *Service) { s.LifeEvents = []string{"nghi-huu"} }},
		{"channels", func(s *Service) { s.Channels = []Channel{{Kind: "fax"}} }},
		{"channels", func(s *Service) { s.Channels = []Channel{{Kind: ChannelOnline, FeeVND: &neg}} }},
		{"documents", func(s *Service) { s.Documents = []Document{{Name: ""}} }},
		{"documents", func(s *Service) { s.Documents = []Document{{Name: "x", Copies: -1}} }},
		{"steps", func(s *Service) { s.Steps = []string{"a", " "} }},
		{"portal_url", func(s *Service) { s.PortalURL = "javascript:alert(1)" }},
		{"portal_url", func(s *Service) { s.PortalURL = "dichvucong.gov.vn" }},
		{"raw", func(s *Service) { s.Raw = json.RawMessage(`{"a":`) }},
	} {
		svc := validService()
		tc.breakF(&svc)
		err := svc.Validate()
		var le *LineError
		if !errors.As(err, &le) || le.Field != tc.field {
			t.Errorf("%s: got %v", tc.field, err)
		}
	}
}
