-- +goose Up
-- services: one row per administrative procedure. The list-valued parts of
-- the record (channels, documents, steps, legal basis, keywords, the raw
-- import) live in the JSON column body; the columns beside it are what
-- queries filter, sort and join on.
CREATE TABLE services (
    code TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    online_level TEXT NOT NULL,
    levels TEXT NOT NULL DEFAULT '',
    popularity INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE service_agencies (
    service_code TEXT NOT NULL REFERENCES services(code) ON DELETE CASCADE,
    agency_code TEXT NOT NULL,
    PRIMARY KEY (service_code, agency_code)
);
CREATE INDEX service_agencies_agency ON service_agencies(agency_code);

CREATE TABLE service_life_events (
    service_code TEXT NOT NULL REFERENCES services(code) ON DELETE CASCADE,
    life_event TEXT NOT NULL,
    PRIMARY KEY (service_code, life_event)
);
CREATE INDEX service_life_events_event ON service_life_events(life_event);

-- guides: the plain-language guide of a service (one current version here;
-- the editorial workflow adds versions).
CREATE TABLE guides (
    service_code TEXT PRIMARY KEY REFERENCES services(code) ON DELETE CASCADE,
    body TEXT NOT NULL,
    reviewed_at TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'published',
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE faqs (
    service_code TEXT NOT NULL REFERENCES services(code) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    paraphrases TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'published',
    PRIMARY KEY (service_code, position)
);

-- page_feedback: answers to "Hướng dẫn này có hữu ích không?" per page.
CREATE TABLE page_feedback (
    id BIGSERIAL PRIMARY KEY,
    page TEXT NOT NULL,
    helpful BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX page_feedback_page ON page_feedback(page);
