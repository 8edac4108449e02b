// Package catalog holds the catalogue of public services (thủ tục hành chính):
// the formal procedure record, the plain-language guide written for citizens
// and the frequently asked questions. It owns the tables services, guides,
// faqs, local_notes, guide_revisions and their link tables, the importers
// that fill them, and the editorial workflow that changes guides.
//
// # Reading
//
// Store.All returns every service with its published guide, FAQs and local
// notes; Live keeps an in-memory Snapshot of it and reloads when the
// catalogue's change counter moves (every write bumps it), so replicas
// sharing one database converge.
//
// # Editorial workflow
//
// The unit of editing is a document: the citizen guide plus the FAQs of one
// service for scope "" (the national text, the same in all 34 provinces), or
// a local note for scope = a people's committee's agency code ("UBND-01" for
// a province, "UBND-00004" for a commune) — where to go, opening hours,
// local phone numbers — shown on the service page under the guide. Body
// holds the content of either kind.
//
// Every save, submission and decision lives in guide_revisions; no row is
// ever deleted. States and the calls that move between them:
//
//	           Draft (create / save, optimistic lock)
//	                │
//	  ┌──────────► draft ──Discard──► discarded
//	  │  Return,    │ Submit
//	  │  Withdraw   ▼
//	  ├──────── in_review ──Approve(publishAt in future)──► scheduled ──PublishDue──┐
//	  │             │ Approve (now)                             │                   │
//	  └─────────────┼───────────────────────────────────────────┘ Return, Withdraw  │
//	                ▼                                                               │
//	            published ◄─────────────────────────────────────────────────────────┘
//	            │      │
//	Unpublish   │      │ a newer publication
//	            ▼      ▼
//	  unpublished      superseded
//
// A returned revision is a draft again, with the reviewer's note kept on it
// (Revision.Returned). Versions are publication numbers: a revision gets
// version head+1 when it is published, where head is the document's latest
// publication (0 when none), and keeps it when it is later superseded or
// unpublished. A draft records the head it was written on (BaseVersion);
// saving, submitting and publishing all require that head has not moved
// since, so a change made on top of an older text is never published over a
// newer one: the editor gets ErrConflict, reopens the document (Open shows
// what changed) and saves again on the new head. Saves of one draft are also
// counted (Revision.Saves), so two browser tabs cannot overwrite each other.
// Every author has at most one open revision (draft, in review or scheduled)
// per document; different authors may work on the same document at once,
// and the first to be published wins.
//
// Publishing writes the projection the site reads, in the same transaction:
// for scope "" the guides and faqs tables (status 'published', exactly what
// they held before the workflow existed, so readers did not change); for a
// local scope the local_notes table. Unpublishing removes it. Both bump the
// catalogue's change counter.
//
// Every change of a revision writes an audit entry (package audit) in the
// same transaction: object type AuditObject ("guide"), object id
// DocumentKey(code, scope), before/after snapshots of the revision's
// metadata with the SHA-256 of its body (the body itself is kept in
// guide_revisions forever). Actions: guide.draft_create, guide.draft_save,
// guide.submit, guide.withdraw, guide.discard, guide.return, guide.approve,
// guide.approve_override, guide.publish, guide.unpublish.
//
// # Who may do what
//
// The permissions are staff's: guide.edit to write and submit drafts,
// guide.review to approve, return and unpublish, guide.publish_override to
// approve one's own revision (the national coordinator; audited as
// guide.approve_override). Authorship rules (only the author saves, submits,
// withdraws or discards a draft) come on top. Scope, decided by Store.permits:
//
//   - The national guide (scope "") belongs to the ministries responsible for
//     the service (service_agencies): their staff, and staff of agencies
//     below them in the hierarchy, may work on it. Provinces and communes
//     may not, even for services they implement: one text serves the whole
//     country, and a province's specifics go in its note. A service without
//     a responsible agency is edited by national staff only.
//   - A local note belongs to its committee: its own staff, and a province's
//     staff for its communes' notes (staff.InScope with the hierarchy given
//     by WithParents). A ministry does not edit provinces' notes. A province
//     may add a note to a service implemented at province or commune level
//     ("tinh" or "xa" in Levels), a commune to one implemented at commune
//     level; a service done only at a ministry has no local side.
//   - The national coordinator (role admin) and staff of agency "VN" may work
//     on every document.
//
// # Seeding
//
// SeedDemo publishes each demo guide as a revision by the system actor, so
// a document's history starts at version 1. Seeding again publishes a new
// system revision only when the demo file changed and nobody has published
// since; a person's publication is never overwritten by the seed. A guide
// present in the projection without any revision (written before the
// workflow existed) is treated as version 0: Open offers it as the starting
// text and the first publication becomes version 1.
package catalog
