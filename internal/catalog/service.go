package catalog

import (
	"encoding/json"
	"time"
)

// OnlineLevel says how far a service can be done online.
type OnlineLevel string

// The online levels of the national portal.
const (
	// OnlineFull is "toàn trình": filing, handling and result all online or by post.
	OnlineFull OnlineLevel = "toan-trinh"
	// OnlinePartial is "một phần": filed online, but some step needs a visit.
	OnlinePartial OnlineLevel = "mot-phan"
	// OnlineNone is "chưa trực tuyến": not yet online.
	OnlineNone OnlineLevel = "chua-truc-tuyen"
)

// Valid reports whether l is one of the known levels.
func (l OnlineLevel) Valid() bool {
	return l == OnlineFull || l == OnlinePartial || l == OnlineNone
}

// Label is the Vietnamese name shown to citizens.
func (l OnlineLevel) Label() string {
	switch l {
	case OnlineFull:
		return "Trực tuyến toàn trình"
	case OnlinePartial:
		return "Trực tuyến một phần"
	default:
		return "Chưa trực tuyến"
	}
}

// Level is an administrative level that implements a service.
type Level string

// The implementing levels since 1 July 2025 (no districts).
const (
	LevelMinistry Level = "bo"   // Cấp Bộ
	LevelProvince Level = "tinh" // Cấp Tỉnh
	LevelCommune  Level = "xa"   // Cấp Xã
)

// Valid reports whether l is one of the known levels.
func (l Level) Valid() bool { return l == LevelMinistry || l == LevelProvince || l == LevelCommune }

// Label is the Vietnamese name of the level.
func (l Level) Label() string {
	switch l {
	case LevelMinistry:
		return "Cấp Bộ"
	case LevelProvince:
		return "Cấp Tỉnh"
	case LevelCommune:
		return "Cấp Xã"
	}
	return string(l)
}

// ChannelKind is a way of submitting a dossier.
type ChannelKind string

// Submission channels of the national schema.
const (
	ChannelInPerson ChannelKind = "truc-tiep"  // Trực tiếp
	ChannelOnline   ChannelKind = "truc-tuyen" // Trực tuyến
	ChannelPost     ChannelKind = "buu-chinh"  // Dịch vụ bưu chính
)

// Valid reports whether k is one of the known channels.
func (k ChannelKind) Valid() bool {
	return k == ChannelInPerson || k == ChannelOnline || k == ChannelPost
}

// Label is the Vietnamese name of the channel.
func (k ChannelKind) Label() string {
	switch k {
	case ChannelInPerson:
		return "Trực tiếp"
	case ChannelOnline:
		return "Trực tuyến"
	case ChannelPost:
		return "Dịch vụ bưu chính"
	}
	return string(k)
}

// Channel is one submission channel with its own processing time and fee.
type Channel struct {
	Kind ChannelKind `json:"kind"`
	// ProcessingTime is the time as the source states it ("05 ngày làm việc").
	ProcessingTime string `json:"processing_time,omitempty"`
	// Fee is the fee as the source states it ("Lệ phí: 50.000 đồng").
	Fee string `json:"fee,omitempty"`
	// FeeVND is the fee in đồng when it is a single known amount; nil when unknown or variable.
	FeeVND *int64 `json:"fee_vnd,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Document is one paper of the dossier (thành phần hồ sơ).
type Document struct {
	Name      string `json:"name"`
	Originals int    `json:"originals"`
	Copies    int    `json:"copies"`
	// Template is the name or URL of the form template (mẫu đơn, tờ khai), if any.
	Template string `json:"template,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Service is a public service: the formal procedure record (thủ tục hành chính).
type Service struct {
	// Code is the national procedure code ("1.001193"); a string because format matters.
	Code        string      `json:"code"`
	Slug        string      `json:"slug"`
	Name        string      `json:"name"`
	Field       string      `json:"field"` // lĩnh vực
	OnlineLevel OnlineLevel `json:"online_level"`
	Levels      []Level     `json:"levels"`
	// Agencies are the codes of the responsible agencies (ministry codes such as "BCA").
	Agencies []string `json:"agencies,omitempty"`
	// AgencyText is the implementing agency as the source words it ("UBND cấp xã").
	AgencyText string   `json:"agency_text,omitempty"`
	Audience   []string `json:"audience,omitempty"`
	// LifeEvents are slugs of life events (see LifeEvents).
	LifeEvents []string   `json:"life_events,omitempty"`
	Channels   []Channel  `json:"channels,omitempty"`
	Documents  []Document `json:"documents,omitempty"`
	Steps      []string   `json:"steps,omitempty"`
	Conditions string     `json:"conditions,omitempty"`
	Result     string     `json:"result,omitempty"`
	LegalBasis []string   `json:"legal_basis,omitempty"`
	// Keywords are extra search terms: everyday names, old names, abbreviations.
	Keywords []string `json:"keywords,omitempty"`
	// PortalURL is where to file online (the national portal or a sector system).
	PortalURL string `json:"portal_url,omitempty"`
	// Source says where the record came from ("CSDL quốc gia về TTHC", "Demo Loa 2026-11-22").
	Source string `json:"source,omitempty"`
	// Raw keeps the parts of an imported record that are not modelled, so nothing is lost.
	Raw json.RawMessage `json:"raw,omitempty"`

	Guide *Guide `json:"guide,omitempty"`
	FAQs  []FAQ  `json:"faqs,omitempty"`
	// Notes are the published local notes of provinces and communes, shown
	// under the guide (see LocalNote); ordered by agency code.
	Notes []LocalNote `json:"notes,omitempty"`

	// Popularity orders "most used" lists; higher first.
	Popularity int       `json:"popularity,omitempty"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
}

// Guide is the plain-language version of a service, written for citizens.
type Guide struct {
	Summary string `json:"summary"`
	WhoFor  string `json:"who_for"`
	// Prepare lists what to prepare, in plain words.
	Prepare []string `json:"prepare"`
	// Steps are numbered steps in order.
	Steps          []string `json:"steps"`
	Duration       string   `json:"duration"`
	Cost           string   `json:"cost"`
	WhereOnline    string   `json:"where_online"`
	CommonMistakes []string `json:"common_mistakes,omitempty"`
	// ReviewedAt is the date the guide was last checked against the law (YYYY-MM-DD).
	ReviewedAt string `json:"reviewed_at"`
	// Source names where the guide's facts come from and that it is demo content when so.
	Source string `json:"source"`
}

// FAQ is a question citizens ask about a service, with the ways they phrase it.
type FAQ struct {
	Question    string   `json:"question"`
	Answer      string   `json:"answer"`
	Paraphrases []string `json:"paraphrases,omitempty"`
}
