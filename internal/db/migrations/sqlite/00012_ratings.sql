-- +goose Up
-- rating_links: one-time links that agencies' systems send a citizen after
-- a dossier (POST /api/v1/rating-links), bound to one service and one
-- agency (package ratings). Only the SHA-256 of the link's random code is
-- kept, so a copy of the database cannot be used to rate. used_at is set,
-- by a conditional UPDATE, in the transaction that stores the rating: a
-- link rates once even when two submissions race.
CREATE TABLE rating_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash TEXT NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    agency TEXT NOT NULL,
    token_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX rating_links_expires ON rating_links(expires_at);

-- ratings: one row per satisfaction rating after a service (the 5 levels
-- of Vietnam's SIPAS survey, 1 = rất không hài lòng … 5 = rất hài lòng).
-- went_well and did_not are bit sets over the fixed list of drivers (see
-- ratings/driver.go: the bits never change meaning), so that counting
-- drivers is plain SUM(CASE …) on both dialects and a rating stays one row.
-- comment is NFC and has personal data redacted before it is stored.
-- month is the rating's month in Vietnam's time (YYYY-MM), kept as a
-- column so that results by month group on an index with the same SQL on
-- both dialects. agency is '' when the service has several responsible
-- agencies and the rating did not name one.
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service_code TEXT NOT NULL,
    agency TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    went_well INTEGER NOT NULL DEFAULT 0,
    did_not INTEGER NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    link_id BIGINT REFERENCES rating_links(id),
    month TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ratings_service_month ON ratings(service_code, month);
CREATE INDEX ratings_agency_month ON ratings(agency, month);
CREATE INDEX ratings_month ON ratings(month);
CREATE UNIQUE INDEX ratings_link ON ratings(link_id);

-- rating_requests: the Idempotency-Key of each keyed submission, with the
-- answer it got, written in the same transaction as the rating: a repeat
-- with the same key returns the stored answer instead of storing twice,
-- and a crash can never keep one without the other. request_hash is the
-- SHA-256 of the cleaned submission, so a key reused for a different
-- submission is refused rather than answered with someone else's receipt.
CREATE TABLE rating_requests (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX rating_requests_created ON rating_requests(created_at);
