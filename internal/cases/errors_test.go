package cases

import (
	"errors"
	"testing"
)

func TestErrBadCodeIsNotFound(t *testing.T) {
	if !errors.Is(ErrBadCode, ErrNotFound) {
		t.Fatal("ErrBadCode is not an ErrNotFound: callers mapping ErrNotFound to 404 would miss it")
	}
	if errors.Is(ErrNotFound, ErrBadCode) {
		t.Fatal("ErrNotFound is an ErrBadCode")
	}
}

func TestInvalidError(t *testing.T) {
	e := &InvalidError{Fields: []FieldError{{Field: "description", Message: "Vui lòng nhập nội dung phản ánh."}, {Field: "contact_phone", Message: "Sai."}}}
	if e.Error() != "cases: invalid input: description, contact_phone" {
		t.Errorf("Error() = %q", e.Error())
	}
	if e.Message("contact_phone") != "Sai." || e.Message("category") != "" || !e.Has("description") || e.Has("x") {
		t.Error("Message/Has wrong")
	}
}
