-- When each reader first opened what was delivered to him, beside the OPENED
-- receipt that records it (G4), so that the release warning of G5 ("you have
-- not opened Tohak 85") reads a reader's unopened deliveries by an index
-- instead of looking at every delivery he ever had.
ALTER TABLE delivery ADD COLUMN opened_at INTEGER;
UPDATE delivery SET opened_at = (
    SELECT r.at FROM receipt r
    WHERE r.cable_id = delivery.cable_id AND r.user_id = delivery.user_id AND r.kind = 'OPENED');
CREATE INDEX delivery_unopened ON delivery (user_id, cable_id)
    WHERE delivered_at IS NOT NULL AND opened_at IS NULL;
