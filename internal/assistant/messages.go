package assistant

import (
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/catalog"
)

// word turns a decision into the answer the citizen reads. A handoff's
// text is written once its case is open (handoffText).
func (e *Engine) word(m *model, r reply) *Answer {
	ans := &Answer{Status: r.status, Sources: []Source{}, Options: []Option{}}
	switch r.status {
	case StatusAnswered:
		ans.Answer = answerText(r.svc, r.parts, e.opts.BaseURL)
		ans.Sources = append(ans.Sources, Source{Slug: r.svc.Slug, Title: r.svc.Name,
			URL: serviceURL(r.svc.Slug), Section: sectionLabel(r.parts)})
	case StatusClarify:
		var b strings.Builder
		if r.weak {
			b.WriteString("Tôi chưa chắc bạn hỏi về thủ tục nào. Có phải một trong các thủ tục sau không?")
		} else {
			b.WriteString("Bạn muốn hỏi về thủ tục nào?")
		}
		b.WriteString(" Nhắn số thứ tự hoặc chọn một thủ tục:")
		for i, svc := range r.options {
			b.WriteString("\n")
			b.WriteString(optionLabel(i, svc))
			ans.Options = append(ans.Options, Option{Slug: svc.Slug, Title: svc.Name})
		}
		ans.Answer = b.String()
	case StatusOutOfScope:
		if r.unplaced {
			ans.Answer = "Bạn muốn hỏi về thủ tục nào? Bạn nhắn kèm tên thủ tục hoặc việc cần làm, " +
				"ví dụ \u201clàm hộ chiếu mất bao lâu\u201d, tôi sẽ trả lời ngay. " + e.canDo(m)
			return ans
		}
		switch r.smallTalk {
		case greeting:
			ans.Answer = "Xin chào! Tôi là trợ lý ảo về thủ tục hành chính và dịch vụ công trực tuyến. " + e.canDo(m)
		case thanks:
			ans.Answer = "Rất vui được giúp bạn! Cần hỏi thêm thủ tục nào, bạn cứ nhắn nhé."
		case aboutSelf:
			ans.Answer = "Tôi là trợ lý ảo về thủ tục hành chính và dịch vụ công trực tuyến: một chương trình máy tính, không phải người. " +
				"Tôi trả lời theo các hướng dẫn đăng trên cổng này, kèm đường dẫn để bạn đọc đầy đủ. " + e.canDo(m) +
				" Muốn gặp cán bộ, bạn nhắn \u201cgặp cán bộ\u201d."
		default:
			ans.Answer = "Xin lỗi, câu hỏi này nằm ngoài phạm vi của tôi: tôi là trợ lý ảo về thủ tục hành chính và dịch vụ công trực tuyến. " +
				e.canDo(m) + " Muốn gặp cán bộ, bạn nhắn \u201cgặp cán bộ\u201d."
		}
	}
	return ans
}

// canDo says what the assistant can do, with examples from the most used
// services of the catalogue.
func (e *Engine) canDo(m *model) string {
	var names []string
	if m != nil {
		for _, svc := range m.svcs {
			names = append(names, lowerFirst(svc.Name))
			if len(names) == 3 {
				break
			}
		}
	}
	s := "Tôi có thể giúp bạn tìm đúng thủ tục"
	if len(names) > 0 {
		s += " (ví dụ: " + strings.Join(names, "; ") + ")"
	}
	return s + " và cho biết cần chuẩn bị giấy tờ gì, các bước làm, lệ phí, thời gian giải quyết và nơi nộp trực tuyến."
}

// lowerFirst lowers the first letter of a service name for use mid-sentence.
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// handoffText tells the citizen their case was opened: its code, how and
// when staff answer, where to follow it, and the hotline.
func (e *Engine) handoffText(why handoffReason, code string) string {
	var b strings.Builder
	if why == handoffMisses {
		b.WriteString("Xin lỗi, tôi chưa tìm được câu trả lời phù hợp cho bạn. ")
	}
	b.WriteString("Tôi đã chuyển câu hỏi của bạn đến cán bộ hỗ trợ. Mã theo dõi của bạn: ")
	b.WriteString(code)
	b.WriteString(".\nCán bộ sẽ đọc nội dung cuộc trò chuyện và trả lời ")
	b.WriteString(e.opts.ReplyTime)
	b.WriteString(" tại trang theo dõi ")
	b.WriteString(e.opts.BaseURL)
	b.WriteString("/phan-anh/")
	b.WriteString(code)
	b.WriteString(" — hãy lưu mã trên để xem tình trạng và câu trả lời.\nCần hỗ trợ gấp, bạn gọi tổng đài ")
	b.WriteString(e.opts.Hotline)
	b.WriteString(" (")
	b.WriteString(e.opts.HotlineHours)
	b.WriteString(").")
	return b.String()
}

// maxCaseDescription is the cases package's limit on a description.
const maxCaseDescription = 4000

// caseDescription is the handoff case's text: why, where from, and the
// citizen's recent questions (already redacted).
func caseDescription(why handoffReason, channel string, questions []string) string {
	var b strings.Builder
	if why == handoffMisses {
		b.WriteString("Trợ lý ảo không trả lời được hai lần liên tiếp")
	} else {
		b.WriteString("Người dân đề nghị gặp cán bộ")
	}
	b.WriteString(" (kênh ")
	b.WriteString(channel)
	b.WriteString("). Các câu hỏi gần nhất trong cuộc trò chuyện:")
	for _, q := range questions {
		b.WriteString("\n- ")
		b.WriteString(q)
	}
	s := b.String()
	if r := []rune(s); len(r) > maxCaseDescription {
		s = string(r[:maxCaseDescription-1]) + "…"
	}
	return s
}

// optionLabel is an option as a clarifying question lists it.
func optionLabel(i int, svc *catalog.Service) string {
	return strconv.Itoa(i+1) + ". " + svc.Name
}
