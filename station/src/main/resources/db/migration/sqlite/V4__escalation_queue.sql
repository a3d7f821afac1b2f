-- The cables the clockwork still has to look at for the escalations of G7: one
-- row a cable and receiving end, due when its next stage could fall. A row goes
-- once its cable is settled or has reached its originator. The clockwork reads
-- only the rows that are due, by their index, however much traffic the station
-- holds; before, it scanned two days of deliveries every second.
CREATE TABLE escalation_due (
    cable_id        INTEGER NOT NULL REFERENCES cable (id),
    end_id          INTEGER NOT NULL REFERENCES channel_end (id),
    due_at          INTEGER NOT NULL,
    PRIMARY KEY (cable_id, end_id)
) WITHOUT ROWID;
CREATE INDEX escalation_due_at ON escalation_due (due_at);

-- What was delivered and not finished is looked at on the first tick, which
-- finds each one's next stage.
INSERT INTO escalation_due (cable_id, end_id, due_at)
SELECT e.cable_id, e.end_id, e.delivered_at FROM end_delivery e
WHERE e.delivered_at IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM escalation x
    WHERE x.cable_id = e.cable_id AND x.stage IN ('ORIGINATOR', 'SETTLED'));
