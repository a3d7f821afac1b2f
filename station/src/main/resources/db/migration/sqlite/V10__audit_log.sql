-- The audit log of G8 (issue 23): every event is a leaf of an RFC 6962 Merkle tree, appended in
-- the event's own transaction. An event row names its leaf and keeps the leaf's salt; the tree is
-- kept as C2SP tlog-tiles (level 0: leaf hashes; each level above: roots of full tiles below), its
-- right edge beside it, so that neither an append nor a restart rehashes the log; and the signed
-- checkpoints are kept as they were served.

ALTER TABLE event ADD COLUMN leaf_index INTEGER;
ALTER TABLE event ADD COLUMN salt BLOB;
CREATE UNIQUE INDEX event_leaf ON event (leaf_index);
CREATE INDEX event_cable ON event (cable_id, kind) WHERE cable_id IS NOT NULL;

-- events written before this version get their leaves once, when the store opens; after that,
-- nothing of an event row changes
DROP TRIGGER event_append_only_update;
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
WHEN OLD.leaf_index IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
  OR NEW.kind IS NOT OLD.kind OR NEW.actor IS NOT OLD.actor
  OR NEW.exchange_id IS NOT OLD.exchange_id OR NEW.cable_id IS NOT OLD.cable_id
  OR NEW.data IS NOT OLD.data
BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;

CREATE TABLE log_tile (
    level           INTEGER NOT NULL,
    idx             INTEGER NOT NULL,
    hashes          BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE log_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    size            INTEGER NOT NULL,
    edge            BLOB    NOT NULL
);
INSERT INTO log_state (id, size, edge) VALUES (1, 0, X'');

CREATE TABLE checkpoint (
    size            INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    note            TEXT    NOT NULL
);
CREATE TRIGGER checkpoint_append_only_update BEFORE UPDATE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'the checkpoint table is append-only'); END;
CREATE TRIGGER checkpoint_append_only_delete BEFORE DELETE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'the checkpoint table is append-only'); END;
