package ratings

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestLinkRatesOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk := newTestStore(t, d)
		code, l, err := s.CreateLink(ctx, NewLink{Service: "dang-ky-khai-sinh", Agency: "UBND-00004", TokenID: 7})
		if err != nil {
			t.Fatal(err)
		}
		if len(code) != 26 || strings.ToLower(code) != code {
			t.Fatalf("code %q: want 26 lower-case base32 characters (128 bits)", code)
		}
		if !l.ExpiresAt.Equal(clk.t.Add(DefaultLinkTTL)) || l.ServiceCode != "1.001193" {
			t.Fatalf("link %+v", l)
		}
		// Only the hash is stored.
		if n := countRows(t, d, "SELECT COUNT(*) FROM rating_links WHERE code_hash = ?", code); n != 0 {
			t.Fatal("the plaintext code is stored")
		}
		got, err := s.LinkByCode(ctx, strings.ToUpper(code))
		if err != nil || got.ID != l.ID || got.Used() {
			t.Fatalf("LinkByCode: %+v, %v", got, err)
		}

		// Ten citizens (or one impatient one) submit at once: one rating.
		var wg sync.WaitGroup
		errs := make([]error, 10)
		for i := range errs {
			// The link fixes service and agency, whatever the form says.
			wg.Go(func() {
				_, errs[i] = s.SubmitLink(ctx, code, Submission{Service: "1.002001", Agency: "BCA", Level: Satisfied}, "")
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, ErrLinkUsed):
				t.Fatalf("concurrent submit: %v, want nil or ErrLinkUsed", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d submissions accepted through one link, want 1", ok)
		}
		list, err := s.List(ctx, Filter{}, 0, 0)
		if err != nil || len(list) != 1 {
			t.Fatalf("list: %v, %v", list, err)
		}
		if r := list[0]; r.ServiceCode != "1.001193" || r.Agency != "UBND-00004" || r.Source != SourceLink || r.LinkID != l.ID {
			t.Fatalf("stored %+v: want the link's service and agency", r)
		}
		if got, _ := s.LinkByCode(ctx, code); !got.Used() {
			t.Fatal("the link is not marked used")
		}

		// With an idempotency key, the retry of a link's submission gets
		// the first answer, not "already used".
		code2, _, err := s.CreateLink(ctx, NewLink{Service: "1.002001", Agency: "BCA", TokenID: 7, TTL: 2 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		in := Submission{Level: VeryDissatisfied, DidNot: []Driver{DriverSpeed}}
		first, err := s.SubmitLink(ctx, code2, in, "retry-1")
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.SubmitLink(ctx, code2, in, "retry-1")
		if err != nil || !again.Replayed || again.Receipt != first.Receipt {
			t.Fatalf("retry: %+v, %v", again, err)
		}
		if _, err := s.SubmitLink(ctx, code2, in, "other-key"); !errors.Is(err, ErrLinkUsed) {
			t.Fatalf("another key on a used link: %v, want ErrLinkUsed", err)
		}

		// Expiry.
		code3, _, err := s.CreateLink(ctx, NewLink{Service: "1.002001", Agency: "BCA", TTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		clk.t = clk.t.Add(time.Hour)
		if _, err := s.SubmitLink(ctx, code3, in, ""); !errors.Is(err, ErrLinkExpired) {
			t.Fatalf("expired link: %v, want ErrLinkExpired", err)
		}
		for _, bad := range []string{"", "abc", strings.Repeat("a", 26), strings.Repeat("1", 26)} {
			if _, err := s.SubmitLink(ctx, bad, in, ""); !errors.Is(err, ErrNotFound) {
				t.Errorf("code %q: %v, want ErrNotFound", bad, err)
			}
		}
		if n := countRows(t, d, "SELECT COUNT(*) FROM ratings"); n != 2 {
			t.Fatalf("%d ratings, want 2", n)
		}
	})
}

func TestCreateLinkRefusesBadInput(t *testing.T) {
	s, _ := newTestStore(t, dbtest.SQLite(t))
	for _, tc := range []struct {
		in    NewLink
		field string
	}{
		{NewLink{Agency: "BTP"}, "service"},
		{NewLink{Service: "khong-co", Agency: "BTP"}, "service"},
		{NewLink{Service: "dang-ky-khai-sinh"}, "agency"},
		{NewLink{Service: "dang-ky-khai-sinh", Agency: "BXYZ"}, "agency"},
		{NewLink{Service: "dang-ky-khai-sinh", Agency: "BTP", TTL: time.Minute}, "ttl"},
		{NewLink{Service: "dang-ky-khai-sinh", Agency: "BTP", TTL: MaxLinkTTL + time.Hour}, "ttl"},
	} {
		_, _, err := s.CreateLink(context.Background(), tc.in)
		var inv *InvalidError
		if !errors.As(err, &inv) || inv.Message(tc.field) == "" {
			t.Errorf("%+v: %v, want a message for %s", tc.in, err, tc.field)
		}
	}
}

// A broken random source must fail loudly, not hand out a known code.
func TestCreateLinkRandomFailure(t *testing.T) {
	d := dbtest.SQLite(t)
	s := NewStore(d, WithLookups(testLookup()), WithRandom(bytes.NewReader(nil)))
	if _, _, err := s.CreateLink(context.Background(), NewLink{Service: "dang-ky-khai-sinh", Agency: "BTP"}); err == nil {
		t.Fatal("CreateLink succeeded without randomness")
	}
	// The same bytes twice: the second link collides and draws again.
	same := bytes.Repeat([]byte{1}, codeBytes*3)
	s = NewStore(d, WithLookups(testLookup()), WithRandom(bytes.NewReader(same)))
	if _, _, err := s.CreateLink(context.Background(), NewLink{Service: "dang-ky-khai-sinh", Agency: "BTP"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateLink(context.Background(), NewLink{Service: "dang-ky-khai-sinh", Agency: "BTP"}); err == nil {
		t.Fatal("two collisions in a row must fail")
	}
}
