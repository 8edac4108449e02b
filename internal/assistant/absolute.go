package assistant

import "strings"

// AbsoluteText returns the answer's text with the site paths it links to
// (its sources' guides, the status page of the case a handoff opened)
// prefixed by base, the site's public address ("https://loa.gov.vn"): an
// answer read outside the site, in a chat or in the widget on a
// ministry's portal, must not say "/dich-vu/..." where that path leads
// nowhere. A path that is already absolute, or is part of a longer path,
// is left as it is; with base empty the text is unchanged.
func (a *Answer) AbsoluteText(base string) string {
	base = strings.TrimRight(base, "/")
	text := a.Answer
	for _, s := range a.Sources {
		text = absolutize(text, s.URL, base)
	}
	if a.CaseCode != "" {
		text = absolutize(text, "/phan-anh/"+a.CaseCode, base)
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
