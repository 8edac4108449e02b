package db_test

import (
	"context"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

func TestMeta(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, ok, err := d.Meta(ctx, "k"); err != nil || ok {
			t.Fatalf("Meta on empty = ok %v, err %v", ok, err)
		}
		for _, v := range []string{"a", "b"} {
			if err := db.SetMeta(ctx, d, "k", v); err != nil {
				t.Fatal(err)
			}
			got, ok, err := d.Meta(ctx, "k")
			if err != nil || !ok || got != v {
				t.Fatalf("Meta = %q %v %v, want %q", got, ok, err, v)
			}
		}
	})
}
