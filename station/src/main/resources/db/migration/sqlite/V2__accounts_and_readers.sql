-- Accounts, sessions, end settings, the station's caveat registry and the named
-- readers of each cable (DESIGN 2, G3).

-- addressed_as: the name cables address the user by (FROM, TO, INFO, PASS TO),
-- upper case; office hours as "08:00-18:00 MON-FRI" (DESIGN 5.4).
ALTER TABLE user_account ADD COLUMN addressed_as TEXT NOT NULL DEFAULT '';
ALTER TABLE user_account ADD COLUMN office_hours TEXT NOT NULL DEFAULT '08:00-18:00 MON-FRI';
ALTER TABLE user_account ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
UPDATE user_account SET addressed_as = upper(name);
-- the access policy knows a reader by this name: it names one user only
CREATE UNIQUE INDEX user_account_addressed_as ON user_account (addressed_as);

-- Whether a release from this end needs a second person's approval.
ALTER TABLE channel_end ADD COLUMN second_approval INTEGER NOT NULL DEFAULT 0;
CREATE INDEX end_member_user ON end_member (user_id);

-- Browser sessions and CLI bearer tokens; only the SHA-256 of a secret is kept.
CREATE TABLE session (
    token_hash      TEXT    PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES user_account (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('SESSION', 'TOKEN')),
    csrf_token      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER
);
CREATE INDEX session_user ON session (user_id);

CREATE TABLE caveat (
    name            TEXT    PRIMARY KEY,
    created_at      INTEGER NOT NULL
);
INSERT INTO caveat (name, created_at) VALUES
    ('CHEROKEE', 0), ('EXDIS', 0), ('LIMDIS', 0), ('NODIS', 0), ('NOFORN', 0),
    ('ORCON', 0), ('OUTSIDE THE SYSTEM', 0), ('SENSITIVE', 0), ('SPECAT', 0), ('UMBRA', 0);

-- The persons a cable names (FROM, TO, INFO; releaser and pass-to readers are
-- added when those happen), by the upper-case name cables use; for the lists
-- of G3 without reading every cable.
CREATE TABLE cable_reader (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    name            TEXT    NOT NULL,
    PRIMARY KEY (cable_id, name)
) WITHOUT ROWID;
CREATE INDEX cable_reader_name ON cable_reader (name, cable_id);

INSERT OR IGNORE INTO cable_reader (cable_id, name)
    SELECT id, json_extract(structured, '$.from.name') FROM cable;
INSERT OR IGNORE INTO cable_reader (cable_id, name)
    SELECT c.id, json_extract(p.value, '$.name') FROM cable c, json_each(c.structured, '$.to') p;
INSERT OR IGNORE INTO cable_reader (cable_id, name)
    SELECT c.id, json_extract(p.value, '$.name') FROM cable c, json_each(c.structured, '$.info') p;
