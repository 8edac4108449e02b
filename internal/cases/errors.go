package cases

import (
	"errors"
	"fmt"

	"github.com/loa-vn/loa/internal/fielderr"
)

// Errors returned by the store. Match them with errors.Is; the web layer
// maps ErrNotFound to 404 and ErrBadTransition and ErrConflict to 409.
var (
	// ErrNotFound: no case with that code or id.
	ErrNotFound = errors.New("cases: not found")
	// ErrBadCode: the tracking code is malformed (wrong length, a character
	// outside the alphabet, a wrong check character). It is also an
	// ErrNotFound, so callers that do not care get a plain 404; a status
	// page may say "check the code" instead.
	ErrBadCode = fmt.Errorf("%w: malformed tracking code", ErrNotFound)
	// ErrBadTransition: the transition table does not allow the move.
	ErrBadTransition = errors.New("cases: transition not allowed")
	// ErrConflict: the case changed state between reading and writing.
	ErrConflict = errors.New("cases: conflict: the case was changed by someone else")
	// ErrCodesExhausted: no free tracking code was found after
	// maxCodeAttempts draws — with crypto/rand that means the random source
	// is broken, not that the codes ran out.
	ErrCodesExhausted = errors.New("cases: no free tracking code")
)

// FieldError is one problem with one input field (see fielderr).
type FieldError = fielderr.Field

// InvalidError reports input a person must correct, with one message per
// field in form order. Fields: source, channel, category, service,
// province_code, commune_code, description, contact_name, contact_phone,
// contact_email, conversation_id, agency, by.
type InvalidError = fielderr.Error[scope]

// scope names this package in its InvalidError.
type scope struct{}

// Name is the package's name.
func (scope) Name() string { return "cases" }
