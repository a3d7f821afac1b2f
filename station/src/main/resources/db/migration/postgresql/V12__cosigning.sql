-- Stations witness each other's audit log, as db/migration/sqlite/V12.

ALTER TABLE peer ADD COLUMN witnessed_size BIGINT NOT NULL DEFAULT 0;
ALTER TABLE peer ADD COLUMN witnessed_root BYTEA;
ALTER TABLE peer ADD COLUMN witness_alarm TEXT;

CREATE TABLE cosignature (
    size            BIGINT  NOT NULL,
    peer_id         BIGINT  NOT NULL REFERENCES peer (id),
    at              BIGINT  NOT NULL,
    line            TEXT    NOT NULL,
    PRIMARY KEY (size, peer_id)
);
