package measure

import (
	"time"
)

// MaxBatch is the most events one Ingest call takes.
const MaxBatch = 5000

// Kind is what happened to a dossier.
type Kind string

// The event kinds.
const (
	KindReceived   Kind = "received"    // the dossier was received (tiếp nhận)
	KindResolved   Kind = "resolved"    // a result was returned to the applicant (giải quyết xong)
	KindReturned   Kind = "returned"    // sent back for completion or refused (trả lại)
	KindPaidOnline Kind = "paid_online" // a fee or charge was paid online
	KindRated      Kind = "rated"       // the applicant rated the service (score 1–5)
)

// Channel is how a dossier was filed.
type Channel string

// The channels. Only received events need one.
const (
	ChannelOnline   Channel = "online"
	ChannelInPerson Channel = "in_person"
	ChannelPost     Channel = "post"
)

// Level is how far an online dossier was handled online.
type Level string

// The online levels; empty for dossiers not filed online or when unknown.
const (
	LevelFull    Level = "full"    // toàn trình
	LevelPartial Level = "partial" // một phần
)

// EventInput is one event as an agency's system sends it. Fields are
// strings so that a malformed value is reported for that item and field
// instead of failing the whole batch.
type EventInput struct {
	ID         string `json:"id"`
	Source     string `json:"source"`
	OccurredAt string `json:"occurred_at"`
	Procedure  string `json:"procedure"`
	Unit       string `json:"unit"`
	Channel    string `json:"channel,omitempty"`
	Level      string `json:"level,omitempty"`
	Type       string `json:"type"`
	DueAt      string `json:"due_at,omitempty"`
	ResolvedAt string `json:"resolved_at,omitempty"`
	// Score is the rating of a "rated" event, 1 (very bad) to 5 (very good).
	Score int `json:"score,omitempty"`
}

// Event is a validated event, ready to store.
type Event struct {
	// Source is namespaced by the sending agency ("UBND-01:motcua").
	Source, ID string
	Kind       Kind
	OccurredAt time.Time
	// Day is the Vietnamese calendar day of OccurredAt, "YYYY-MM-DD".
	Day string
	// Procedure is the catalogue code when known, else the code as sent.
	Procedure      string
	KnownProcedure bool
	Unit, Province string
	// Agency answers for Unit ("UBND-01").
	Agency  string
	Channel Channel
	Level   Level
	// DueAt and ResolvedAt are zero when unknown.
	DueAt, ResolvedAt time.Time
	Score             int
}

// month is the event's calendar month, "YYYY-MM".
func (e *Event) month() string { return e.Day[:7] }

// onTime says whether a resolved event met its deadline; known is false
// when the deadline is unknown.
func (e *Event) onTime() (onTime, known bool) {
	if e.DueAt.IsZero() {
		return false, false
	}
	at := e.ResolvedAt
	if at.IsZero() {
		at = e.OccurredAt
	}
	return !at.After(e.DueAt), true
}

// vietnam is Asia/Ho_Chi_Minh, UTC+7 without daylight saving since 1975;
// a fixed zone needs no time-zone database on the server.
var vietnam = time.FixedZone("ICT", 7*60*60)

// DayOf returns the Vietnamese calendar day of t, "YYYY-MM-DD".
func DayOf(t time.Time) string { return t.In(vietnam).Format(time.DateOnly) }
