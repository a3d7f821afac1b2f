-- Accounts, sessions, end settings, the caveat registry and the named readers of each cable, as
-- db/migration/sqlite/V2.

ALTER TABLE user_account ADD COLUMN addressed_as TEXT NOT NULL DEFAULT '';
ALTER TABLE user_account ADD COLUMN office_hours TEXT NOT NULL DEFAULT '08:00-18:00 MON-FRI';
ALTER TABLE user_account ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
UPDATE user_account SET addressed_as = upper(name);
CREATE UNIQUE INDEX user_account_addressed_as ON user_account (addressed_as);

ALTER TABLE channel_end ADD COLUMN second_approval INTEGER NOT NULL DEFAULT 0;
CREATE INDEX end_member_user ON end_member (user_id);

CREATE TABLE session (
    token_hash      TEXT    PRIMARY KEY,
    user_id         BIGINT  NOT NULL REFERENCES user_account (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('SESSION', 'TOKEN')),
    csrf_token      TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    revoked_at      BIGINT
);
-- (session_user is a reserved word here)
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE caveat (
    name            TEXT    PRIMARY KEY,
    created_at      BIGINT  NOT NULL
);
INSERT INTO caveat (name, created_at) VALUES
    ('CHEROKEE', 0), ('EXDIS', 0), ('LIMDIS', 0), ('NODIS', 0), ('NOFORN', 0),
    ('ORCON', 0), ('OUTSIDE THE SYSTEM', 0), ('SENSITIVE', 0), ('SPECAT', 0), ('UMBRA', 0);

CREATE TABLE cable_reader (
    cable_id        BIGINT  NOT NULL REFERENCES cable (id),
    name            TEXT    NOT NULL,
    PRIMARY KEY (cable_id, name)
);
CREATE INDEX cable_reader_name ON cable_reader (name, cable_id);

INSERT INTO cable_reader (cable_id, name)
    SELECT id, structured::jsonb -> 'from' ->> 'name' FROM cable
    ON CONFLICT DO NOTHING;
INSERT INTO cable_reader (cable_id, name)
    SELECT c.id, p.value ->> 'name' FROM cable c, jsonb_array_elements(c.structured::jsonb -> 'to') p
    ON CONFLICT DO NOTHING;
INSERT INTO cable_reader (cable_id, name)
    SELECT c.id, p.value ->> 'name' FROM cable c, jsonb_array_elements(c.structured::jsonb -> 'info') p
    ON CONFLICT DO NOTHING;
