package measure

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Sender is who sends a batch: the agency of the API token (or of the
// person importing), which namespaces the sources, and the scope check for
// each event's agency.
type Sender struct {
	// Agency namespaces the sources: source "motcua" from UBND-01 is
	// stored as "UBND-01:motcua".
	Agency string
	// Allows reports whether the sender may report for the agency that
	// answers for an event's unit; nil allows every agency.
	Allows func(agency string) bool
}

// Item is one element of a batch: the event as decoded, or the error that
// stopped it from being decoded (a string where a number belongs).
type Item struct {
	Input  EventInput
	Decode error
}

// Items wraps decoded events as batch items.
func Items(in []EventInput) []Item {
	out := make([]Item, len(in))
	for i := range in {
		out[i].Input = in[i]
	}
	return out
}

// Status is what became of one item.
type Status string

// The item statuses.
const (
	StatusCreated   Status = "created"   // new: counted
	StatusDuplicate Status = "duplicate" // seen before (or earlier in the batch): counted once already
	StatusRejected  Status = "rejected"  // invalid: see Errors
)

// ItemResult is the answer for one item, in the order sent.
type ItemResult struct {
	Index    int       `json:"index"`
	ID       string    `json:"id,omitempty"`
	Status   Status    `json:"status"`
	Errors   []Problem `json:"errors,omitempty"`
	Warnings []Problem `json:"warnings,omitempty"`
}

// IngestResult sums up a batch.
type IngestResult struct {
	Created    int          `json:"created"`
	Duplicates int          `json:"duplicates"`
	Rejected   int          `json:"rejected"`
	Items      []ItemResult `json:"items"`
}

// ErrBatchTooLarge is returned for a batch of more than MaxBatch items.
var ErrBatchTooLarge = fmt.Errorf("measure: ingest: more than %d events in one batch", MaxBatch)

// sourceKey namespaces a source by the sending agency.
func sourceKey(agency, source string) string { return agency + ":" + source }

// Ingest validates each item, stores the valid ones that are new and adds
// exactly those to the rollups, in one transaction. Invalid items are
// reported and skipped; they never block the others. An error is returned
// only when nothing could be stored (the database failed), so a client may
// retry the whole batch safely.
func (s *Store) Ingest(ctx context.Context, from Sender, items []Item) (*IngestResult, error) {
	if len(items) > MaxBatch {
		return nil, ErrBatchTooLarge
	}
	v := validator{dir: s.dir.Load(), procs: s.procs, now: s.clock()}
	res := &IngestResult{Items: make([]ItemResult, len(items))}
	valid := make([]*Event, 0, len(items))
	index := make(map[[2]string]int, len(items)) // (source, id) → first item
	rejectedBySource := map[string]int64{}
	repeatsBySource := map[string]int64{} // repeated within the batch
	for i := range items {
		it := &items[i]
		r := &res.Items[i]
		r.Index, r.ID = i, it.Input.ID
		if it.Decode != nil {
			r.Status, r.Errors = StatusRejected, []Problem{{"", "malformed", "Sự kiện không đúng định dạng JSON: " + it.Decode.Error()}}
			continue
		}
		ev, warns, probs := v.validate(&it.Input)
		r.Warnings = warns
		if len(probs) == 0 && from.Allows != nil && !from.Allows(ev.Agency) {
			probs = []Problem{{"unit", "out_of_scope", "Mã truy cập không được gửi số liệu của đơn vị này."}}
		}
		if len(probs) > 0 {
			r.Status, r.Errors = StatusRejected, probs
			if isToken(it.Input.Source) && len(it.Input.Source) <= maxSourceLen {
				rejectedBySource[sourceKey(from.Agency, it.Input.Source)]++
			}
			continue
		}
		ev.Source = sourceKey(from.Agency, ev.Source)
		k := [2]string{ev.Source, ev.ID}
		if _, dup := index[k]; dup {
			r.Status = StatusDuplicate
			repeatsBySource[ev.Source]++
			continue
		}
		index[k] = i
		e := ev
		valid = append(valid, &e)
	}
	slices.SortFunc(valid, func(a, b *Event) int { return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.ID, b.ID)) })

	w := &write{agency: from.Agency, now: s.clock().UTC().Truncate(time.Microsecond), valid: valid,
		repeats: repeatsBySource, rejected: rejectedBySource}
	var created []bool
	var err error
	if s.db.Dialect() == db.Postgres {
		created, err = s.writePostgres(ctx, w)
	} else {
		created, err = s.writeSQLite(ctx, w)
	}
	if err != nil {
		return nil, fmt.Errorf("measure: ingest %d events: %w", len(items), err)
	}
	for i, e := range valid {
		r := &res.Items[index[[2]string{e.Source, e.ID}]]
		if created[i] {
			r.Status = StatusCreated
		} else {
			r.Status = StatusDuplicate
		}
	}
	for _, r := range res.Items {
		switch r.Status {
		case StatusCreated:
			res.Created++
		case StatusDuplicate:
			res.Duplicates++
		default:
			res.Rejected++
		}
	}
	return res, nil
}
