-- Traffic: drafts, delivery to ends and readers with end holds, receipts (DESIGN
-- 5.2, 5.3, G4, G5). Every change is also an event.

-- An end on hold receives nothing until resumed (DESIGN 5.2).
ALTER TABLE channel_end ADD COLUMN held_since INTEGER;
ALTER TABLE channel_end ADD COLUMN held_by TEXT;

-- Who released a cable (a user's name, or "operator" for direct mode).
ALTER TABLE cable ADD COLUMN releaser TEXT;
CREATE INDEX cable_exchange_series ON cable (exchange_id, series_id, serial);

CREATE TABLE draft (
    id              INTEGER PRIMARY KEY,
    exchange_id     INTEGER NOT NULL REFERENCES exchange (id),
    series_id       INTEGER NOT NULL REFERENCES series (id),
    end_id          INTEGER NOT NULL REFERENCES channel_end (id),
    author_id       INTEGER NOT NULL REFERENCES user_account (id),
    text            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    saved_at        INTEGER NOT NULL,
    approved_by     INTEGER REFERENCES user_account (id),
    approved_at     INTEGER
);

-- A cable reaches its receiving end when released, or when the end's hold is
-- lifted; delivered_at stays NULL while it is held.
CREATE TABLE end_delivery (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    end_id          INTEGER NOT NULL REFERENCES channel_end (id),
    queued_at       INTEGER NOT NULL,
    delivered_at    INTEGER,
    PRIMARY KEY (cable_id, end_id)
) WITHOUT ROWID;
CREATE INDEX end_delivery_held ON end_delivery (end_id, delivered_at);

-- Delivery to each reader; delivered_at NULL while held. due_at: held for the
-- reader's opening of business until then (DESIGN 5.2), NULL when not.
CREATE TABLE delivery (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    user_id         INTEGER NOT NULL REFERENCES user_account (id),
    queued_at       INTEGER NOT NULL,
    due_at          INTEGER,
    delivered_at    INTEGER,
    PRIMARY KEY (cable_id, user_id)
) WITHOUT ROWID;
CREATE INDEX delivery_user ON delivery (user_id, delivered_at);
CREATE INDEX delivery_due ON delivery (delivered_at, due_at);

-- Escalations of G7, each stage once per cable; SETTLED marks a cable every
-- action addressee answered in time, so that it is never looked at again.
CREATE TABLE escalation (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    stage           TEXT    NOT NULL
        CHECK (stage IN ('DEADLINE', 'DUTY_OFFICER', 'ORIGINATOR', 'SETTLED')),
    at              INTEGER NOT NULL,
    PRIMARY KEY (cable_id, stage)
) WITHOUT ROWID;

-- One receipt per (cable, reader, kind), never changed (G4).
CREATE TABLE receipt (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    user_id         INTEGER NOT NULL REFERENCES user_account (id),
    kind            TEXT    NOT NULL
        CHECK (kind IN ('DELIVERED', 'OPENED', 'READ_IN_FULL', 'ACKNOWLEDGED', 'PASSED')),
    at              INTEGER NOT NULL,
    client          TEXT    NOT NULL,
    by_user_id      INTEGER REFERENCES user_account (id),
    PRIMARY KEY (cable_id, user_id, kind)
) WITHOUT ROWID;
CREATE TRIGGER receipt_append_only_update BEFORE UPDATE ON receipt
BEGIN SELECT RAISE(ABORT, 'receipts are never changed'); END;
CREATE TRIGGER receipt_append_only_delete BEFORE DELETE ON receipt
BEGIN SELECT RAISE(ABORT, 'receipts are never changed'); END;
