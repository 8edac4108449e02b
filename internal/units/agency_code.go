package units

import "regexp"

// agencyCodePattern is the shape of an agency's code: an upper-case letter,
// then up to 19 upper-case letters, digits, hyphens or underscores
// ("BCA", "UBND-01").
var agencyCodePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{0,19}$`)

// ValidAgencyCode reports whether s has the form of an agency's code. It
// says nothing of whether such an agency exists: the packages that take a
// code from outside check its form here before they look it up.
func ValidAgencyCode(s string) bool { return agencyCodePattern.MatchString(s) }
