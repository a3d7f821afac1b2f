-- Every event can be rebuilt from the rows it covers (issue 20), so the audit
-- log can check the rows against the events: what an event records that no
-- row kept is kept now. Rows written before this version keep the defaults.

-- the address a login came from
ALTER TABLE session ADD COLUMN address TEXT NOT NULL DEFAULT '';

-- the file an imported cable was read from
ALTER TABLE cable ADD COLUMN source TEXT;

-- who was late and who was told, as JSON arrays of user names
ALTER TABLE escalation ADD COLUMN late TEXT NOT NULL DEFAULT '[]';
ALTER TABLE escalation ADD COLUMN notified TEXT NOT NULL DEFAULT '[]';
