-- The station's first schema. Every state change also appends a row to `event`
-- in the same transaction (DESIGN 6); the audit log will hash those rows.

CREATE TABLE station (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    prefix          TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    station_serial  INTEGER NOT NULL DEFAULT 0,
    public_key      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE user_account (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    clearance       TEXT    NOT NULL,
    caveats         TEXT    NOT NULL DEFAULT '',
    time_zone       TEXT    NOT NULL DEFAULT 'UTC',
    roles           TEXT    NOT NULL DEFAULT '',
    password_hash   TEXT,
    setup_token_hash TEXT,
    created_at      INTEGER NOT NULL
);

CREATE TABLE channel (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    created_at      INTEGER NOT NULL
);

CREATE TABLE channel_end (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES channel (id),
    name            TEXT    NOT NULL COLLATE NOCASE,
    UNIQUE (channel_id, name)
);

CREATE TABLE end_member (
    end_id          INTEGER NOT NULL REFERENCES channel_end (id),
    user_id         INTEGER NOT NULL REFERENCES user_account (id),
    release_authority INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (end_id, user_id)
);

CREATE TABLE exchange (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES channel (id),
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    created_at      INTEGER NOT NULL
);

-- Each exchange has exactly two series, one per direction; `counter` is the
-- highest serial released in it (imported cables do not use the counter).
CREATE TABLE series (
    id              INTEGER PRIMARY KEY,
    exchange_id     INTEGER NOT NULL REFERENCES exchange (id),
    name            TEXT    NOT NULL,
    sending_end_id  INTEGER NOT NULL REFERENCES channel_end (id),
    counter         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (exchange_id, name)
);

CREATE TABLE cable (
    id              INTEGER PRIMARY KEY,
    exchange_id     INTEGER NOT NULL REFERENCES exchange (id),
    series_id       INTEGER REFERENCES series (id),
    serial          INTEGER,
    station_prefix  TEXT,
    station_number  INTEGER,
    origin          TEXT    NOT NULL CHECK (origin IN ('RELEASED', 'IMPORTED')),
    precedence      TEXT    NOT NULL,
    classification  TEXT    NOT NULL,
    canonical       TEXT    NOT NULL,
    structured      TEXT    NOT NULL, -- the envelope (G3) as JSON; the content is the canonical text
    sha256          TEXT    NOT NULL,
    released_at     INTEGER,
    seen            INTEGER,
    document        INTEGER,
    edition_text    TEXT,
    created_at      INTEGER NOT NULL,
    CHECK ((series_id IS NULL) = (serial IS NULL)),
    CHECK (series_id IS NOT NULL OR station_number IS NOT NULL)
);
CREATE UNIQUE INDEX cable_designator ON cable (series_id, serial) WHERE series_id IS NOT NULL;
CREATE UNIQUE INDEX cable_station_serial_only
    ON cable (exchange_id, station_prefix, station_number) WHERE series_id IS NULL;

CREATE TABLE cable_reference (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    position        INTEGER NOT NULL,
    series          TEXT    NOT NULL,
    serial          INTEGER NOT NULL,
    paragraph       INTEGER,
    exchange_name   TEXT,
    PRIMARY KEY (cable_id, position)
);

-- Opposite-series cables delivered to the originator or releaser and not opened
-- by him at release (G5); filled once receipts exist.
CREATE TABLE released_unread (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    unread_cable_id INTEGER NOT NULL REFERENCES cable (id),
    PRIMARY KEY (cable_id, unread_cable_id)
);

CREATE TABLE event (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    exchange_id     INTEGER,
    cable_id        INTEGER,
    data            TEXT    NOT NULL
);
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;
