package assistant

import (
	"context"
	"sync"
	"testing"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// newTestEngine returns an engine over the demo catalogue seeded into d,
// with the real case store.
func newTestEngine(t testing.TB, d *db.DB) (*Engine, *cases.Store) {
	t.Helper()
	ctx := context.Background()
	store := catalog.NewStore(d)
	if _, err := store.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	syn := vn.DefaultSynonyms()
	index := search.New(syn)
	live := catalog.NewLive(store)
	live.OnChange(func(s *catalog.Snapshot) { index.Replace(search.CatalogDocs(s.Services)) })
	if err := live.Load(ctx); err != nil {
		t.Fatal(err)
	}
	cs := cases.NewStore(d)
	return New(d, live, index, cs, Options{Synonyms: syn}), cs
}

// demo is the demo catalogue's model and index, built once for the tests
// that need no database.
var demo = sync.OnceValues(func() (*model, *search.Index) {
	svcs, err := catalog.DemoServices()
	if err != nil {
		panic(err)
	}
	ix := search.New(vn.DefaultSynonyms())
	ix.Replace(search.CatalogDocs(svcs))
	return buildModel(catalog.NewSnapshot(1, svcs), demoSyn), ix
})

var demoSyn = vn.DefaultSynonyms()

// inContextCase is a question asked in a conversation on service ctx,
// and the service its answer should be about.
type inContextCase struct{ ctx, q, want string }

// checkInContext asks each question in a conversation on its ctx alone
// and checks that it is answered about the service wanted.
func checkInContext(t *testing.T, tests []inContextCase) {
	t.Helper()
	for _, tt := range tests {
		r := ask(State{Service: tt.ctx, Discussed: []string{tt.ctx}}, tt.q)
		if r.status != StatusAnswered || slugOf(r) != tt.want {
			t.Errorf("after %s, %q: %s %s, want %s", tt.ctx, tt.q, r.status, slugOf(r), tt.want)
		}
	}
}

// ask decides one question in state st against the demo catalogue.
func ask(st State, q string) reply {
	m, ix := demo()
	return decide(m, ix, demoSyn, st, q)
}

// askAcrossReplicas asks questions in one conversation over channel on
// two engines sharing database d, as two replicas would: the first on
// one, then the second on the other, and so on. It returns the answers
// and the first engine.
func askAcrossReplicas(t *testing.T, d *db.DB, channel string, questions ...string) ([]*Answer, *Engine) {
	t.Helper()
	one, _ := newTestEngine(t, d)
	two, _ := newTestEngine(t, d) // a second replica on the same database
	var out []*Answer
	id := ""
	for i, q := range questions {
		a, err := []*Engine{one, two}[i%2].Ask(context.Background(), Request{Question: q, ConversationID: id, Channel: channel})
		if err != nil {
			t.Fatal(err)
		}
		id = a.ConversationID
		out = append(out, a)
	}
	return out, one
}
