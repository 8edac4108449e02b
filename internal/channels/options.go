package channels

import (
	"encoding/json"
	"fmt"

	"github.com/loa-vn/loa/internal/assistant"
)

// encodeOptions and decodeOptions keep a reply's options in
// channel_messages.options until the reply is delivered: a retried job
// offers the same quick replies.
func encodeOptions(options []assistant.Option) (string, error) {
	if len(options) == 0 {
		return "", nil
	}
	b, err := json.Marshal(options)
	if err != nil {
		return "", fmt.Errorf("channels: encode options: %w", err)
	}
	return string(b), nil
}

func decodeOptions(s string) ([]assistant.Option, error) {
	if s == "" {
		return nil, nil
	}
	var out []assistant.Option
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("channels: decode options: %w", err)
	}
	return out, nil
}
