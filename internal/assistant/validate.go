package assistant

import (
	"regexp"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// MaxQuestion is the longest question accepted, in characters.
const MaxQuestion = 1000

// InvalidError says why a request was refused. Message is Vietnamese and
// can be shown to the citizen; it never repeats what they typed.
type InvalidError struct {
	// Field is the request field at fault: "question", "conversation_id"
	// or "channel".
	Field   string
	Message string
}

func (e *InvalidError) Error() string { return "assistant: invalid " + e.Field + ": " + e.Message }

// The messages of InvalidError.
const (
	msgEmpty        = "Vui lòng nhập câu hỏi."
	msgTooLong      = "Câu hỏi dài quá 1.000 ký tự. Vui lòng hỏi ngắn gọn hơn."
	msgEncoding     = "Câu hỏi có ký tự không đọc được. Vui lòng gõ lại bằng tiếng Việt có dấu hoặc không dấu."
	msgControl      = "Câu hỏi có ký tự điều khiển hoặc dữ liệu không phải văn bản. Vui lòng gõ lại câu hỏi."
	msgConversation = "Mã cuộc trò chuyện không hợp lệ. Vui lòng bắt đầu cuộc trò chuyện mới."
	msgChannel      = "Kênh không hợp lệ: dùng chữ thường không dấu, ví dụ web, widget, zalo, messenger."
)

var (
	// conversationPattern is the form of the ids newConversationID makes.
	conversationPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)
	// channelPattern is the form of a channel name (the cases package's).
	channelPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
)

// DefaultChannel is the channel of a request that names none.
const DefaultChannel = "web"

// validate checks a request and returns the question normalised (NFC, one
// tone placement, white space collapsed) and the channel.
func validate(r Request) (question, channel string, err error) {
	if !utf8.ValidString(r.Question) {
		return "", "", &InvalidError{"question", msgEncoding}
	}
	for _, c := range r.Question {
		if c == utf8.RuneError || c == 0 {
			return "", "", &InvalidError{"question", msgEncoding}
		}
		if unicode.IsControl(c) && c != '\n' && c != '\r' && c != '\t' {
			return "", "", &InvalidError{"question", msgControl}
		}
	}
	question = vn.Normalize(r.Question)
	n := utf8.RuneCountInString(question)
	switch {
	case n == 0:
		return "", "", &InvalidError{"question", msgEmpty}
	case n > MaxQuestion:
		return "", "", &InvalidError{"question", msgTooLong}
	}
	if r.ConversationID != "" && !conversationPattern.MatchString(r.ConversationID) {
		return "", "", &InvalidError{"conversation_id", msgConversation}
	}
	channel = r.Channel
	if channel == "" {
		channel = DefaultChannel
	}
	if !channelPattern.MatchString(channel) {
		return "", "", &InvalidError{"channel", msgChannel}
	}
	return question, channel, nil
}
