-- +goose Up
-- guide_revisions: every version of every editorial document (package
-- catalog, editorial.go). A document is the citizen guide plus the FAQs of
-- one service (scope '') or a local note added by a people's committee to a
-- service (scope = the committee's agency code, 'UBND-01'). Rows are never
-- deleted: drafts that are given up become 'discarded', replaced
-- publications 'superseded'.
--
-- version is the publication number (1, 2, 3 … per service and scope),
-- given when a revision is published and 0 before; base_version is the
-- publication a draft was written on top of, checked again on submit and
-- on publish so that nobody's change is silently overwritten. saves counts
-- the saves of a draft, for optimistic locking of the editor form.
CREATE TABLE guide_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service_code TEXT NOT NULL REFERENCES services(code),
    scope TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    body TEXT NOT NULL,
    change_note TEXT NOT NULL DEFAULT '',
    author_id BIGINT NOT NULL,
    author_name TEXT NOT NULL,
    author_agency TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    saves INTEGER NOT NULL DEFAULT 0,
    submitted_at TIMESTAMP,
    reviewed_by BIGINT NOT NULL DEFAULT 0,
    reviewer_name TEXT NOT NULL DEFAULT '',
    reviewed_at TIMESTAMP,
    review_note TEXT NOT NULL DEFAULT '',
    override BOOLEAN NOT NULL DEFAULT FALSE,
    publish_at TIMESTAMP,
    published_at TIMESTAMP,
    ended_at TIMESTAMP,
    base_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX guide_revisions_document ON guide_revisions(service_code, scope, id);
CREATE INDEX guide_revisions_state ON guide_revisions(state, publish_at);
CREATE INDEX guide_revisions_author ON guide_revisions(author_id, state);
-- Publication numbers are unique within a document, so two reviewers
-- publishing at the same moment cannot both become version N.
CREATE UNIQUE INDEX guide_revisions_version ON guide_revisions(service_code, scope, version) WHERE version > 0;
-- At most one published revision per document.
CREATE UNIQUE INDEX guide_revisions_published ON guide_revisions(service_code, scope) WHERE state = 'published';
-- Each author has at most one open revision per document: the draft they
-- keep editing, or the one waiting for review or publication.
CREATE UNIQUE INDEX guide_revisions_open ON guide_revisions(service_code, scope, author_id)
    WHERE state IN ('draft', 'in_review', 'scheduled');

-- local_notes: the published local notes, what the public site reads (the
-- national guide's published projection stays in guides and faqs).
CREATE TABLE local_notes (
    service_code TEXT NOT NULL REFERENCES services(code) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    body TEXT NOT NULL,
    version INTEGER NOT NULL,
    published_at TIMESTAMP NOT NULL,
    PRIMARY KEY (service_code, scope)
);
