package ratings

// Source is where a rating was given.
type Source string

// The sources.
const (
	// SourcePage: the form under a guide on the site.
	SourcePage Source = "page"
	// SourceAssistant: the rating offered at the end of an assistant answer
	// (the widget, the assistant page).
	SourceAssistant Source = "assistant"
	// SourceLink: a one-time link an agency's system sent after a dossier.
	SourceLink Source = "link"
	// SourceAPI: another system posting to the API.
	SourceAPI Source = "api"
)

// Valid reports whether s is a known source.
func (s Source) Valid() bool {
	switch s {
	case SourcePage, SourceAssistant, SourceLink, SourceAPI:
		return true
	}
	return false
}
