package cases

import (
	"errors"
	"fmt"
	"strings"
)

// Errors returned by the store. Match them with errors.Is; the web layer
// maps ErrNotFound to 404 and ErrBadTransition and ErrConflict to 409.
var (
	// ErrNotFound: no case with that code or id.
	ErrNotFound = errors.New("cases: not found")
	// ErrBadCode: the tracking code is malformed (wrong length, a character
	// outside the alphabet, a wrong check character). It is also an
	// ErrNotFound, so callers that do not care get a plain 404; a status
	// page may say "check the code" instead.
	ErrBadCode = fmt.Errorf("%w: malformed tracking code", ErrNotFound)
	// ErrBadTransition: the transition table does not allow the move.
	ErrBadTransition = errors.New("cases: transition not allowed")
	// ErrConflict: the case changed state between reading and writing.
	ErrConflict = errors.New("cases: conflict: the case was changed by someone else")
	// ErrCodesExhausted: no free tracking code was found after
	// maxCodeAttempts draws — with crypto/rand that means the random source
	// is broken, not that the codes ran out.
	ErrCodesExhausted = errors.New("cases: no free tracking code")
)

// FieldError is one problem with one input field. Field is the name the
// API and the forms use (see InvalidError); Message is Vietnamese, ready to
// show beside the field, and never repeats the value (it may be personal
// data).
type FieldError struct {
	Field   string
	Message string
}

// InvalidError reports input a person must correct, with one message per
// field in form order. Fields: source, channel, category, service,
// province_code, commune_code, description, contact_name, contact_phone,
// contact_email, conversation_id, agency, by.
type InvalidError struct {
	Fields []FieldError
}

// Error lists the fields, not the messages or values, so that logging it
// leaks nothing.
func (e *InvalidError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
	}
	return "cases: invalid input: " + strings.Join(names, ", ")
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

// Has reports whether field has a problem.
func (e *InvalidError) Has(field string) bool { return e.Message(field) != "" }
