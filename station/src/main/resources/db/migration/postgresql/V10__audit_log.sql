-- The audit log of G8, as db/migration/sqlite/V10.

ALTER TABLE event ADD COLUMN leaf_index BIGINT;
ALTER TABLE event ADD COLUMN salt BYTEA;
CREATE UNIQUE INDEX event_leaf ON event (leaf_index);
CREATE INDEX event_cable ON event (cable_id, kind) WHERE cable_id IS NOT NULL;

CREATE FUNCTION event_leaf_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.leaf_index IS NOT NULL
       OR (NEW.id, NEW.at, NEW.kind, NEW.actor, NEW.exchange_id, NEW.cable_id, NEW.data)
          IS DISTINCT FROM
          (OLD.id, OLD.at, OLD.kind, OLD.actor, OLD.exchange_id, OLD.cable_id, OLD.data) THEN
        RAISE EXCEPTION 'the event table is append-only';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER event_append_only_update ON event;
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
    FOR EACH ROW EXECUTE FUNCTION event_leaf_once();

CREATE TABLE log_tile (
    level           INTEGER NOT NULL,
    idx             BIGINT  NOT NULL,
    hashes          BYTEA   NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE log_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    size            BIGINT  NOT NULL,
    edge            BYTEA   NOT NULL
);
INSERT INTO log_state (id, size, edge) VALUES (1, 0, '\x');

CREATE TABLE checkpoint (
    size            BIGINT  PRIMARY KEY,
    at              BIGINT  NOT NULL,
    note            TEXT    NOT NULL
);
CREATE TRIGGER checkpoint_append_only_update BEFORE UPDATE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_change('the checkpoint table is append-only');
CREATE TRIGGER checkpoint_append_only_delete BEFORE DELETE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_change('the checkpoint table is append-only');
