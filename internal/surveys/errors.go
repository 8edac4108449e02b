package surveys

import (
	"errors"
	"strings"
)

// Errors returned by the store. Match them with errors.Is.
var (
	// ErrNotFound: no survey, version, response or file with that id.
	ErrNotFound = errors.New("surveys: not found")
	// ErrSlugTaken: another survey has the address.
	ErrSlugTaken = errors.New("surveys: slug taken")
	// ErrClosed: the survey takes no responses (closed, or never published).
	ErrClosed = errors.New("surveys: survey not open")
	// ErrAlreadyResponded: the survey accepts one response per identity and
	// this identity has one.
	ErrAlreadyResponded = errors.New("surveys: identity already responded")
)

// InvalidError reports answers or fields a person must correct, one
// message per field in form order. It never repeats a value.
type InvalidError struct {
	Fields []FieldError
}

// Error lists the fields, not the messages or values.
func (e *InvalidError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
	}
	return "surveys: invalid input: " + strings.Join(names, ", ")
}

// Message returns the message for field, or "".
func (e *InvalidError) Message(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}
