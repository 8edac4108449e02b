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
	text := strings.TrimSpace(a.Answer)
	var paths []string
	for _, s := range a.Sources {
		paths = append(paths, s.URL)
	}
	if a.CaseCode != "" {
		paths = append(paths, "/phan-anh/"+a.CaseCode)
	}
	for _, p := range paths {
		text = absolutize(text, p, base)
	}
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

// absolutize prefixes base to every occurrence of the site path p that
// stands alone (after a space or at the start, and not followed by more of
// a path), leaving links that are already absolute as they are.
func absolutize(text, p, base string) string {
	if base == "" || !strings.HasPrefix(p, "/") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, p)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := i + len(p)
		alone := (i == 0 || isSpaceOrOpen(text[i-1])) && (end == len(text) || !isPathByte(text[end]))
		b.WriteString(text[:i])
		if alone {
			b.WriteString(base)
		}
		b.WriteString(p)
		text = text[end:]
	}
}

func isSpaceOrOpen(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '('
}

func isPathByte(c byte) bool {
	return c == '-' || c == '/' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
