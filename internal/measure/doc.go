// Package measure turns what agencies' systems report into the
// programme's indicators: dossier events pushed in batches, aggregates
// imported from CSV, day and month rollups, a registry of indicators and
// their versioned parameters, reports for any period × unit × procedure
// slice, and a demo year so dashboards are alive on first start.
//
// # Events and idempotency
//
// An event says that something happened to one dossier: received,
// resolved, returned, paid online or rated. Store.Ingest takes a batch (up
// to MaxBatch), validates every item on its own — a bad item never blocks
// the good ones — and stores the valid ones in a single transaction: on
// SQLite with multi-row INSERT … ON CONFLICT DO NOTHING (ingest_sqlite.go),
// on PostgreSQL with COPY, falling back to INSERT … ON CONFLICT DO NOTHING
// when the batch holds an event already stored (ingest_pg.go). (source, id)
// is the key: a repeated event is dropped by the database, and only the events
// that were new contribute to the rollups, so a batch sent twice, or events
// arriving late and out of order, give the same rollups as one clean
// delivery. The source is namespaced by the sending agency
// ("UBND-01:motcua") so one agency cannot pre-empt another's ids.
//
// # Rollups and rates
//
// measure_daily and measure_monthly hold counters — numerators and
// denominators — keyed by day or month × unit × procedure × channel ×
// level × source. Every rate is a ratio of sums, never an average of rates.
//
// # Aggregates
//
// Systems that cannot push events send totals for a period (a year, a
// month or a day) in the CSV format of seed-2023.csv; an empty cell is
// unknown, never zero. A total for a wider slice supersedes the parts it
// covers: the national total for 2023 is used as is, not added to the
// ministries' figures for single procedures that it already contains (see
// report.go for the exact rule).
//
// # Units and procedures
//
// A unit is a ministry code ("BCA"), a 2-digit province code or a 5-digit
// commune code, mapped to the agency that answers for it ("BCA",
// "UBND-01", "UBND-00004"); aggregates may also use "VN" for the whole
// country. Procedures are matched against the catalogue by national code or
// slug and stored by code. Unknown procedure codes are accepted and flagged
// (known_procedure = false, a warning in the response): the national system
// has about 2,000 procedures and the catalogue fewer, and losing counts
// would make the national rates wrong.
package measure
