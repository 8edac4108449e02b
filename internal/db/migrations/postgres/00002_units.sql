-- +goose Up
-- units: administrative units, one row per unit and period of validity, so
-- that a reform adds rows instead of rewriting them and old addresses stay
-- resolvable. Days are 'YYYY-MM-DD'; valid_to is exclusive and NULL while
-- the unit is in force. Codes are reused across periods (Hà Nội is 01
-- before and after 2025), hence the key (code, valid_from).
-- sort_order is the rank in Vietnamese collation by name, computed when
-- seeding, because neither database collates Vietnamese portably.
CREATE TABLE units (
    code TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('tinh', 'huyen', 'xa')),
    name TEXT NOT NULL,
    full_name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    parent_code TEXT,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code, valid_from)
);
CREATE INDEX units_parent ON units(parent_code);
CREATE INDEX units_level ON units(level, sort_order);

-- unit_successors: which unit took over which when a reform ended it (the
-- official NSO conversion table for 2025). An old commune split among
-- several new ones has several rows; note says which part went where.
CREATE TABLE unit_successors (
    old_code TEXT NOT NULL,
    old_level TEXT NOT NULL CHECK (old_level IN ('tinh', 'huyen', 'xa')),
    new_code TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    changed_on TEXT NOT NULL,
    PRIMARY KEY (changed_on, old_code, new_code)
);
CREATE INDEX unit_successors_old ON unit_successors(old_code);
CREATE INDEX unit_successors_new ON unit_successors(new_code);

-- agencies: ministries and people's committees. unit_code is the unit a
-- committee governs (NULL for ministries); parent_code the agency above
-- (a commune committee's province committee; otherwise NULL).
CREATE TABLE agencies (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('bo', 'tinh', 'xa')),
    name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    unit_code TEXT,
    parent_code TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agencies_kind ON agencies(kind, sort_order);
CREATE INDEX agencies_unit ON agencies(unit_code);
CREATE INDEX agencies_parent ON agencies(parent_code);
