-- +goose Up
-- The listening work (package cases, package workdays): routing, deadlines,
-- escalation, answers and the citizen's verdict on them.
--
-- New columns of cases. assignee_id is the staff account handling the case
-- (0: the agency's queue). round counts the times the case was handled:
-- reopening starts round 2, with a new answer deadline. duplicate_of is the
-- code of the case this one duplicates; referral says where a case that is
-- not our responsibility should go. answer is the handler's answer as
-- written (it may name the citizen, so it is internal); answer_by wrote it;
-- public_answer is what was published, with personal data removed and
-- reviewed by someone else. due_at is the current answer deadline (NULL
-- while the clock is paused or stopped), refreshed at every change and by
-- the escalation sweep; answered_at, answer_days (working days, paused time
-- excluded) and answered_on_time describe the first answer, for the
-- statistics. resolved is the citizen's verdict ('yes', 'no', '').
ALTER TABLE cases ADD COLUMN assignee_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN duplicate_of TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN referral TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN answer_by BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN public_answer TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN due_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN answered_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN answer_days DOUBLE PRECISION;
ALTER TABLE cases ADD COLUMN answered_on_time INTEGER;
ALTER TABLE cases ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN resolved TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_due ON cases(due_at);
CREATE INDEX cases_service ON cases(service_slug, state);

-- case_routes: which agency handles a category of report in an area. ''
-- means "any" in category, province_code and commune_code; the most
-- specific matching rule wins (see cases/route.go).
CREATE TABLE case_routes (
    id BIGSERIAL PRIMARY KEY,
    category TEXT NOT NULL DEFAULT '',
    province_code TEXT NOT NULL DEFAULT '',
    commune_code TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (category, province_code, commune_code)
);

-- case_deadlines: working days allowed, per category, to acknowledge,
-- classify and answer a report, counted from its receipt.
CREATE TABLE case_deadlines (
    category TEXT PRIMARY KEY,
    ack_days INTEGER NOT NULL,
    classify_days INTEGER NOT NULL,
    answer_days INTEGER NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
INSERT INTO case_deadlines (category, ack_days, classify_days, answer_days, updated_at) VALUES
    ('huong-dan', 1, 2, 5, CURRENT_TIMESTAMP),
    ('he-thong', 1, 1, 3, CURRENT_TIMESTAMP),
    ('thai-do', 1, 3, 10, CURRENT_TIMESTAMP),
    ('thoi-han', 1, 3, 10, CURRENT_TIMESTAMP),
    ('phi', 1, 3, 10, CURRENT_TIMESTAMP),
    ('khac', 1, 3, 10, CURRENT_TIMESTAMP);

-- case_escalations: one row per rung of the escalation ladder a case
-- reached in a round. The unique key makes the sweep idempotent: a case
-- escalates to each level once per round, however often the job runs.
-- target_role and target_agency say whose inbox shows it; target_user is
-- the handler for a reminder (0: the agency's handlers).
CREATE TABLE case_escalations (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    round INTEGER NOT NULL,
    level TEXT NOT NULL,
    target_role TEXT NOT NULL,
    target_agency TEXT NOT NULL,
    target_user BIGINT NOT NULL DEFAULT 0,
    at TIMESTAMPTZ NOT NULL,
    UNIQUE (case_id, round, level)
);
CREATE INDEX case_escalations_target ON case_escalations(target_agency, at);

-- workday_overrides: the government's changes to the default working-day
-- calendar, one row per day (package workdays). day is 'YYYY-MM-DD'.
CREATE TABLE workday_overrides (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'working')),
    note TEXT NOT NULL DEFAULT '',
    updated_by BIGINT NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL
);
