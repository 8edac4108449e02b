package assistant

// Request is one message of a citizen to the assistant.
type Request struct {
	// Question is the citizen's message, 1 to 1,000 characters.
	Question string `json:"question"`
	// ConversationID continues a conversation; empty starts one.
	ConversationID string `json:"conversation_id,omitempty"`
	// Channel is where the message came from: web (the default), widget,
	// zalo, messenger, or any lower-case name.
	Channel string `json:"channel,omitempty"`
}

// Status is the kind of answer.
type Status string

// The statuses of an answer.
const (
	// StatusAnswered: Sources[0] is the service the answer is about.
	StatusAnswered Status = "answered"
	// StatusClarify: two or three services are close; Options lists them.
	StatusClarify Status = "clarify"
	// StatusHandoff: the citizen is passed to a person; a case is open.
	StatusHandoff Status = "handoff"
	// StatusOutOfScope: the question is not about public services (or is
	// a greeting); the answer says what the assistant can do.
	StatusOutOfScope Status = "out_of_scope"
)

// Source is a part of a guide an answer comes from.
type Source struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// URL is the guide's path on the site, "/dich-vu/{slug}".
	URL string `json:"url"`
	// Section names the part of the guide ("Cần chuẩn bị", "Mất bao lâu")
	// or the FAQ ("Câu hỏi thường gặp: ...") the answer quotes.
	Section string `json:"section"`
}

// Option is a service a clarifying question offers, as a quick reply.
type Option struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

// Answer is the assistant's reply.
type Answer struct {
	ConversationID string `json:"conversation_id"`
	// Turn is the answer's number in the conversation, from 1: what a
	// vote on it (POST /api/v1/assistant/feedback) names.
	Turn    int      `json:"turn"`
	Status  Status   `json:"status"`
	Answer  string   `json:"answer"`
	Sources []Source `json:"sources"`
	Options []Option `json:"options"`
	// Generated says the answer was written by the optional language
	// model from Sources (and checked against them), not quoted from the
	// guide.
	Generated bool `json:"generated,omitempty"`
	// CaseCode is the tracking code of the case a handoff opened; its
	// status page is /phan-anh/{code}.
	CaseCode string `json:"case_code,omitempty"`
}
