-- +goose Up
-- Surveys (package surveys): an agency's questionnaire with immutable,
-- numbered versions, the citizens' responses and the files they upload.

-- surveys: one row per survey. live_version_id is the published version
-- citizens answer (NULL until the first publication); it has no foreign key
-- because versions point back at the survey. state is 'open' or 'closed'
-- (checked by the package). results_public lets anyone read the counts at
-- /khao-sat/{slug}/ket-qua.
CREATE TABLE surveys (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    agency TEXT NOT NULL,
    title TEXT NOT NULL,
    state TEXT NOT NULL,
    live_version_id BIGINT,
    results_public BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX surveys_agency ON surveys(agency, created_at);

-- survey_versions: the definitions, never updated: editing writes a new
-- version, so every response can be read against the questions it
-- answered. definition is the canonical JSON (see surveys/definition.go).
CREATE TABLE survey_versions (
    id BIGSERIAL PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    number INTEGER NOT NULL,
    definition TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    UNIQUE (survey_id, number)
);

-- survey_responses: one row per submitted response. answers is JSON
-- (question id → list of values) validated against the version. respondent
-- is the identity an identified survey asks for (a mobile number or an
-- e-mail address, normalised), '' for anonymous ones: personal data, shown
-- masked. identity_key is a keyed hash (HMAC-SHA-256) of the survey and
-- the normalised identity, set only when the survey accepts one response
-- per identity, so the unique index enforces it without indexing the plain
-- identity. idempotency_key makes a repeated submission return the first
-- response.
CREATE TABLE survey_responses (
    id BIGSERIAL PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    version_id BIGINT NOT NULL REFERENCES survey_versions(id),
    answers TEXT NOT NULL,
    respondent TEXT NOT NULL DEFAULT '',
    identity_key TEXT,
    idempotency_key TEXT,
    channel TEXT NOT NULL DEFAULT 'web',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, version_id, id);
CREATE UNIQUE INDEX survey_responses_identity ON survey_responses(survey_id, identity_key);
CREATE UNIQUE INDEX survey_responses_idempotency ON survey_responses(survey_id, idempotency_key);

-- survey_files: uploaded files, kept in the database so every replica sees
-- them and they commit with the response. A file is uploaded when its page
-- is submitted, before the response exists: response_id stays NULL until
-- then, and unclaimed files older than a day are pruned. token is the
-- random handle the form carries; content_type was sniffed from the bytes.
CREATE TABLE survey_files (
    id BIGSERIAL PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    question_id TEXT NOT NULL,
    response_id BIGINT REFERENCES survey_responses(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX survey_files_response ON survey_files(response_id);
CREATE INDEX survey_files_created ON survey_files(created_at);
