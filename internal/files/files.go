// Package files checks the files citizens upload — to a survey, with a
// report — the same way everywhere: the type is sniffed from the content
// (only PDF, JPEG and PNG are taken; the name and the browser's claimed
// type are never trusted), names are cleaned for a download header, and
// sizes are written for people in messages. It keeps no state and owns no
// table: each domain package stores its files itself.
package files

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// The file types citizens may upload, as sniffed from the content.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

// Sniff returns the type of an upload from its first bytes, using the
// same signatures as net/http.DetectContentType for these three types
// (domain packages do not import net/http), and false for anything else.
func Sniff(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return TypePDF, true
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return TypeJPEG, true
	case bytes.HasPrefix(data, []byte("\x89PNG\x0D\x0A\x1A\x0A")):
		return TypePNG, true
	}
	return "", false
}

// extensions gives the extension a stored name gets for its sniffed type.
var extensions = map[string]string{TypePDF: ".pdf", TypeJPEG: ".jpg", TypePNG: ".png"}

// CleanName keeps the base of the name a browser sent, NFC, printable and
// at most 100 characters, with the extension of the sniffed type ct: a
// name is shown to staff and sent back in Content-Disposition, so it must
// carry no path, no quote and no control character.
func CleanName(name, ct string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = vn.Normalize(path.Base(name))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"/:*?<>|`, r) {
			return '_'
		}
		return r
	}, name)
	base := strings.TrimSuffix(name, path.Ext(name))
	if base == "" || base == "." || base == "/" {
		base = "tep"
	}
	if utf8.RuneCountInString(base) > 100 {
		base = string([]rune(base)[:100])
	}
	return base + extensions[ct]
}

// FormatSize writes a size for people, the Vietnamese way: "4,8 MB",
// "320 KB".
func FormatSize(n int64) string {
	if n >= 1<<20 {
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}
