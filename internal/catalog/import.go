package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/loa-vn/loa/internal/db"
)

// ErrInvalid is returned by Import when records are invalid and the caller
// did not ask to skip them; nothing was written.
var ErrInvalid = errors.New("catalog: import: invalid records; nothing was changed")

// errSlugTaken marks a record whose slug belongs to another service. It is
// detected before any write, so the transaction stays usable and the record
// can be skipped.
var errSlugTaken = errors.New("slug taken")

// ImportOptions tune Import.
type ImportOptions struct {
	// SkipInvalid imports the valid records and reports the rest instead of
	// refusing the whole file.
	SkipInvalid bool
	// Progress, when set, is called after each record with done and total.
	Progress func(done, total int)
}

// ImportSummary counts what an import did.
type ImportSummary struct {
	Created, Updated, Unchanged, Rejected int
	// Errors lists every rejected record with its line and field.
	Errors []*LineError
}

// Import upserts the parsed services by code in one transaction: either the
// whole file lands or nothing does, so a half-written import is never
// visible. Records with errors abort the import unless opts.SkipInvalid.
func (s *Store) Import(ctx context.Context, res *ParseResult, opts ImportOptions) (ImportSummary, error) {
	sum := ImportSummary{Errors: append([]*LineError(nil), res.Errors...)}
	sum.Rejected = len(res.Errors)
	if sum.Rejected > 0 && !opts.SkipInvalid {
		return sum, ErrInvalid
	}
	total := len(res.Services)
	var counted ImportSummary
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		counted = ImportSummary{}
		for i := range res.Services {
			svc := &res.Services[i]
			line := 0
			if i < len(res.Lines) {
				line = res.Lines[i]
			}
			out, err := s.upsertChecked(ctx, tx, svc)
			switch {
			case errors.Is(err, errSlugTaken):
				le := &LineError{Line: line, Field: "slug", Msg: err.Error()}
				counted.Errors = append(counted.Errors, le)
				counted.Rejected++
				if !opts.SkipInvalid {
					return ErrInvalid
				}
			case err != nil:
				return fmt.Errorf("catalog: import line %d: %w", line, err)
			default:
				switch out {
				case Created:
					counted.Created++
				case Updated:
					counted.Updated++
				default:
					counted.Unchanged++
				}
			}
			if opts.Progress != nil {
				opts.Progress(i+1, total)
			}
		}
		return nil
	})
	sum.Errors = append(sum.Errors, counted.Errors...)
	sum.Rejected += counted.Rejected
	if err != nil {
		return sum, err
	}
	sum.Created, sum.Updated, sum.Unchanged = counted.Created, counted.Updated, counted.Unchanged
	return sum, nil
}

// upsertChecked is UpsertRecord with the slug conflict reported as errSlugTaken.
func (s *Store) upsertChecked(ctx context.Context, tx *db.Tx, svc *Service) (Outcome, error) {
	var owner string
	err := tx.QueryRow(ctx, "SELECT code FROM services WHERE slug = ? AND code <> ?", svc.Slug, svc.Code).Scan(&owner)
	if err == nil {
		return 0, fmt.Errorf("%w: đường dẫn (slug) %q đã thuộc về thủ tục %s", errSlugTaken, svc.Slug, owner)
	}
	return s.UpsertRecord(ctx, tx, svc)
}
