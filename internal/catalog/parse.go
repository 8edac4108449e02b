package catalog

import (
	"fmt"
	"strings"
)

// ParseResult is what an import parser makes of a file: the valid records,
// where each one was found, and every rejected record with the reason.
// Store.Import takes it as it is.
type ParseResult struct {
	// Services are the valid records, in file order.
	Services []Service
	// Lines[i] is the 1-based line of the file where Services[i] starts.
	Lines []int
	// Errors lists the rejected records, one per record, in file order.
	Errors []*LineError
}

// add appends a valid record found at line.
func (r *ParseResult) add(svc Service, line int) {
	r.Services = append(r.Services, svc)
	r.Lines = append(r.Lines, line)
}

// reject records why the record at line was refused.
func (r *ParseResult) reject(line int, field, format string, args ...any) {
	r.Errors = append(r.Errors, &LineError{Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// LineError says why one record of an imported file was rejected. Its text
// is Vietnamese because it is shown to the staff member who imports the file.
type LineError struct {
	// Line is the 1-based line of the record in the file; 0 when unknown.
	Line int `json:"line"`
	// Field names the field or column at fault, as the file spells it; empty
	// when the whole record is at fault (not JSON, wrong number of columns).
	Field string `json:"field,omitempty"`
	// Msg is the reason, in Vietnamese.
	Msg string `json:"message"`
}

// Error gives the reason with the line and the field, for example
// `dòng 12, trường "tên_thủ_tục": trống`.
func (e *LineError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "dòng %d", e.Line)
	}
	if e.Field != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "trường %q", e.Field)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}
