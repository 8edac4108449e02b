// Package cases is the intake core of citizens' reports and
// recommendations (phản ánh, kiến nghị): one Case model for reports from
// the site's form, agencies' systems over the API, the virtual assistant's
// handoffs, hotline calls and letters typed by staff; their public tracking
// codes; their states; and their append-only event log. It owns the tables
// cases and case_events (migration 00007_cases.sql) and case_attachments
// (00018), and knows nothing of HTTP. Routing, deadlines, escalation, answers and statistics (the
// listening work) build on it.
//
// # Opening a case
//
//	s := cases.NewStore(d, cases.WithChecks(cases.Checks{...})) // checks optional
//	c, err := s.Open(ctx, cases.NewCase{
//		Source:       cases.SourceWeb,
//		Category:     cases.CategorySystem,
//		ServiceSlug:  "cap-doi-giay-phep-lai-xe",
//		ProvinceCode: "01",
//		Description:  "Cổng báo lỗi khi nộp lệ phí ...",
//		Contact:      cases.Contact{Email: "an@example.vn"},
//	})
//	var inv *cases.InvalidError
//	if errors.As(err, &inv) { /* inv.Message("description") is Vietnamese, per field */ }
//	// c.Code is the tracking code to give the citizen: "PA-K7QXM-3DHTW".
//
// Open validates (Store.Validate: the rules and defaults), draws a unique
// tracking code and writes the case in state received together with its
// "created" event, in one transaction.
//
// # Citizens' reports with keys and files
//
// The site's form and the JSON API file through Submit rather than Open:
// an Intake carries the case, an idempotency key (package idempotency:
// ScopeAPI for the Idempotency-Key header, ScopeForm for the form's hidden
// token) and attachments — Files sent with the request (the API) or Tokens
// of files the form stored earlier with SaveUpload. The case, its files and
// the key with the client's answer (rendered by Intake.Answer from the
// public view, inside the transaction) commit together, so a repeat gets
// the first answer byte for byte and a crash keeps all or nothing. Files
// are PDF, JPEG or PNG by their content (package files), at most
// MaxAttachments of MaxAttachmentSize; they are personal data, read only
// by the back office (Attachments, AttachmentData), never by PublicStatus.
//
// # Handoffs from the assistant
//
// The assistant opens a case inside its own transaction, so the handoff
// turn it stores and the case commit or roll back together:
//
//	// Optional: one case per conversation. ByConversation reads outside
//	// the transaction; ErrNotFound means none yet.
//	if c, err := caseStore.ByConversation(ctx, convID); err == nil { ... reuse c.Code ... }
//
//	err := d.InTx(ctx, func(tx *db.Tx) error {
//		c, err := caseStore.OpenTx(ctx, tx, cases.NewCase{
//			Source:         cases.SourceAssistant,
//			Channel:        cases.ChannelZalo,        // web, widget, zalo, messenger
//			Category:       "",                       // becomes CategoryOther when unknown
//			ServiceSlug:    slugInContext,            // "" when none
//			Description:    redactedSummary,          // 1–4,000 characters, already redacted
//			ConversationID: convID,                   // [A-Za-z0-9_-]{1,64}
//		})
//		if err != nil {
//			return err
//		}
//		return storeTurn(ctx, tx, convID, c.Code)
//	})
//
// Only the conversation id is stored here; the assistant keeps the
// conversation's turns, redacted, in its own tables. By defaults to
// "citizen" for the assistant's source. An *InvalidError from OpenTx has
// written nothing, but on PostgreSQL any other error means the
// transaction must be rolled back.
//
// # Tracking codes
//
// "PA-" and ten characters in two groups of five from CodeAlphabet (no
// look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B), nine random (crypto/rand)
// and one check character that catches any single mistyped character and
// any swap of neighbours. NormalizeCode accepts any case, spaces, dashes,
// dots, full-width characters and a missing "PA"; ByCode and PublicStatus
// use it. See code.go.
//
// # States and events
//
// States are defined with Vietnamese labels and a transition table
// (CanTransition, State.Next; see state.go). Open creates cases in
// StateReceived; Transition and TransitionTx move a case along the table,
// with an optimistic check against concurrent moves. Every change appends
// an Event to case_events in the same transaction; events are never
// updated or deleted (database triggers refuse it). Events marked Public
// appear on the status page, Internal ones only in the back office.
//
// # Personal data
//
// Contact details are optional and kept in their own columns. Nothing in
// this package logs; Contact and Case print and slog-log masked or without
// personal fields, and InvalidError never repeats a value. MaskPhone,
// MaskEmail, MaskName and Contact.Masked give the back office's default
// display. PublicStatus returns a PublicView with no contact, no actor and
// no internal event, its description and notes passed through Redact
// (the contact's own details, then vn.RedactPII).
//
// # Reading
//
// ByCode, ByID, ByConversation, Events (all or public only), List and Count
// with a Filter (agency or agencies in scope, unrouted, state, source,
// category, province; newest first, paged).
package cases
