// Package ratings stores citizens' satisfaction ratings after a public
// service and reports on them.
//
// A rating has the five levels of Vietnam's SIPAS survey (Rất hài lòng …
// Rất không hài lòng), what went well and what did not from a fixed list of
// drivers (ease, speed, clear instructions, staff attitude, cost, technical
// problems) and an optional comment, stored in NFC with personal data
// redacted. Ratings come from the guide pages, from the end of an
// assistant answer, and from one-time links that agencies' systems send
// after a dossier (Link).
//
// Nothing acknowledged is lost and nothing is stored twice: a submission
// may carry an idempotency key, stored with the answer in the same
// transaction as the rating, and a repeat with the same key returns the
// first answer. Results are counted by service, agency and month (Summary).
//
// The package owns the tables ratings and rating_links; idempotency keys
// live in the shared table of package idempotency (scope "rating").
package ratings
