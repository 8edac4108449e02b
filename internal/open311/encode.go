package open311

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Format is a response format, named by the extension of the resource
// ("services.json", "requests/PA-….xml").
type Format string

// The two formats.
const (
	JSON Format = "json"
	XML  Format = "xml"
)

// ContentType is the format's HTTP Content-Type, as the specification
// gives it.
func (f Format) ContentType() string {
	if f == XML {
		return "text/xml; charset=utf-8"
	}
	return "application/json; charset=utf-8"
}

// SplitFormat splits "requests.json" into "requests" and JSON. ok is false
// without a known extension; the extension is matched in lower case
// only, as the specification writes it.
func SplitFormat(name string) (base string, f Format, ok bool) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return "", "", false
	}
	switch Format(name[i+1:]) {
	case JSON:
		return name[:i], JSON, true
	case XML:
		return name[:i], XML, true
	}
	return "", "", false
}

// Write encodes v in format f. XML gets the declaration and v's root
// element; JSON follows the Spark convention the specification uses: an
// envelope of a list (Services, ServiceRequests, Updates, Errors) is
// written as a bare array of its items, always an array even when empty.
func Write(w io.Writer, f Format, v any) error {
	if f == XML {
		if _, err := io.WriteString(w, xml.Header); err != nil {
			return err
		}
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("open311: encode xml: %w", err)
		}
		_, err := io.WriteString(w, "\n")
		return err
	}
	var out any = v
	switch t := v.(type) {
	case *Services:
		out = nonNil(t.Items)
	case Services:
		out = nonNil(t.Items)
	case *Errors:
		out = nonNil(t.Items)
	case Errors:
		out = nonNil(t.Items)
	case *Updates:
		out = nonNil(t.Items)
	case Updates:
		out = nonNil(t.Items)
	case lister:
		out = t.items()
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("open311: encode json: %w", err)
	}
	return nil
}

// lister is the generic ServiceRequests envelope, seen by Write.
type lister interface{ items() any }

func (s ServiceRequests[T]) items() any { return nonNil(s.Items) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// vietnam is the time zone of the datetimes Loa writes.
var vietnam = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return l
	}
	return time.FixedZone("ICT", 7*3600)
}()

// W3 formats t as the specification's datetimes: ISO 8601 with the zone
// (Vietnam's, +07:00), "" for the zero time.
func W3(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format(time.RFC3339)
}

func itoa(n int) string { return strconv.Itoa(n) }
