// Package units knows Vietnam's administrative units and the agencies that
// serve citizens: the 34 provinces and 3,321 communes in force since
// 1 July 2025, the 63 provinces, 696 districts and 10,035 communes before
// that reform, the official old→new commune conversion table, and the
// ministries and people's committees that handle procedures.
//
// Units are versioned by the days they were in force (valid_from inclusive,
// valid_to exclusive), so the next reform is a data patch, not a schema
// change: old addresses on citizens' papers stay resolvable.
//
// The data is embedded in the binary (see data/SOURCE.md for provenance and
// the errata applied while loading) and seeded into the database by Seed,
// which is idempotent and cheap once done.
package units
