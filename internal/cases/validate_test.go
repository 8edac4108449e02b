package cases

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// valid is a minimal case that passes validation; tests change one field.
func valid() NewCase {
	return NewCase{Source: SourceWeb, Description: "Cổng dịch vụ công báo lỗi khi thanh toán lệ phí."}
}

func TestValidateDefaults(t *testing.T) {
	s := NewStore(nil)
	got, err := s.Validate(context.Background(), valid())
	if err != nil {
		t.Fatal(err)
	}
	if got.Category != CategoryOther || got.Channel != ChannelWeb || got.By != ActorCitizen {
		t.Fatalf("defaults: category %q channel %q by %q", got.Category, got.Channel, got.By)
	}
	in := valid()
	in.Source = SourceHotline
	in.By = StaffActor(7)
	got, err = s.Validate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Channel != ChannelPhone || got.By != "staff:7" {
		t.Fatalf("hotline defaults: channel %q by %q", got.Channel, got.By)
	}
}

func TestValidateCleans(t *testing.T) {
	in := valid()
	// Decomposed "ệ", the new tone placement "hoà", CRLF, blank lines and a
	// control character.
	in.Description = "\r\n  Xin h" + norm.NFD.String("ệ") + "  thống\t hoà\x07 giải\r\n\r\n\r\n\r\nCảm ơn.  \n\n"
	in.Contact = Contact{Name: "  nguyễn   văn an ", Phone: "+84 912 345 678", Email: "An.Nguyen@Example.VN"}
	in.ProvinceCode, in.CommuneCode = " 01 ", "00004"
	got, err := NewStore(nil).Validate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Xin hệ thống hòa giải\n\nCảm ơn."; got.Description != want {
		t.Errorf("description %q, want %q", got.Description, want)
	}
	if got.Contact.Phone != "0912345678" {
		t.Errorf("phone %q, want 0912345678", got.Contact.Phone)
	}
	if got.Contact.Email != "An.Nguyen@example.vn" {
		t.Errorf("email %q, want the domain lower-cased only", got.Contact.Email)
	}
	if got.Contact.Name != "nguyễn văn an" {
		t.Errorf("name %q", got.Contact.Name)
	}
	if got.ProvinceCode != "01" {
		t.Errorf("province %q", got.ProvinceCode)
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*NewCase)
		field  string
	}{
		{"no source", func(c *NewCase) { c.Source = "" }, "source"},
		{"bad source", func(c *NewCase) { c.Source = "fax" }, "source"},
		{"bad channel", func(c *NewCase) { c.Channel = "Zalo OA!" }, "channel"},
		{"bad category", func(c *NewCase) { c.Category = "spam" }, "category"},
		{"bad service slug", func(c *NewCase) { c.ServiceSlug = "Cấp CCCD" }, "service"},
		{"empty description", func(c *NewCase) { c.Description = "" }, "description"},
		{"blank description", func(c *NewCase) { c.Description = " \n\t \u200b\n " }, "description"},
		{"too long description", func(c *NewCase) { c.Description = strings.Repeat("ầ", MaxDescription+1) }, "description"},
		{"province of 1 digit", func(c *NewCase) { c.ProvinceCode = "1" }, "province_code"},
		{"province of 3 digits", func(c *NewCase) { c.ProvinceCode = "001" }, "province_code"},
		{"province with letters", func(c *NewCase) { c.ProvinceCode = "HN" }, "province_code"},
		{"commune of 4 digits", func(c *NewCase) { c.ProvinceCode, c.CommuneCode = "01", "0004" }, "commune_code"},
		{"commune without province", func(c *NewCase) { c.CommuneCode = "00004" }, "commune_code"},
		{"landline", func(c *NewCase) { c.Contact.Phone = "024 3823 4567" }, "contact_phone"},
		{"short phone", func(c *NewCase) { c.Contact.Phone = "091234567" }, "contact_phone"},
		{"phone with letters", func(c *NewCase) { c.Contact.Phone = "09123456ab" }, "contact_phone"},
		{"email without @", func(c *NewCase) { c.Contact.Email = "an.example.vn" }, "contact_email"},
		{"email without domain dot", func(c *NewCase) { c.Contact.Email = "an@localhost" }, "contact_email"},
		{"email with display name", func(c *NewCase) { c.Contact.Email = "An <an@example.vn>" }, "contact_email"},
		{"email with double dot", func(c *NewCase) { c.Contact.Email = "an..b@example.vn" }, "contact_email"},
		{"long name", func(c *NewCase) { c.Contact.Name = strings.Repeat("a", MaxContactName+1) }, "contact_name"},
		{"bad conversation id", func(c *NewCase) { c.ConversationID = "abc def" }, "conversation_id"},
		{"bad agency", func(c *NewCase) { c.Agency = "ubnd 01" }, "agency"},
		{"hotline without officer", func(c *NewCase) { c.Source = SourceHotline }, "by"},
		{"bad actor", func(c *NewCase) { c.By = "admin" }, "by"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := valid()
			tt.change(&in)
			_, err := NewStore(nil).Validate(context.Background(), in)
			var inv *InvalidError
			if !errors.As(err, &inv) {
				t.Fatalf("error %v, want *InvalidError", err)
			}
			if len(inv.Fields) != 1 || inv.Fields[0].Field != tt.field {
				t.Fatalf("fields %+v, want just %s", inv.Fields, tt.field)
			}
			msg := inv.Message(tt.field)
			if msg == "" || !strings.HasSuffix(msg, ".") {
				t.Errorf("message %q: want a Vietnamese sentence", msg)
			}
		})
	}
}

