package channels

import (
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/assistant"
)

// ChatText writes an answer for a chat: plain text, links absolute (a chat
// is read outside the site, where "/dich-vu/..." leads nowhere), the
// source of an answer named with its link, the options of a clarifying
// question numbered so that the user can reply "1" or "2", and a handoff's
// case code with its status page and the hotline (the engine's handoff
// text carries them). baseURL is the site's public address.
func ChatText(a *assistant.Answer, baseURL string) string {
	base := strings.TrimRight(baseURL, "/")
	text := strings.TrimSpace(a.AbsoluteText(base))
	switch a.Status {
	case assistant.StatusAnswered:
		if len(a.Sources) > 0 {
			src := a.Sources[0]
			if link := base + src.URL; !strings.Contains(text, link) {
				text += "\n\nNguồn: " + src.Title + " – " + link
			}
		}
	case assistant.StatusClarify:
		if len(a.Options) > 0 && !strings.Contains(text, "1. "+a.Options[0].Title) {
			var b strings.Builder
			b.WriteString(text)
			b.WriteString("\n")
			for i, o := range a.Options {
				b.WriteString("\n" + strconv.Itoa(i+1) + ". " + o.Title)
			}
			b.WriteString("\n\nNhắn số thứ tự (ví dụ: 1) để chọn.")
			text = b.String()
		}
	case assistant.StatusHandoff:
		if a.CaseCode != "" && !strings.Contains(text, a.CaseCode) {
			text += "\n\nMã theo dõi: " + a.CaseCode + " – " + base + "/phan-anh/" + a.CaseCode
		}
	}
	return text
}
