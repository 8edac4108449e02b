// Package surveys is the survey builder of agencies (khảo sát, like
// VNForm): surveys with numbered versions of a JSON definition, immutable
// once published, the strict parser and checker of those definitions, the server-side
// validator of citizens' answers (conditional questions, page routing,
// typed checks), the responses with their uploaded files, one response per
// identity, idempotent submission, and the results: counts, averages, CSV
// and XLSX. It owns the tables surveys, survey_versions, survey_responses
// and survey_files (migration 00014_surveys.sql) and knows nothing of HTTP.
//
// # Definitions
//
// Parse reads a definition and refuses anything doubtful: unknown fields,
// duplicate ids, a condition on a question that is not earlier, a choice
// that is not an option, a page route that could loop. Its errors are
// Vietnamese, one per problem, each with the JSON path it is about
// ("pages[1].questions[0].options"). A parsed definition is canonical:
// NFC text, trimmed, and Definition.JSON writes it back the same way.
//
// # Answers
//
// Definition.Walk follows the pages a respondent sees, in order, from the
// first page: for each page, questions whose show_if does not hold are
// dropped (their answers too), the others are validated by type, required
// only when shown, and the first route whose condition holds (or the next
// page) gives the page after. The web layer calls it for each page posted;
// Store.Submit calls it again on the whole response, so what is stored has
// always been validated on the server.
//
// # Responses
//
// Store.Submit stores a response in one transaction with its files and its
// idempotency key: the same key again returns the first response. Surveys
// that accept one response per identity keep a keyed hash of the survey
// and the normalised identity in a unique index, never the identity
// itself. Uploaded files wait unclaimed until the response is sent; the
// periodic job registered by RegisterJobs deletes those older than
// FileKeep.
//
// # Changes by staff
//
// The form-based builder edits the newest version one step at a time
// (Definition.AddQuestion, MoveQuestion …, then Parse) and stores it with
// SaveDraft: a never-published newest version is the working draft and
// changes in place; a published one is immutable, so the edit starts a
// new version. Forms carry Version.ETag, and SaveDraft refuses an edit
// made from a page older than the draft (ErrStale).
//
// Create, SaveVersion, SaveDraft, Publish, SetState and SetResultsPublic take the
// audit.Actor making the change and write an audit entry (object type
// "survey", actions Action*) in the same transaction as the change, so
// both commit or neither does.
package surveys
