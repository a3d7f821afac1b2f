-- Relay between stations (issue 25): the peers this station knows, the ends of channels that live
-- at a peer, the outbox of cables waiting for a peer's acknowledgement, what each peer
-- acknowledged, cables received from a peer with this station's own serial, and the receipts a
-- peer's readers gave to cables sent from here.

-- A peer is named by its station prefix; its key signs every relay request it makes.
CREATE TABLE peer (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    url             TEXT    NOT NULL,
    public_key      TEXT    NOT NULL,
    added_at        INTEGER NOT NULL,
    -- taken down by an operator, as an end is held
    down_since      INTEGER,
    down_by         TEXT,
    -- the sender's own view of the link: since when the peer did not answer, and why
    unreachable_since INTEGER,
    last_error      TEXT,
    last_ack_at     INTEGER,
    -- the audit-log index up to which the peer acknowledged the reports sent to it
    reports_sent    INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE channel_end ADD COLUMN peer_id INTEGER REFERENCES peer (id);

-- a cable received from a peer keeps its origin's station serial and gets one of this station's
ALTER TABLE cable ADD COLUMN relayed_from INTEGER REFERENCES peer (id);
ALTER TABLE cable ADD COLUMN received_number INTEGER;
CREATE UNIQUE INDEX cable_relayed ON cable (relayed_from, station_number)
    WHERE relayed_from IS NOT NULL;

-- waiting for the peer, by precedence (0 FLASH OVERRIDE .. 4 ROUTINE) then release time (G7)
CREATE TABLE relay_out (
    peer_id         INTEGER NOT NULL REFERENCES peer (id),
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    rank            INTEGER NOT NULL,
    released_at     INTEGER NOT NULL,
    PRIMARY KEY (peer_id, cable_id)
) WITHOUT ROWID;
CREATE INDEX relay_out_order ON relay_out (peer_id, rank, released_at, cable_id);

CREATE TABLE relayed (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    peer_id         INTEGER NOT NULL REFERENCES peer (id),
    acked_at        INTEGER NOT NULL,
    peer_number     INTEGER NOT NULL,
    PRIMARY KEY (cable_id, peer_id)
) WITHOUT ROWID;

CREATE TABLE remote_receipt (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    peer_id         INTEGER NOT NULL REFERENCES peer (id),
    reader          TEXT    NOT NULL,
    kind            TEXT    NOT NULL
        CHECK (kind IN ('DELIVERED', 'OPENED', 'READ_IN_FULL', 'ACKNOWLEDGED', 'PASSED')),
    at              INTEGER NOT NULL,
    client          TEXT    NOT NULL,
    by_reader       TEXT,
    PRIMARY KEY (cable_id, peer_id, reader, kind)
) WITHOUT ROWID;
CREATE TRIGGER remote_receipt_append_only_update BEFORE UPDATE ON remote_receipt
BEGIN SELECT RAISE(ABORT, 'receipts are never changed'); END;
CREATE TRIGGER remote_receipt_append_only_delete BEFORE DELETE ON remote_receipt
BEGIN SELECT RAISE(ABORT, 'receipts are never changed'); END;
