package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/vn"
)

func TestPublicStatusHidesPersonalData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		in := NewCase{
			Source: SourceWeb, Category: CategoryAttitude, ServiceSlug: "dang-ky-ket-hon", ProvinceCode: "79",
			Description: "Tôi là NGUYỄN VĂN AN, số điện thoại 0912.345.678, email An.Nguyen@Example.vn.\n" +
				"CCCD 001099012345. Cán bộ tiếp nhận không hướng dẫn.",
			Contact: Contact{Name: "Nguyễn Văn An", Phone: "+84 912 345 678", Email: "An.Nguyen@example.vn"},
		}
		c := mustOpen(t, s, in)
		if _, err := s.Transition(ctx, c.ID, Change{To: StateClassified, By: StaffActor(5),
			Note: "Đã gọi lại cho công dân theo số 0912345678.", Visibility: Internal}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, c.ID, Change{To: StateAssigned, By: StaffActor(5),
			Note: "Chuyển UBND xã; liên hệ an.nguyen@example.vn nếu cần.", Visibility: Public}); err != nil {
			t.Fatal(err)
		}
		v, err := s.PublicStatus(ctx, strings.ToLower(c.Code))
		if err != nil {
			t.Fatal(err)
		}
		if v.Code != c.Code || v.Category != CategoryAttitude || v.CategoryLabel != "Thái độ phục vụ" ||
			v.ServiceSlug != "dang-ky-ket-hon" || v.State != StateAssigned || v.StateLabel != StateAssigned.Label() ||
			!v.CreatedAt.Equal(fixedNow) {
			t.Errorf("view %+v", *v)
		}
		if len(v.Events) != 2 || v.Events[0].Kind != EventCreated || v.Events[1].State != StateAssigned ||
			v.Events[1].Label != StateAssigned.Label() {
			t.Fatalf("public events %+v; want created and assigned, not the internal one", v.Events)
		}
		if !strings.Contains(v.Description, "Cán bộ tiếp nhận không hướng dẫn.") ||
			!strings.Contains(v.Description, RedactedName) || !strings.Contains(v.Description, vn.RedactedCCCD) {
			t.Errorf("description %q: want the text kept and the personal data replaced", v.Description)
		}
		// Nothing in the view, however printed, contains the contact.
		all := fmt.Sprintf("%+v", *v)
		for _, secret := range []string{"0912", "345.678", "345678", "912 345", "An.Nguyen", "an.nguyen",
			"example.vn", "NGUYỄN VĂN AN", "Nguyễn Văn An", "001099012345", "staff:5", "Đã gọi lại"} {
			if strings.Contains(all, secret) {
				t.Errorf("public view contains %q: %s", secret, all)
			}
		}
		if _, err := s.PublicStatus(ctx, "PA-XXXXX"); !errors.Is(err, ErrNotFound) {
			t.Errorf("bad code: %v, want ErrNotFound", err)
		}
	})
}

func TestRedact(t *testing.T) {
	c := Contact{Name: "Trần Thị Bình", Phone: "0987654321", Email: "binh@example.vn"}
	tests := []struct{ in, want string }{
		{"Tôi là Trần Thị Bình.", "Tôi là [họ tên]."},
		{"tôi là trần thị bình", "tôi là [họ tên]"},
		// Only whole words: a longer word that starts with the name's last
		// is another person.
		{"Trần Thị Bìnhh và Trần Thị Bình", "Trần Thị Bìnhh và [họ tên]"},
		{"Gọi 0987 654 321 hoặc +84 987654321", "Gọi [số điện thoại] hoặc [số điện thoại]"},
		{"Mail BINH@example.vn", "Mail [email]"},
		{"Số khác 0912345678", "Số khác [số điện thoại]"},
		{"Lệ phí 150.000 đồng", "Lệ phí 150.000 đồng"},
		// A one-word name is an everyday word: not redacted.
		{"bình thường", "bình thường"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in, c); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Redact("Lê Văn Anh gặp Lê Văn An", Contact{Name: "Lê Văn An"}); got != "Lê Văn Anh gặp [họ tên]" {
		t.Errorf("whole words: %q", got)
	}
	if got := Redact("Hoa ở đây", Contact{Name: "Hoa"}); got != "Hoa ở đây" {
		t.Errorf("one-word name redacted: %q", got)
	}
}
