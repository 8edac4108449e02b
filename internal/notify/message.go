package notify

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"
)

// vietnam is the time zone dates are written in.
var vietnam = time.FixedZone("ICT", 7*3600)

// content is the Vietnamese text of a message: only the tracking code and
// a link, no other personal data. statusURL is "" when Loa does not know
// its public address (LOA_BASE_URL); reopenUntil is set for reminders.
func content(kind Kind, code, statusURL string, reopenUntil time.Time) (subject, body string, err error) {
	where := "Quý ông/bà theo dõi tình trạng xử lý tại: " + statusURL
	if statusURL == "" {
		where = "Quý ông/bà theo dõi tình trạng xử lý bằng mã số trên tại mục Tra cứu phản ánh của Cổng thông tin Loa."
	}
	var lines []string
	switch kind {
	case KindAck:
		subject = "Đã tiếp nhận phản ánh " + code
		lines = []string{
			"Kính gửi Quý ông/bà,",
			"",
			"Phản ánh, kiến nghị của Quý ông/bà đã được tiếp nhận với mã số " + code + ".",
			"Vui lòng giữ mã số này để tra cứu kết quả xử lý.",
			where,
		}
	case KindAnswer:
		subject = "Phản ánh " + code + " đã có trả lời"
		lines = []string{
			"Kính gửi Quý ông/bà,",
			"",
			"Cơ quan có thẩm quyền đã công khai câu trả lời cho phản ánh, kiến nghị mã số " + code + ".",
			where,
			"",
			"Nếu câu trả lời chưa giải quyết được vấn đề, Quý ông/bà có thể đề nghị xem xét lại trong vòng 30 ngày kể từ ngày công khai câu trả lời.",
		}
	case KindReopenReminder:
		subject = "Sắp hết thời hạn đề nghị xem xét lại phản ánh " + code
		until := ""
		if !reopenUntil.IsZero() {
			until = " vào " + reopenUntil.In(vietnam).Format("15:04 ngày 02/01/2006")
		}
		lines = []string{
			"Kính gửi Quý ông/bà,",
			"",
			"Thời hạn đề nghị xem xét lại phản ánh, kiến nghị mã số " + code + " sẽ kết thúc" + until + ".",
			"Nếu câu trả lời chưa giải quyết được vấn đề, Quý ông/bà vui lòng cho biết trước thời hạn này.",
			where,
		}
	default:
		return "", "", fmt.Errorf("notify: no text for kind %q", kind)
	}
	lines = append(lines, "", "Đây là thư tự động, vui lòng không trả lời thư này.", "Loa — Hướng dẫn dịch vụ công trực tuyến")
	return subject, strings.Join(lines, "\r\n") + "\r\n", nil
}

// compose builds the RFC 5322 message: UTF-8 text in base64, the subject
// encoded for non-ASCII, the Message-ID fixed by the outbox, marked as
// automatic so that mail systems do not answer it.
func compose(from *mail.Address, to, messageID, subject, body string, date time.Time) []byte {
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String())
	header("To", (&mail.Address{Address: to}).String())
	header("Subject", mime.BEncoding.Encode("UTF-8", subject))
	header("Date", date.In(vietnam).Format(time.RFC1123Z))
	header("Message-ID", messageID)
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "base64")
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}
