// Package fielderr is the error for input a person must correct: one
// Vietnamese message per field, in form order, ready to show beside the
// field. Domain packages that validate forms (cases, ratings, surveys)
// share it, each under its own name, so that errors.As tells theirs apart
// and Error names the package.
//
// Error() lists the fields only, never the messages or the values: the
// values may be personal data, and errors end up in logs.
package fielderr

import "strings"

// Field is one problem with one input field: Field is the name the API
// and the forms use, Message is Vietnamese and never repeats the value.
type Field struct {
	Field   string
	Message string
}

// Scope names the package an Error comes from ("cases").
type Scope interface{ Name() string }

// Error reports input a person must correct, one message per field. The
// type parameter makes each package's error its own type.
type Error[S Scope] struct {
	Fields []Field
}

// Error names the package and the fields, not the messages or values.
func (e *Error[S]) Error() string {
	var s S
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
	}
	return s.Name() + ": invalid input: " + strings.Join(names, ", ")
}

// Message returns the message for field, or "" when the field is fine.
func (e *Error[S]) Message(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// Has reports whether field has a problem.
func (e *Error[S]) Has(field string) bool { return e.Message(field) != "" }

// First returns the first problem, for answers that carry one message.
func (e *Error[S]) First() Field {
	if len(e.Fields) == 0 {
		return Field{}
	}
	return e.Fields[0]
}
