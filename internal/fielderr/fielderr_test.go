package fielderr

import (
	"errors"
	"fmt"
	"testing"
)

type scopeA struct{}

func (scopeA) Name() string { return "a" }

type scopeB struct{}

func (scopeB) Name() string { return "b" }

func TestError(t *testing.T) {
	e := &Error[scopeA]{Fields: []Field{{"phone", "Số điện thoại 0912345678 không hợp lệ."}, {"email", "Thiếu @."}}}
	if e.Error() != "a: invalid input: phone, email" {
		t.Errorf("Error() = %q", e.Error())
	}
	if e.Message("email") != "Thiếu @." || e.Has("name") || !e.Has("phone") {
		t.Error("Message/Has")
	}
	if e.First().Field != "phone" || (&Error[scopeA]{}).First() != (Field{}) {
		t.Error("First")
	}
	// Each scope is its own type: errors.As finds only its own.
	var err error = fmt.Errorf("wrapped: %w", e)
	var a *Error[scopeA]
	var b *Error[scopeB]
	if !errors.As(err, &a) || errors.As(err, &b) {
		t.Error("errors.As across scopes")
	}
}
