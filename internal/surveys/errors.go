package surveys

import (
	"errors"

	"github.com/loa-vn/loa/internal/fielderr"
)

// Errors returned by the store. Match them with errors.Is.
var (
	// ErrNotFound: no survey, version, response or file with that id.
	ErrNotFound = errors.New("surveys: not found")
	// ErrSlugTaken: another survey has the address.
	ErrSlugTaken = errors.New("surveys: slug taken")
	// ErrClosed: the survey takes no responses (closed, or never published).
	ErrClosed = errors.New("surveys: survey not open")
	// ErrAlreadyResponded: the survey accepts one response per identity and
	// this identity has one.
	ErrAlreadyResponded = errors.New("surveys: identity already responded")
)

// InvalidError reports answers or fields a person must correct, one
// message per field in form order. It never repeats a value.
type InvalidError = fielderr.Error[scope]

// scope names this package in its InvalidError.
type scope struct{}

// Name is the package's name.
func (scope) Name() string { return "surveys" }
