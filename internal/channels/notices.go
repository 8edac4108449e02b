package channels

import "strconv"

// MediaNotice answers a message the assistant cannot read: an image,
// sticker, voice message, video, file, location or link sent without text.
// It asks for the question in words, and warns against sending photos of
// identity papers, which citizens often do and which nobody here reads.
const MediaNotice = "Cảm ơn bạn đã nhắn tin. Hiện trợ lý ảo chỉ đọc được tin nhắn chữ, " +
	"chưa xem được hình ảnh, nhãn dán, tin nhắn thoại, video, tệp hay vị trí. " +
	"Bạn vui lòng gõ câu hỏi của mình, ví dụ: \u201cLàm căn cước cần giấy tờ gì?\u201d. " +
	"Bạn không cần gửi ảnh giấy tờ cá nhân qua đây."

// staleChoice answers a tap on an option that is not among those last
// offered to the user (an old button, or a payload not ours to trust).
const staleChoice = "Lựa chọn này không còn trong danh sách gần nhất tôi gửi bạn. " +
	"Bạn vui lòng gõ lại câu hỏi để tôi tìm đúng thủ tục."

// numberOutOfRange answers a number that picks none of the n options
// offered.
func numberOutOfRange(n int) string {
	return "Bạn nhắn một số từ 1 đến " + strconv.Itoa(n) +
		" để chọn thủ tục trong danh sách tôi vừa gửi, hoặc gõ câu hỏi khác."
}
