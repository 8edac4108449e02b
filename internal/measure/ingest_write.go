package measure

import "time"

// write is what Ingest hands to the dialect's writer (ingest_sqlite.go,
// ingest_pg.go) once the batch is validated: one transaction stores the
// valid events that are new, adds exactly those to the rollups and tallies
// the batch per source.
type write struct {
	// agency is the sender's, which owns the sources.
	agency string
	// now stamps ingested_at and the sources' arrival, to the microsecond
	// both dialects keep.
	now time.Time
	// valid are the distinct valid events, sorted by (source, id) so that
	// concurrent transactions on PostgreSQL take their locks in one order.
	valid []*Event
	// repeats and rejected count, per source, the items repeated within
	// the batch and the items refused.
	repeats, rejected map[string]int64
}

// createdOf returns the events that created[i] marks as new.
func createdOf(valid []*Event, created []bool) []*Event {
	out := make([]*Event, 0, len(valid))
	for i, e := range valid {
		if created[i] {
			out = append(out, e)
		}
	}
	return out
}
