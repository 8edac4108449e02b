// Package platform holds the HTTP clients of the chat platforms the
// channels package answers on: Zalo's Official Account message API and
// OAuth token refresh, and Meta's Messenger Send API. It is the outbound
// adapter of package channels, kept apart because a domain package does
// not import net/http. Base URLs are parameters, so tests point the
// clients at local servers (package chattest); nothing here is called in
// tests beyond the machine.
package platform

import (
	"errors"
	"net/url"
)

// httpError strips the request URL from a transport error: Messenger's
// URL carries the page token, and a URL in a log would leak it.
func httpError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
