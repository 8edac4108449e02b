package open311

import "encoding/xml"

// The wire types. Each carries the specification's element names for XML
// and the same names for JSON; the documents that are lists in JSON (the
// Spark convention drops the root element of a list) are envelopes whose
// JSON form is their items (see Write).

// Specification identifies GeoReport v2 in the discovery document.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// Discovery is the service discovery document (/open311/discovery.{format}).
type Discovery struct {
	XMLName    xml.Name   `json:"-" xml:"discovery"`
	Changeset  string     `json:"changeset" xml:"changeset"`
	Contact    string     `json:"contact" xml:"contact"`
	KeyService string     `json:"key_service" xml:"key_service"`
	Endpoints  []Endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

// Endpoint is one API endpoint of a discovery document.
type Endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

// Service is one request type of GET services.
type Service struct {
	ServiceCode string `json:"service_code" xml:"service_code"`
	ServiceName string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	Metadata    bool   `json:"metadata" xml:"metadata"`
	// Type is "realtime", "batch" or "blackbox"; Loa's are realtime.
	Type     string `json:"type" xml:"type"`
	Keywords string `json:"keywords" xml:"keywords"`
	Group    string `json:"group" xml:"group"`
}

// Services is the response of GET services: <services><service>…
type Services struct {
	XMLName xml.Name  `xml:"services"`
	Items   []Service `xml:"service"`
}

// ServiceDefinition is the response of GET services/{code}.
type ServiceDefinition struct {
	XMLName     xml.Name    `json:"-" xml:"service_definition"`
	ServiceCode string      `json:"service_code" xml:"service_code"`
	Attributes  []Attribute `json:"attributes" xml:"attributes>attribute"`
}

// The datatypes of an attribute.
const (
	TypeString          = "string"
	TypeNumber          = "number"
	TypeDatetime        = "datetime"
	TypeText            = "text"
	TypeSingleValueList = "singlevaluelist"
	TypeMultiValueList  = "multivaluelist"
)

// Attribute is one extra field of a service definition.
type Attribute struct {
	Variable            bool    `json:"variable" xml:"variable"`
	Code                string  `json:"code" xml:"code"`
	Datatype            string  `json:"datatype" xml:"datatype"`
	Required            bool    `json:"required" xml:"required"`
	DatatypeDescription string  `json:"datatype_description" xml:"datatype_description"`
	Order               int     `json:"order" xml:"order"`
	Description         string  `json:"description" xml:"description"`
	Values              []Value `json:"values,omitempty" xml:"values>value,omitempty"`
}

// Value is one choice of a list attribute.
type Value struct {
	Key  string `json:"key" xml:"key"`
	Name string `json:"name" xml:"name"`
}

// Request is one service request as GET requests and GET requests/{id}
// return it: only what the public status page shows.
type Request struct {
	ServiceRequestID  string   `json:"service_request_id" xml:"service_request_id"`
	Status            string   `json:"status" xml:"status"`
	StatusNotes       string   `json:"status_notes,omitempty" xml:"status_notes,omitempty"`
	ServiceName       string   `json:"service_name" xml:"service_name"`
	ServiceCode       string   `json:"service_code" xml:"service_code"`
	Description       string   `json:"description" xml:"description"`
	AgencyResponsible string   `json:"agency_responsible,omitempty" xml:"agency_responsible,omitempty"`
	ServiceNotice     string   `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	RequestedDatetime string   `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   string   `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  string   `json:"expected_datetime,omitempty" xml:"expected_datetime,omitempty"`
	Address           string   `json:"address,omitempty" xml:"address,omitempty"`
	AddressID         string   `json:"address_id,omitempty" xml:"address_id,omitempty"`
	Lat               *float64 `json:"lat,omitempty" xml:"lat,omitempty"`
	Long              *float64 `json:"long,omitempty" xml:"long,omitempty"`
}

// Created is the answer to POST requests: the new request's id (Loa's
// services are realtime, so never a token) and what happens next.
type Created struct {
	ServiceRequestID string `json:"service_request_id,omitempty" xml:"service_request_id,omitempty"`
	Token            string `json:"token,omitempty" xml:"token,omitempty"`
	ServiceNotice    string `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	AccountID        string `json:"account_id,omitempty" xml:"account_id,omitempty"`
}

// TokenResult is the answer to GET tokens/{token}.
type TokenResult struct {
	ServiceRequestID string `json:"service_request_id" xml:"service_request_id"`
	Token            string `json:"token" xml:"token"`
}

// ServiceRequests is the envelope of the requests, POST and token answers:
// <service_requests><request>…
type ServiceRequests[T any] struct {
	XMLName xml.Name `xml:"service_requests"`
	Items   []T      `xml:"request"`
}

// Update is one line of mySociety's Service Request Updates.
type Update struct {
	UpdateID         string `json:"update_id" xml:"update_id"`
	ServiceRequestID string `json:"service_request_id" xml:"service_request_id"`
	Status           string `json:"status" xml:"status"`
	UpdatedDatetime  string `json:"updated_datetime" xml:"updated_datetime"`
	Description      string `json:"description" xml:"description"`
	MediaURL         string `json:"media_url" xml:"media_url"`
}

// Updates is the envelope of the updates:
// <service_request_updates><request_update>…
type Updates struct {
	XMLName xml.Name `xml:"service_request_updates"`
	Items   []Update `xml:"request_update"`
}

// Error is one error of the specification's error format.
type Error struct {
	// Code is the HTTP status for the standard errors, or a more precise
	// code the specification allows.
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

// Errors is the envelope of an error response: <errors><error>…
type Errors struct {
	XMLName xml.Name `xml:"errors"`
	Items   []Error  `xml:"error"`
}

// Error makes Errors an error, so parsers can return it; it names the
// codes only.
func (e *Errors) Error() string {
	s := "open311: request refused:"
	for _, it := range e.Items {
		s += " " + itoa(it.Code)
	}
	return s
}

// Status is the HTTP status for the errors: 403 if any is about the key,
// 404 if any is about something not found, 400 otherwise.
func (e *Errors) Status() int {
	st := 400
	for _, it := range e.Items {
		switch {
		case it.Code == 403:
			return 403
		case it.Code == 404:
			st = 404
		case it.Code == 429 || it.Code == 413 || it.Code >= 500:
			if st == 400 {
				st = it.Code
			}
		}
	}
	return st
}

// Fail builds Errors of one error.
func Fail(code int, description string) *Errors {
	return &Errors{Items: []Error{{Code: code, Description: description}}}
}
