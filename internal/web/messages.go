package web

import (
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed i18n/*.json
var messageFiles embed.FS

// Messages is the interface text of one language, by key. Templates call
// the t template function; keeping every string here lets a second language follow.
type Messages map[string]string

// LoadMessages reads the catalogue of a language ("vi").
func LoadMessages(lang string) (Messages, error) {
	b, err := messageFiles.ReadFile("i18n/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("web: messages %s: %w", lang, err)
	}
	var m Messages
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("web: messages %s: %w", lang, err)
	}
	return m, nil
}

// T returns the text for key; a missing key shows the key itself so it is
// noticed (a test checks that every key used exists).
func (m Messages) T(key string) string {
	if s, ok := m[key]; ok {
		return s
	}
	return key
}

// Tf formats the text for key with args.
func (m Messages) Tf(key string, args ...any) string {
	return fmt.Sprintf(m.T(key), args...)
}
