-- Stations that relay to each other witness each other's audit log (issue 25, G8; C2SP
-- tlog-cosignature): as a witness, this station keeps the latest checkpoint of each peer's log it
-- cosigned, and refuses any later one that is not consistent with it; as a log, it keeps the
-- cosignatures its peers gave its checkpoints.

ALTER TABLE peer ADD COLUMN witnessed_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE peer ADD COLUMN witnessed_root BLOB;
-- why the peer's log failed the witness's check, once it did: an alarm until an operator looks
ALTER TABLE peer ADD COLUMN witness_alarm TEXT;

CREATE TABLE cosignature (
    size            INTEGER NOT NULL,
    peer_id         INTEGER NOT NULL REFERENCES peer (id),
    at              INTEGER NOT NULL,
    line            TEXT    NOT NULL,
    PRIMARY KEY (size, peer_id)
) WITHOUT ROWID;
