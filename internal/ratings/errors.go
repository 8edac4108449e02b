package ratings

import (
	"errors"

	"github.com/loa-vn/loa/internal/fielderr"
)

// Errors returned by the store; match them with errors.Is.
var (
	// ErrNotFound: no rating link with that code.
	ErrNotFound = errors.New("ratings: not found")
	// ErrLinkUsed: the one-time link has already been used to rate.
	ErrLinkUsed = errors.New("ratings: rating link already used")
	// ErrLinkExpired: the link is past its expiry.
	ErrLinkExpired = errors.New("ratings: rating link expired")
	// ErrKeyReused: an idempotency key came back with a different
	// submission; the web layer answers 422 rather than replaying an
	// answer that belongs to another submission.
	ErrKeyReused = errors.New("ratings: idempotency key reused for a different submission")
)

// FieldError is one problem with one input field (see fielderr).
type FieldError = fielderr.Field

// InvalidError reports input a person must correct, one message per field
// in form order. Fields: service, agency, level, went_well, did_not,
// comment, source, idempotency_key, ttl.
type InvalidError = fielderr.Error[scope]

// scope names this package in its InvalidError.
type scope struct{}

// Name is the package's name.
func (scope) Name() string { return "ratings" }
