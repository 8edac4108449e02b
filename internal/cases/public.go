package cases

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// PublicView is everything the public status page /phan-anh/{code} may
// show: anyone holding the code sees it, so it carries no contact detail,
// no staff identity, no internal event, and text only after redaction.
type PublicView struct {
	Code          string
	Category      Category
	CategoryLabel string
	// ServiceSlug is the service concerned, "" when none; the page looks up
	// its name.
	ServiceSlug  string
	ProvinceCode string
	CommuneCode  string
	State        State
	StateLabel   string
	// CreatedAt and UpdatedAt are UTC; the page shows them in Vietnam's time.
	CreatedAt time.Time
	UpdatedAt time.Time
	// Description is the citizen's text with personal data replaced by
	// placeholders (see Redact).
	Description string
	// Events are the public events, oldest first.
	Events []PublicEvent

	// Agency is the code of the agency handling the case, "" until routed.
	Agency string
	// AnswerDue is the answer deadline (zero once answered or ended);
	// Overdue flags a case past it, Paused one waiting for the citizen.
	AnswerDue time.Time
	Overdue   bool
	Paused    bool
	// Answer is the published answer, redacted; PublishedAt its time.
	Answer      string
	PublishedAt time.Time
	// Referral says where to turn when the case is not our responsibility;
	// DuplicateOf names the case this one duplicates.
	Referral    string
	DuplicateOf string
	// Resolved is the citizen's verdict on the answer, if given.
	Resolved string
	// CanGiveFeedback is true while the citizen may say whether the answer
	// solved the problem; ReopenUntil is the end of the reopen window.
	CanGiveFeedback bool
	ReopenUntil     time.Time
	// NeedsInfo is true while the agency waits for the citizen.
	NeedsInfo bool
}

// PublicEvent is one public line of a case's history. It names no actor:
// staff identities are internal.
type PublicEvent struct {
	At time.Time
	// Label says what happened, in Vietnamese: the state reached for a move,
	// otherwise the kind's label.
	Label string
	Kind  EventKind
	// State is the state the event moved the case to, "" when it did not.
	State State
	// Note is redacted like the description.
	Note string
}

// PublicStatus returns what the status page may show of the case with the
// tracking code (any spelling NormalizeCode accepts), or ErrNotFound
// (ErrBadCode for a malformed code).
func (s *Store) PublicStatus(ctx context.Context, code string) (*PublicView, error) {
	c, err := s.ByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	return s.publicView(ctx, s.db, c)
}

// publicView builds the public view of c, reading through q: a
// transaction's q shows a case opened in it before it commits (the API's
// answer, stored with its idempotency key; see intake.go).
func (s *Store) publicView(ctx context.Context, q db.Querier, c *Case) (*PublicView, error) {
	events, err := eventsOf(ctx, q, c.ID, true)
	if err != nil {
		return nil, err
	}
	v := &PublicView{
		Code: c.Code, Category: c.Category, CategoryLabel: c.Category.Label(),
		ServiceSlug: c.ServiceSlug, ProvinceCode: c.ProvinceCode, CommuneCode: c.CommuneCode,
		State: c.State, StateLabel: c.State.Label(), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Description: Redact(c.Description, c.Contact),
		Agency:      c.Agency, Answer: c.PublicAnswer, PublishedAt: c.PublishedAt,
		Referral: Redact(c.Referral, c.Contact), DuplicateOf: c.DuplicateOf, Resolved: c.Resolved,
		NeedsInfo: c.State == StateReturnedForInfo,
	}
	if err := s.publicClock(ctx, q, c, v); err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.Visibility != Public { // Events filtered already; be sure.
			return nil, fmt.Errorf("cases: public status %s: internal event %d", c.Code, e.ID)
		}
		pe := PublicEvent{At: e.At, Kind: e.Kind, State: e.ToState, Note: Redact(e.Note, c.Contact)}
		switch {
		case e.Kind == EventCreated:
			pe.Label = EventCreated.Label()
		case e.ToState != "" && e.ToState.Label() != "":
			pe.Label = e.ToState.Label()
		case e.Kind.Label() != "":
			pe.Label = e.Kind.Label()
		default:
			pe.Label = "Cập nhật"
		}
		v.Events = append(v.Events, pe)
	}
	return v, nil
}

// RedactedName is the placeholder Redact puts where the contact's name was.
const RedactedName = "[họ tên]"

// Redact removes personal data from text that is to be shown publicly:
// first every spelling of the contact's own details that the text repeats
// (the full name, whatever its case; the phone number however it is
// grouped; the e-mail address), then whatever vn.RedactPII recognises (mobile numbers,
// CCCD numbers, e-mail addresses, card numbers). Other people's names and
// street addresses are not recognised: answers are reviewed by a person
// before publication for that reason.
func Redact(text string, c Contact) string {
	// A name of one word ("An", "Hoa") is also an everyday word, so only a
	// full name of two words or more is looked for, as whole words; (?i)
	// folds Vietnamese capitals too ("NGUYỄN VĂN AN").
	if words := strings.Fields(c.Name); len(words) >= 2 {
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		re, err := regexp.Compile(`(?i)(^|[^\p{L}\p{M}\p{N}])` + strings.Join(words, `\s+`) + `([^\p{L}\p{M}\p{N}]|$)`)
		if err == nil {
			text = re.ReplaceAllString(text, "${1}"+RedactedName+"${2}")
		}
	}
	if c.Email != "" {
		re, err := regexp.Compile(`(?i)` + regexp.QuoteMeta(c.Email))
		if err == nil {
			text = re.ReplaceAllLiteralString(text, vn.RedactedEmail)
		}
	}
	if len(c.Phone) == 10 {
		// The stored form is ten digits; the text may group them any way
		// ("0912 345 678", "0912.345.678") or use the country code.
		var b strings.Builder
		b.WriteString(`(?:\+?84|0)`)
		for i := 1; i < len(c.Phone); i++ {
			b.WriteString(`[\s.\-]?`)
			b.WriteByte(c.Phone[i])
		}
		re, err := regexp.Compile(b.String())
		if err == nil {
			text = re.ReplaceAllLiteralString(text, vn.RedactedPhone)
		}
	}
	return vn.RedactPII(text)
}

// publicClock fills the deadline fields of the public view from the
// case's full event log (internal events included: the clock needs them;
// nothing of them is shown).
func (s *Store) publicClock(ctx context.Context, q db.Querier, c *Case, v *PublicView) error {
	cal, err := s.calendar(ctx)
	if err != nil {
		return err
	}
	dls, err := s.deadlines(ctx, q)
	if err != nil {
		return err
	}
	all, err := eventsOf(ctx, q, c.ID, false)
	if err != nil {
		return err
	}
	now := s.now()
	k := ComputeClock(cal, dls.of(c.Category), c, all, now)
	v.AnswerDue, v.Overdue, v.Paused = k.AnswerDue, k.Overdue(), k.Paused
	if !c.PublishedAt.IsZero() && (c.State == StatePublished || c.State == StateClosed) {
		v.ReopenUntil = c.PublishedAt.Add(ReopenWindow)
		given := false
		for _, e := range all {
			given = given || (e.Kind == EventFeedback && !e.At.Before(c.PublishedAt))
		}
		v.CanGiveFeedback = !given && now.Before(v.ReopenUntil)
	}
	return nil
}
