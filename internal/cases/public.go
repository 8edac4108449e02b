package cases

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

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
	events, err := s.Events(ctx, c.ID, true)
	if err != nil {
		return nil, err
	}
	v := &PublicView{
		Code: c.Code, Category: c.Category, CategoryLabel: c.Category.Label(),
		ServiceSlug: c.ServiceSlug, ProvinceCode: c.ProvinceCode, CommuneCode: c.CommuneCode,
		State: c.State, StateLabel: c.State.Label(), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Description: Redact(c.Description, c.Contact),
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
