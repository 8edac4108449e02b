package assistant

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// addService publishes a new service and reloads the catalogue.
func addService(t *testing.T, d *db.DB, store *catalog.Store, live *catalog.Live) {
	t.Helper()
	ctx := context.Background()
	svc := &catalog.Service{
		Code: "9.999999", Slug: "cap-giay-phep-nuoi-ong", Name: "Cấp giấy phép nuôi ong mật",
		Field: "Nông nghiệp", OnlineLevel: catalog.OnlinePartial, Levels: []catalog.Level{catalog.LevelCommune},
		Keywords: []string{"nuôi ong", "trại ong mật"},
	}
	if err := d.InTx(ctx, func(tx *db.Tx) error { _, err := store.UpsertRecord(ctx, tx, svc); return err }); err != nil {
		t.Fatal(err)
	}
	if err := live.Load(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestEngineFollowsTheCatalogue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		store := catalog.NewStore(d)
		if _, err := store.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		syn := vn.DefaultSynonyms()
		index := search.New(syn)
		live := catalog.NewLive(store)
		e := New(d, live, index, cases.NewStore(d), Options{Synonyms: syn})
		live.OnChange(func(s *catalog.Snapshot) { index.Replace(search.CatalogDocs(s.Services)) })
		live.OnChange(e.Refresh)
		if err := live.Load(ctx); err != nil {
			t.Fatal(err)
		}
		q := Request{Question: "xin giấy phép nuôi ong mật"}
		if a, err := e.Ask(ctx, q); err != nil || a.Status == StatusAnswered {
			t.Fatalf("before: %+v %v", a, err)
		}
		addService(t, d, store, live)
		a, err := e.Ask(ctx, q)
		if err != nil || a.Status != StatusAnswered || a.Sources[0].Slug != "cap-giay-phep-nuoi-ong" {
			t.Fatalf("after: %+v %v", a, err)
		}
	})
}

func TestEngineRebuildsInTheBackground(t *testing.T) {
	d := dbtest.SQLite(t)
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
	e := New(d, live, index, cases.NewStore(d), Options{Synonyms: syn}) // Refresh not registered
	if _, err := e.Ask(ctx, Request{Question: "đăng ký kết hôn"}); err != nil {
		t.Fatal(err)
	}
	addService(t, d, store, live)
	deadline := time.Now().Add(10 * time.Second)
	for {
		a, err := e.Ask(ctx, Request{Question: "xin giấy phép nuôi ong mật"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status == StatusAnswered && a.Sources[0].Slug == "cap-giay-phep-nuoi-ong" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the new service is not answered: %+v", a)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
