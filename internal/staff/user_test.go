package staff

import (
	"context"
	"errors"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestNormalizeUsername(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"  Lan.Nguyen ", "lan.nguyen", nil},
		{"ĐỨC", "đức", nil},
		{"Đu\u0301c", "đúc", nil}, // combining acute → precomposed
		{"lan@ubnd01.gov.vn", "lan@ubnd01.gov.vn", nil},
		{"a_b-c", "a_b-c", nil},
		{"ab", "", ErrBadUsername},
		{"lan nguyen", "", ErrBadUsername},
		{"lan;drop", "", ErrBadUsername},
		{"", "", ErrBadUsername},
	}
	for _, tt := range tests {
		got, err := NormalizeUsername(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("NormalizeUsername(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestGetUserAndByUsername(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d, newClock())
		u := mustCreate(t, s, "Đức.Trần", RoleEditor, "UBND-01")
		if u.Username != "đức.trần" {
			t.Fatalf("stored username %q", u.Username)
		}
		got, err := s.GetUser(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *u {
			t.Errorf("GetUser = %+v, want %+v", got, u)
		}
		// Any case and normalisation finds the account.
		got, err = s.UserByUsername(ctx, "ĐU\u031B\u0301C.TRA\u0302\u0300N")
		if err != nil || got.ID != u.ID {
			t.Errorf("UserByUsername = %+v, %v", got, err)
		}
		if _, err := s.GetUser(ctx, u.ID+100); !errors.Is(err, ErrNotFound) {
			t.Errorf("GetUser(missing) = %v", err)
		}
		if _, err := s.UserByUsername(ctx, "x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("UserByUsername(invalid) = %v", err)
		}
	})
}

func TestCheckAgency(t *testing.T) {
	s := NewStore(nil)
	for _, ok := range []string{"VN", "BCA", "UBND-01", "UBND-00004"} {
		if err := s.checkAgency(ok); err != nil {
			t.Errorf("checkAgency(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "UBND 01", "ủy-ban", "a'b"} {
		if err := s.checkAgency(bad); !errors.Is(err, ErrBadAgency) {
			t.Errorf("checkAgency(%q) = %v", bad, err)
		}
	}
	known := NewStore(nil, WithKnownAgency(func(c string) bool { return c == "UBND-01" }))
	if known.checkAgency("UBND-01") != nil || known.checkAgency("VN") != nil || known.checkAgency("UBND-99") == nil {
		t.Error("WithKnownAgency not applied")
	}
}
