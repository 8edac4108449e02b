package catalog

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/staff"
)

// Services of the editorial tests: a national service done at ministry and
// province level (passports), one done at commune level, one done only at
// a ministry.
const (
	svcPassport = "T-HOCHIEU"  // BCA; bo, tinh
	svcBirth    = "T-KHAISINH" // BTP; xa
	svcExam     = "T-XETTUYEN" // BGDDT; bo
)

// Agencies: two provinces, a commune of the first.
const (
	hanoi    = "UBND-01"
	haiphong = "UBND-31"
	commune  = "UBND-00004" // in Hà Nội
)

func testParents(code string) string {
	if code == commune {
		return hanoi
	}
	return ""
}

// Staff of the tests. The IDs only need to differ: catalog never reads the
// staff tables.
var (
	admin        = &staff.User{ID: 1, Username: "dieuphoi", Role: staff.RoleAdmin, Agency: staff.National}
	bcaEditor    = &staff.User{ID: 2, Username: "bientap.bca", Role: staff.RoleEditor, Agency: "BCA"}
	bcaReviewer  = &staff.User{ID: 3, Username: "duyet.bca", Role: staff.RoleReviewer, Agency: "BCA"}
	bcaAdmin     = &staff.User{ID: 4, Username: "quantri.bca", Role: staff.RoleAgencyAdmin, Agency: "BCA"}
	hnEditor     = &staff.User{ID: 5, Username: "bientap.hanoi", Role: staff.RoleEditor, Agency: hanoi}
	hnReviewer   = &staff.User{ID: 6, Username: "duyet.hanoi", Role: staff.RoleReviewer, Agency: hanoi}
	hpEditor     = &staff.User{ID: 7, Username: "bientap.haiphong", Role: staff.RoleEditor, Agency: haiphong}
	xaEditor     = &staff.User{ID: 8, Username: "bientap.xa", Role: staff.RoleEditor, Agency: commune}
	btpEditor    = &staff.User{ID: 9, Username: "bientap.btp", Role: staff.RoleEditor, Agency: "BTP"}
	bcaEditor2   = &staff.User{ID: 10, Username: "bientap2.bca", Role: staff.RoleEditor, Agency: "BCA"}
	bcaAnalyst   = &staff.User{ID: 11, Username: "phantich.bca", Role: staff.RoleAnalyst, Agency: "BCA"}
	bcaDisabled  = &staff.User{ID: 12, Username: "nghi.bca", Role: staff.RoleEditor, Agency: "BCA", Disabled: true}
	hpReviewer   = &staff.User{ID: 13, Username: "duyet.haiphong", Role: staff.RoleReviewer, Agency: haiphong}
	hnAgencyAdm  = &staff.User{ID: 14, Username: "quantri.hanoi", Role: staff.RoleAgencyAdmin, Agency: hanoi}
	startOfTests = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// editorialStore returns a store over d with the three services, the test
// hierarchy and a clock the test controls.
func editorialStore(t *testing.T, d *db.DB, opts ...Option) (*Store, *testClock) {
	t.Helper()
	clk := &testClock{t: startOfTests}
	s := NewStore(d, append([]Option{WithParents(testParents), WithClock(clk.now)}, opts...)...)
	ctx := context.Background()
	services := []Service{
		{Code: svcPassport, Slug: "ho-chieu", Name: "Cấp hộ chiếu phổ thông", OnlineLevel: OnlineFull,
			Levels: []Level{LevelMinistry, LevelProvince}, Agencies: []string{"BCA"}},
		{Code: svcBirth, Slug: "khai-sinh", Name: "Đăng ký khai sinh", OnlineLevel: OnlineFull,
			Levels: []Level{LevelCommune}, Agencies: []string{"BTP"}},
		{Code: svcExam, Slug: "xet-tuyen", Name: "Xét tuyển đại học", OnlineLevel: OnlineFull,
			Levels: []Level{LevelMinistry}, Agencies: []string{"BGDDT"}},
	}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		for i := range services {
			if _, err := s.UpsertRecord(ctx, tx, &services[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, clk
}

// guideBody returns a valid national body whose steps are given.
func guideBody(steps ...string) Body {
	if len(steps) == 0 {
		steps = []string{"Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID", "Điền tờ khai", "Nộp lệ phí"}
	}
	return Body{
		Guide: &Guide{Summary: "Hộ chiếu để ra nước ngoài.", Steps: steps, Cost: "200.000 đồng"},
		FAQs:  []FAQ{{Question: "Làm hộ chiếu mất bao lâu?", Answer: "Không quá 8 ngày làm việc."}},
	}
}

// noteBody returns a valid local note.
func noteBody(text string) Body { return Body{Note: text} }

// mustDraft saves a new draft on the current head or fails the test.
func mustDraft(t *testing.T, s *Store, u *staff.User, code, scope string, body Body, note string) *Revision {
	t.Helper()
	ctx := context.Background()
	e, err := s.Open(ctx, u, code, scope)
	if err != nil {
		t.Fatalf("open %s@%s as %s: %v", code, scope, u.Username, err)
	}
	in := e.Input
	in.Body, in.ChangeNote = body, note
	rev, err := s.Draft(ctx, u, in)
	if err != nil {
		t.Fatalf("draft %s@%s as %s: %v", code, scope, u.Username, err)
	}
	return rev
}

// mustPublish drafts, submits and approves body: author writes, reviewer approves.
func mustPublish(t *testing.T, s *Store, author, reviewer *staff.User, code, scope string, body Body, note string) *Revision {
	t.Helper()
	ctx := context.Background()
	rev := mustDraft(t, s, author, code, scope, body, note)
	if _, err := s.Submit(ctx, author, rev.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	pub, err := s.Approve(ctx, reviewer, rev.ID, nil)
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	return pub
}

// auditEntries returns the audit log's entries about documents, oldest first.
func auditEntries(t *testing.T, d *db.DB) []audit.Entry {
	t.Helper()
	es, err := audit.NewStore(d).List(context.Background(), audit.Filter{ObjectType: AuditObject, Limit: audit.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

// publicService returns the service as the public site reads it.
func publicService(t *testing.T, s *Store, code string) Service {
	t.Helper()
	all, err := s.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range all {
		if svc.Code == code {
			return svc
		}
	}
	t.Fatalf("service %s not in All", code)
	return Service{}
}

// publicSteps returns the steps of the published guide, nil when none.
func publicSteps(t *testing.T, s *Store, code string) []string {
	t.Helper()
	svc := publicService(t, s, code)
	if svc.Guide == nil {
		return nil
	}
	return svc.Guide.Steps
}