func TestValidateCollectsAllFields(t *testing.T) {
	in := NewCase{Source: SourceWeb, ProvinceCode: "1", Contact: Contact{Phone: "123", Email: "x"}}
	_, err := NewStore(nil).Validate(context.Background(), in)
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("error %v, want *InvalidError", err)
	}
	for _, f := range []string{"province_code", "description", "contact_phone", "contact_email"} {
		if !inv.Has(f) {
			t.Errorf("no message for %s in %v", f, inv)
		}
	}
	// The error text names fields only: no message, no value.
	if s := err.Error(); strings.Contains(s, "123") || strings.Contains(s, "Số") {
		t.Errorf("Error() = %q leaks values or messages", s)
	}
}

func TestValidateLengthCountsCharacters(t *testing.T) {
	in := valid()
	in.Description = strings.Repeat("ệ", MaxDescription) // 3 bytes each, 4,000 characters
	if _, err := NewStore(nil).Validate(context.Background(), in); err != nil {
		t.Fatalf("4,000 characters refused: %v", err)
	}
	in.Description += "ệ"
	_, err := NewStore(nil).Validate(context.Background(), in)
	var inv *InvalidError
	if !errors.As(err, &inv) || !strings.Contains(inv.Message("description"), "4.001") {
		t.Fatalf("error %v, want a description message with the count 4.001", err)
	}
}

func TestValidateChecks(t *testing.T) {
	boom := errors.New("units down")
	s := NewStore(nil, WithChecks(Checks{
		Service:  func(_ context.Context, slug string) (bool, error) { return slug == "cap-the-can-cuoc", nil },
		Province: func(_ context.Context, code string) (bool, error) { return code == "01", nil },
		Commune: func(_ context.Context, p, c string) (bool, error) {
			if c == "99999" {
				return false, boom
			}
			return p == "01" && c == "00004", nil
		},
		Agency: func(_ context.Context, code string) (bool, error) { return code == "UBND-01", nil },
	}))
	ok := valid()
	ok.ServiceSlug, ok.ProvinceCode, ok.CommuneCode, ok.Agency = "cap-the-can-cuoc", "01", "00004", "UBND-01"
	if _, err := s.Validate(context.Background(), ok); err != nil {
		t.Fatalf("known values refused: %v", err)
	}
	for field, change := range map[string]func(*NewCase){
		"service":       func(c *NewCase) { c.ServiceSlug = "khong-co" },
		"province_code": func(c *NewCase) { c.ProvinceCode = "99" },
		"commune_code":  func(c *NewCase) { c.CommuneCode = "00007" },
		"agency":        func(c *NewCase) { c.Agency = "UBND-99" },
	} {
		in := ok
		change(&in)
		_, err := s.Validate(context.Background(), in)
		var inv *InvalidError
		if !errors.As(err, &inv) || !inv.Has(field) {
			t.Errorf("%s: error %v, want a message for it", field, err)
		}
	}
	in := ok
	in.CommuneCode = "99999"
	if _, err := s.Validate(context.Background(), in); !errors.Is(err, boom) {
		t.Errorf("a failing check gave %v, want it wrapped", err)
	}
}
