package cases

import (
	"context"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// TestPublicSummaryMatchesStatus checks that the summary agrees with the
// status page on every field they share, and carries no contact detail.
func TestPublicSummaryMatchesStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := testStore(d)
		in := valid()
		in.Description = "Tôi là Nguyễn Văn An, gọi 0912345678 hoặc an@example.vn."
		in.Contact = Contact{Name: "Nguyễn Văn An", Phone: "0912345678", Email: "an@example.vn"}
		c := mustOpen(t, s, in)
		full, err := s.PublicStatus(context.Background(), c.Code)
		if err != nil {
			t.Fatal(err)
		}
		sum := PublicSummary(c)
		if sum.Code != full.Code || sum.Description != full.Description || sum.State != full.State ||
			sum.StateLabel != full.StateLabel || sum.Category != full.Category || sum.Agency != full.Agency ||
			!sum.CreatedAt.Equal(full.CreatedAt) || !sum.UpdatedAt.Equal(full.UpdatedAt) {
			t.Fatalf("summary %+v\nstatus %+v", sum, full)
		}
		for _, secret := range []string{"Nguyễn Văn An", "0912345678", "an@example.vn"} {
			if strings.Contains(sum.Description, secret) {
				t.Errorf("summary description keeps %q: %q", secret, sum.Description)
			}
		}
	})
}
