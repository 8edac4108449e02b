package cases

import (
	"log/slog"
	"strings"
	"unicode/utf8"
)

// Contact is how a citizen may be reached about their case. All of it is
// optional (an e-mail is needed only for a reply by e-mail) and all of it is
// personal data: it lives in its own columns, never appears in a public
// view, and prints masked — String and LogValue mask, so a Contact that
// reaches a log or a %v by mistake does not leak. Show the full value only
// where a person needs it, by reading the fields on purpose.
type Contact struct {
	Name string
	// Phone is a Vietnamese mobile number, stored as ten digits starting
	// with 0 whatever form it was typed in.
	Phone string
	Email string
}

// IsZero reports whether no contact detail was given.
func (c Contact) IsZero() bool { return c.Name == "" && c.Phone == "" && c.Email == "" }

// Masked returns the contact with every field masked, for lists and for
// staff who have not asked to see more.
func (c Contact) Masked() Contact {
	return Contact{Name: MaskName(c.Name), Phone: MaskPhone(c.Phone), Email: MaskEmail(c.Email)}
}

// String returns the masked contact, so fmt never prints the real one.
func (c Contact) String() string {
	m := c.Masked()
	return "{" + m.Name + " " + m.Phone + " " + m.Email + "}"
}

// LogValue makes slog log the masked contact.
func (c Contact) LogValue() slog.Value {
	m := c.Masked()
	return slog.GroupValue(slog.String("name", m.Name), slog.String("phone", m.Phone),
		slog.String("email", m.Email))
}

// MaskPhone keeps the first three and the last three characters of a phone
// number and hides the rest: "0912345678" → "091****678". Numbers too short
// to keep six characters are hidden whole.
func MaskPhone(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	if n < 8 {
		return strings.Repeat("*", n)
	}
	r := []rune(s)
	return string(r[:3]) + strings.Repeat("*", n-6) + string(r[n-3:])
}

// MaskEmail keeps the first one or two characters of the mailbox and the
// whole domain, and puts a fixed "***" in between so the length is not
// given away: "nguyenvana@gmail.com" → "ng***@gmail.com". Without an "@"
// the whole value is hidden.
func MaskEmail(s string) string {
	if s == "" {
		return ""
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return "***"
	}
	local := []rune(s[:at])
	keep := 1
	if len(local) >= 4 {
		keep = 2
	}
	return string(local[:keep]) + "***" + s[at:]
}

// MaskName keeps the first word of a name (in Vietnamese the family name,
// shared by millions) and reduces the others to initials: "Nguyễn Văn An" →
// "Nguyễn V. A.". A one-word name keeps its first letter.
func MaskName(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	initial := func(w string) string {
		r, _ := utf8.DecodeRuneInString(w)
		return string(r) + "."
	}
	if len(words) == 1 {
		return initial(words[0])
	}
	out := []string{words[0]}
	for _, w := range words[1:] {
		out = append(out, initial(w))
	}
	return strings.Join(out, " ")
}
