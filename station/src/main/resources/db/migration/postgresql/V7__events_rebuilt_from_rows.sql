-- What an event records that no row kept, as db/migration/sqlite/V7.
ALTER TABLE session ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE cable ADD COLUMN source TEXT;
ALTER TABLE escalation ADD COLUMN late TEXT NOT NULL DEFAULT '[]';
ALTER TABLE escalation ADD COLUMN notified TEXT NOT NULL DEFAULT '[]';
