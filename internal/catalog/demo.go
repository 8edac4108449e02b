package catalog

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// demoFiles is the demo catalogue: one JSON file per service, embedded so
// that `loa serve` works from any directory.
//
//go:embed demo/services/*.json
var demoFiles embed.FS

// DemoServices returns the embedded demo services, sorted by slug.
func DemoServices() ([]Service, error) {
	names, err := fs.Glob(demoFiles, "demo/services/*.json")
	if err != nil {
		return nil, fmt.Errorf("catalog: demo: %w", err)
	}
	out := make([]Service, 0, len(names))
	for _, name := range names {
		b, err := demoFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("catalog: demo %s: %w", path.Base(name), err)
		}
		var svc Service
		if err := json.Unmarshal(b, &svc); err != nil {
			return nil, fmt.Errorf("catalog: demo %s: %w", path.Base(name), err)
		}
		out = append(out, svc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out, nil
}

// SeedDemo writes the demo services with their guides and FAQs in one
// transaction. It is idempotent: records already identical stay untouched.
// Guides and FAQs go through the editorial history as revisions published
// by the system (see seedDocument), so their history starts at version 1
// and a person's later publication is never overwritten by a new seed.
func (s *Store) SeedDemo(ctx context.Context) (int, error) {
	services, err := DemoServices()
	if err != nil {
		return 0, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		for i := range services {
			svc := &services[i]
			if _, err := s.UpsertRecord(ctx, tx, svc); err != nil {
				return err
			}
			if svc.Guide != nil {
				if err := s.seedDocument(ctx, tx, svc.Code, Body{Guide: svc.Guide, FAQs: svc.FAQs}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("catalog: seed demo: %w", err)
	}
	return len(services), nil
}

// seedDemoNote is the change note of the system's demo revisions.
const seedDemoNote = "Nội dung minh hoạ (demo) do Loa nạp sẵn."

// seedDocument publishes body as the national document of a service by the
// system, unless the document's latest publication already has this
// content or was made by a person (who then owns the text).
func (s *Store) seedDocument(ctx context.Context, tx *db.Tx, code string, body Body) error {
	body = body.clone()
	body.Normalize()
	if err := body.Validate(""); err != nil {
		return fmt.Errorf("catalog: seed guide of %s: %w", code, err)
	}
	head, err := headRevision(ctx, tx, code, "")
	if err != nil {
		return err
	}
	base := 0
	if head != nil {
		if head.AuthorID != 0 || head.AuthorName != audit.System.Name || head.State != StatePublished {
			return nil
		}
		want, _, err := encodeBody(&body)
		if err != nil {
			return err
		}
		have, _, err := encodeBody(&head.Body)
		if err != nil {
			return err
		}
		if want == have {
			return nil
		}
		base = head.Version
	}
	o, err := loadOwner(ctx, tx, code)
	if err != nil {
		return err
	}
	now := s.clock()
	rev := &Revision{ServiceCode: code, State: StateInReview, Body: body, ChangeNote: seedDemoNote,
		AuthorName: audit.System.Name, AuthorAgency: audit.System.Agency,
		CreatedAt: now, UpdatedAt: now, Saves: 1, BaseVersion: base, SubmittedAt: now}
	if err := insertRevision(ctx, tx, rev); err != nil {
		return err
	}
	after := *rev
	_, err = s.publish(ctx, tx, nil, o, rev, &after, now, seedDemoNote)
	return err
}
