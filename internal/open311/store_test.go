package open311

import (
	"context"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestStoreAndRequestOf stores a request's extras with its case in one
// transaction and reads them back into the public request: the address
// redacted, no contact, no media link.
func TestStoreAndRequestOf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		cs := cases.NewStore(d)
		s := NewStore(d)
		contact := cases.Contact{Name: "Nguyễn Văn An", Phone: "0912345678", Email: "an@example.vn"}
		x := Extra{HasPoint: true, Lat: 21.0285, Long: 105.8542, Address: "Nhà Nguyễn Văn An, 12 Tràng Tiền",
			AddressID: "HN-12", MediaURL: "https://example.vn/a.jpg", TokenID: 7}
		var c *cases.Case
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			var err error
			c, err = cs.OpenTx(ctx, tx, cases.NewCase{Source: cases.SourceAPI, Channel: "open311",
				Category: cases.CategoryFee, Description: "Gọi tôi: 0912345678, an@example.vn.", Contact: contact, By: "token:7"})
			if err != nil {
				return err
			}
			return s.SaveTx(ctx, tx, c.ID, x, cs.Now())
		}); err != nil {
			t.Fatal(err)
		}
		other, err := cs.Open(ctx, cases.NewCase{Source: cases.SourceWeb, Description: "Khác."})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Extras(ctx, []int64{c.ID, other.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[c.ID] != x {
			t.Fatalf("extras %+v, want only %+v", got, x)
		}
		stored, err := cs.ByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		xx := got[c.ID]
		r := RequestOf(stored, &xx)
		if r.ServiceRequestID != c.Code || r.Status != StatusOpen || r.ServiceCode != "phi" || r.Lat == nil || *r.Lat != 21.0285 ||
			r.AddressID != "HN-12" || r.RequestedDatetime == "" || r.ExpectedDatetime == "" {
			t.Errorf("request %+v", r)
		}
		all := strings.Join([]string{r.Description, r.Address, r.StatusNotes, r.ServiceNotice}, " ")
		for _, secret := range []string{"Nguyễn Văn An", "0912345678", "an@example.vn", "example.vn/a.jpg"} {
			if strings.Contains(all, secret) {
				t.Errorf("public request shows %q: %+v", secret, r)
			}
		}
		if r2 := RequestOf(other, nil); r2.Lat != nil || r2.Address != "" {
			t.Errorf("request without extras %+v", r2)
		}
		// A point-less request stores NULLs and reads back without a point.
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			return s.SaveTx(ctx, tx, other.ID, Extra{Address: "x"}, cs.Now())
		}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Extras(ctx, []int64{other.ID})
		if got[other.ID].HasPoint || got[other.ID].Address != "x" {
			t.Errorf("point-less extras %+v", got[other.ID])
		}
	})
}

func TestServiceListAndDefinition(t *testing.T) {
	list := ServiceList()
	if len(list) != len(cases.Categories()) {
		t.Fatalf("%d services for %d categories", len(list), len(cases.Categories()))
	}
	for i, s := range list {
		if s.ServiceCode != string(cases.Categories()[i]) || s.ServiceName == "" || s.Description == "" ||
			s.Type != "realtime" || !s.Metadata {
			t.Errorf("service %+v", s)
		}
		def, ok := Definition(s.ServiceCode, []Value{{Key: "01", Name: "Hà Nội"}})
		if !ok || def.ServiceCode != s.ServiceCode || len(def.Attributes) != 3 || len(def.Attributes[0].Values) != 1 {
			t.Errorf("definition %+v", def)
		}
		for j, a := range def.Attributes {
			if a.Order != j+1 || a.Code == "" || a.Description == "" {
				t.Errorf("attribute %+v", a)
			}
		}
	}
	if _, ok := Definition("pothole", nil); ok {
		t.Error("definition of an unknown service")
	}
}
