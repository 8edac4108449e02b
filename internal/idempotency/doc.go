// Package idempotency makes a client's retries safe: a write sent with an
// Idempotency-Key header (or a web form's hidden token) is stored once, and
// every repeat of it gets the first answer again instead of writing twice.
//
// It owns one table, idempotency_keys (migration 00018), shared by every
// kind of write; a scope ("rating", "report-api", ...) separates them. The
// key and the answer are saved in the caller's own transaction, together
// with the write they answer, so a crash keeps both or neither: an answer
// a client received is never lost, and a request whose answer was lost can
// be sent again with the same key.
//
// Callers that write in a transaction of their own use Once:
//
//	body, replayed, err := idempotency.Once(ctx, d, "report-api", key, hash, now,
//		func(tx *db.Tx) (string, error) {
//			... write, then return the answer to give (and to store) ...
//		})
//
// Callers that batch several writes in one transaction (ratings) use Save
// and Replay directly and take their own write back when Save finds the key
// held. A key reused for a different request (another hash) gives
// ErrReused. Keys are kept for a week (Keep): clients retry within minutes;
// RegisterJobs prunes older ones.
//
// Users: ratings (scope "rating", group-committed with Save), reports
// (package cases: "report-api" for the API's header, "report-form" for the
// form's token). Survey responses do not use this table: their key is a
// column of the response row itself (survey_responses.idempotency_key,
// unique per survey), which commits with the response by construction, and
// a repeat answers with the stored response rather than a stored body, so
// moving them here would add a row per response and change nothing a
// client sees.
package idempotency
