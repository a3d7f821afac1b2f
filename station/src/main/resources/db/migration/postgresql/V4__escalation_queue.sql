-- The cables the clockwork still has to look at for the escalations of G7, as
-- db/migration/sqlite/V4.
CREATE TABLE escalation_due (
    cable_id        BIGINT  NOT NULL REFERENCES cable (id),
    end_id          BIGINT  NOT NULL REFERENCES channel_end (id),
    due_at          BIGINT  NOT NULL,
    PRIMARY KEY (cable_id, end_id)
);
CREATE INDEX escalation_due_at ON escalation_due (due_at);

INSERT INTO escalation_due (cable_id, end_id, due_at)
SELECT e.cable_id, e.end_id, e.delivered_at FROM end_delivery e
WHERE e.delivered_at IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM escalation x
    WHERE x.cable_id = e.cable_id AND x.stage IN ('ORIGINATOR', 'SETTLED'));
