-- When each reader first opened what was delivered to him, as db/migration/sqlite/V5.
ALTER TABLE delivery ADD COLUMN opened_at BIGINT;
UPDATE delivery SET opened_at = (
    SELECT r.at FROM receipt r
    WHERE r.cable_id = delivery.cable_id AND r.user_id = delivery.user_id AND r.kind = 'OPENED');
CREATE INDEX delivery_unopened ON delivery (user_id, cable_id)
    WHERE delivered_at IS NOT NULL AND opened_at IS NULL;
