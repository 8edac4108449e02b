package ratings

import (
	"errors"
	"strings"
)

// Errors returned by the store; match them with errors.Is.
var (
	// ErrNotFound: no rating link with that code.
	ErrNotFound = errors.New("ratings: not found")
	// ErrLinkUsed: the one-time link has already been used to rate.
	ErrLinkUsed = errors.New("ratings: rating link already used")
	// ErrLinkExpired: the link is past its expiry.
	ErrLinkExpired = errors.New("ratings: rating link expired")
	// ErrKeyReused: an idempotency key came back with a different
	// submission; the web layer answers 422 rather than replaying an
	// answer that belongs to another submission.
	ErrKeyReused = errors.New("ratings: idempotency key reused for a different submission")
)

// FieldError is one problem with one input field: Field is the name the
// API and the forms use, Message is Vietnamese, ready to show beside the
// field, and never repeats the value.
type FieldError struct {
	Field   string
	Message string
}

// InvalidError reports input a person must correct, one message per field
// in form order. Fields: service, agency, level, went_well, did_not,
// comment, source, idempotency_key, ttl.
type InvalidError struct {
	Fields []FieldError
}

// Error names the fields only, so that logging it leaks nothing.
func (e *InvalidError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
	}
	return "ratings: invalid input: " + strings.Join(names, ", ")
}

// Message returns the message for field, or "" when the field is fine.
func (e *InvalidError) Message(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// First returns the first problem, for answers that carry one message.
func (e *InvalidError) First() FieldError {
	if len(e.Fields) == 0 {
		return FieldError{}
	}
	return e.Fields[0]
}
