package web

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// webAddress finds the http and https addresses in a text. An address
// ends at a space, a closing bracket or quote, or at a full stop, comma
// or the like that ends a sentence rather than the address.
var webAddress = regexp.MustCompile(`https?://[^\s<>"')\]]*[^\s<>"')\].,;:!?]`)

// textLinks escapes text for HTML and makes each web address in it a
// link: the assistant's answers end with the address of the whole guide,
// which a citizen on the page should be able to follow with one tap.
// Nothing else of the text becomes markup.
func textLinks(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range webAddress.FindAllStringIndex(text, -1) {
		b.WriteString(html.EscapeString(text[last:m[0]]))
		u := html.EscapeString(text[m[0]:m[1]])
		b.WriteString(`<a href="` + u + `">` + u + `</a>`)
		last = m[1]
	}
	b.WriteString(html.EscapeString(text[last:]))
	// Every piece was escaped; the only markup is the links around
	// addresses that start with http:// or https://.
	return template.HTML(b.String())
}
