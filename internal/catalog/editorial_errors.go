package catalog

import "strings"

// EditorialError is a refusal of the editorial workflow that the person
// acting should read: Message is Vietnamese and ready to show. Compare with
// errors.Is against the sentinels below; a refusal with a more specific
// message still matches the sentinel of its Code.
type EditorialError struct {
	// Code is stable, for the web layer to choose a status: "conflict"
	// (409), "forbidden" (403), "self_approval" (403), "state" (409),
	// "invalid" (422).
	Code string
	// Message is the Vietnamese explanation.
	Message string
	// Problems lists what to correct, one per field, for Code "invalid".
	Problems []Problem
}

// Problem is one thing wrong with submitted content.
type Problem struct {
	// Field is a path into Body ("guide.summary", "guide.steps", "faqs[2].answer").
	Field string `json:"field"`
	// Message is Vietnamese and names the place for a person ("Câu hỏi thứ 3: …").
	Message string `json:"message"`
}

func (e *EditorialError) Error() string {
	msg := e.Message
	if len(e.Problems) > 0 {
		parts := make([]string, len(e.Problems))
		for i, p := range e.Problems {
			parts[i] = p.Message
		}
		msg += " " + strings.Join(parts, " ")
	}
	return "catalog: " + e.Code + ": " + msg
}

// Is matches any EditorialError with the same Code, so that
// errors.Is(err, ErrConflict) holds for every kind of conflict.
func (e *EditorialError) Is(target error) bool {
	t, ok := target.(*EditorialError)
	return ok && t.Code == e.Code
}

// The editorial refusals. Functions may return a variant with a message
// fitted to the case; errors.Is matches it to these.
var (
	// ErrConflict: the document or the draft changed since the editor opened
	// it. Nothing was written.
	ErrConflict = &EditorialError{Code: "conflict", Message: "Hướng dẫn đã được người khác thay đổi sau khi bạn mở ra. " +
		"Nội dung của bạn chưa được lưu và không có gì bị ghi đè. Hãy mở lại trang soạn thảo để xem thay đổi mới rồi sửa tiếp."}
	// ErrForbidden: the actor lacks the permission or the scope.
	ErrForbidden = &EditorialError{Code: "forbidden", Message: "Bạn không có quyền thực hiện thao tác này với hướng dẫn này. " +
		"Bộ, ngành biên tập hướng dẫn chung của thủ tục thuộc mình; tỉnh, xã chỉ biên tập ghi chú địa phương của chính mình."}
	// ErrSelfApproval: a reviewer tried to approve their own revision.
	ErrSelfApproval = &EditorialError{Code: "self_approval", Message: "Bạn không thể tự duyệt bản do chính mình soạn. " +
		"Hãy nhờ một người duyệt khác trong đơn vị."}
	// ErrState: the revision is not in a state that allows the operation
	// (approving a draft that was not submitted, editing a published text).
	ErrState = &EditorialError{Code: "state", Message: "Bản này không ở trạng thái cho phép thao tác đó. Hãy tải lại trang để xem trạng thái mới nhất."}
	// ErrInvalidContent: the content or a note fails validation; see Problems.
	ErrInvalidContent = &EditorialError{Code: "invalid", Message: "Nội dung chưa hợp lệ."}
)

// refuse returns a variant of a sentinel with its own message.
func refuse(sentinel *EditorialError, message string) *EditorialError {
	return &EditorialError{Code: sentinel.Code, Message: message}
}

// invalid returns ErrInvalidContent with the problems found, or nil.
func invalid(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return &EditorialError{Code: ErrInvalidContent.Code, Message: ErrInvalidContent.Message, Problems: problems}
}
