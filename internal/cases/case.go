package cases

import (
	"log/slog"
	"strconv"
	"time"
)

// Case is one citizen's report or recommendation (phản ánh, kiến nghị),
// whichever way it arrived: the site's form, an agency's system over the
// API, a handoff from the assistant, a hotline call or staff typing a
// letter. One model for all of them means one queue, one deadline clock and
// one set of statistics.
type Case struct {
	ID int64
	// Code is the public tracking code in display form ("PA-K7QXM-3DHTW").
	Code    string
	Source  Source
	Channel string
	// Category is what the report is about.
	Category Category
	// ServiceSlug is the service (thủ tục) concerned, "" when none.
	ServiceSlug string
	// ProvinceCode (2 digits) and CommuneCode (5 digits) are the area, as in
	// the national statistics office's list; "" when not given.
	ProvinceCode string
	CommuneCode  string
	// Description is the citizen's text: NFC, up to MaxDescription
	// characters, line breaks kept. It may contain personal data; public
	// views show it only redacted.
	Description string
	// Contact is personal data: see Contact.
	Contact Contact
	// ConversationID links a handoff to the assistant's conversation; the
	// assistant keeps the (redacted) turns in its own tables.
	ConversationID string
	State          State
	// Agency is the code of the agency handling the case, "" until routed.
	Agency    string
	CreatedAt time.Time
	UpdatedAt time.Time

	// The listening work's fields (migration 00011).

	// AssigneeID is the staff account handling the case; 0 leaves it in
	// the agency's queue.
	AssigneeID int64
	// Round is 1, and one more each time the citizen reopens the case.
	Round int
	// DuplicateOf is the code of the case this one duplicates.
	DuplicateOf string
	// Referral says where to turn for a case not our responsibility.
	Referral string
	// Answer is the handler's answer as written: internal, it may name the
	// citizen. AnswerBy is its author's staff id.
	Answer   string
	AnswerBy int64
	// PublicAnswer is the published answer, personal data removed.
	PublicAnswer string
	// DueAt is the current answer deadline; zero while the clock is paused
	// or stopped.
	DueAt time.Time
	// AnsweredAt, AnswerDays (working days, paused time excluded) and
	// AnsweredOnTime describe the first answer, for the statistics.
	AnsweredAt     time.Time
	AnswerDays     float64
	AnsweredOnTime bool
	// PublishedAt is when the answer was last published.
	PublishedAt time.Time
	// Resolved is the citizen's verdict on the answer: ResolvedYes,
	// ResolvedNo or "".
	Resolved string
}

// The citizen's verdicts on a published answer.
const (
	ResolvedYes = "yes"
	ResolvedNo  = "no"
)

// LogValue makes slog log a case by its identity and state only: the
// description and contact may hold personal data, which is never logged.
func (c Case) LogValue() slog.Value {
	return slog.GroupValue(slog.Int64("id", c.ID), slog.String("code", c.Code),
		slog.String("source", string(c.Source)), slog.String("state", string(c.State)),
		slog.String("agency", c.Agency))
}

// String names the case by code and state only, for the same reason: a
// Case printed with %v by mistake must not show the description or contact.
func (c Case) String() string {
	return "case " + strconv.FormatInt(c.ID, 10) + " " + c.Code + " (" + string(c.State) + ")"
}

// NewCase is what Open needs to open a case. Only Source and Description
// are required; see Store.Validate for the rules and defaults.
type NewCase struct {
	Source Source
	// Channel defaults by source: web for the site and the assistant, api,
	// phone for the hotline, counter for the back office.
	Channel string
	// Category defaults to CategoryOther, so an assistant handoff that could
	// not tell what the problem is still opens a case; a form that wants the
	// citizen to choose checks that before calling Open.
	Category       Category
	ServiceSlug    string
	ProvinceCode   string
	CommuneCode    string
	Description    string
	Contact        Contact
	ConversationID string
	// Agency is set by a caller that already knows who handles the case (an
	// agency's own system over the API, a hotline officer of that agency).
	Agency string
	// By is the actor recorded on the "created" event: ActorCitizen,
	// ActorSystem or StaffActor(id). Empty means the source's default
	// (citizen for web and assistant, system for api); hotline and
	// backoffice cases must name the officer.
	By string
}

// Actors recorded on events, besides StaffActor.
const (
	ActorCitizen = "citizen"
	ActorSystem  = "system"
)

// StaffActor is the actor string for a staff account.
func StaffActor(id int64) string { return "staff:" + strconv.FormatInt(id, 10) }

// EventKind says what an event records.
type EventKind string

// The event kinds the intake core writes. The listening work adds more
// (assigned, transferred, answer, reminder, ...); kinds are plain text in
// the database.
const (
	EventCreated      EventKind = "created"
	EventStateChanged EventKind = "state_changed"
	EventNote         EventKind = "note"
	// The listening work's kinds.
	EventRouted       EventKind = "routed"       // routed at intake by the rules
	EventAcknowledged EventKind = "acknowledged" // the agency confirmed receipt
	EventReassigned   EventKind = "reassigned"   // another handler or agency, same state
	EventAnswerDraft  EventKind = "answer_draft" // an answer saved, not yet submitted
	EventInfoAdded    EventKind = "info_added"   // the citizen added what was asked
	EventFeedback     EventKind = "feedback"     // the citizen's verdict on the answer
	EventReminder     EventKind = "reminder"     // the escalation ladder's first rung
	EventEscalated    EventKind = "escalated"    // a higher rung of the ladder
)

// Label returns the Vietnamese label of the kinds this package knows, and
// "" for others.
func (k EventKind) Label() string {
	switch k {
	case EventCreated:
		return "Tiếp nhận phản ánh"
	case EventStateChanged:
		return "Chuyển trạng thái"
	case EventNote:
		return "Ghi chú"
	case EventRouted:
		return "Chuyển đến cơ quan xử lý"
	case EventAcknowledged:
		return "Cơ quan xử lý đã xác nhận tiếp nhận"
	case EventReassigned:
		return "Phân công lại"
	case EventAnswerDraft:
		return "Soạn trả lời"
	case EventInfoAdded:
		return "Người phản ánh bổ sung thông tin"
	case EventFeedback:
		return "Ý kiến của người phản ánh về kết quả"
	case EventReminder:
		return "Nhắc hạn xử lý"
	case EventEscalated:
		return "Báo cáo cấp trên do quá hạn"
	}
	return ""
}

// Visibility says who may see an event.
type Visibility string

// The visibilities.
const (
	// Public events appear on the status page /phan-anh/{code}.
	Public Visibility = "public"
	// Internal events are for staff only.
	Internal Visibility = "internal"
)

// Valid reports whether v is Public or Internal.
func (v Visibility) Valid() bool { return v == Public || v == Internal }

// Event is one line of a case's history (table case_events). Events are
// never changed or deleted.
type Event struct {
	ID     int64
	CaseID int64
	At     time.Time
	// Actor is ActorCitizen, ActorSystem or StaffActor(id).
	Actor string
	Kind  EventKind
	// FromState and ToState are set on events that move the case ("" for
	// the from of "created").
	FromState  State
	ToState    State
	Note       string
	Visibility Visibility
}
