-- The UTS #39 skeletons of names (issue 21), as db/migration/sqlite/V8; the station writes them.
-- PostgreSQL's unique indexes let NULL repeat as SQLite's do.
ALTER TABLE user_account ADD COLUMN name_skeleton TEXT;
ALTER TABLE user_account ADD COLUMN addressed_as_skeleton TEXT;
CREATE UNIQUE INDEX user_account_name_skeleton ON user_account (name_skeleton);
CREATE UNIQUE INDEX user_account_addressed_as_skeleton ON user_account (addressed_as_skeleton);

ALTER TABLE channel ADD COLUMN name_skeleton TEXT;
CREATE UNIQUE INDEX channel_name_skeleton ON channel (name_skeleton);

ALTER TABLE channel_end ADD COLUMN name_skeleton TEXT;
CREATE UNIQUE INDEX channel_end_name_skeleton ON channel_end (channel_id, name_skeleton);

ALTER TABLE exchange ADD COLUMN name_skeleton TEXT;
CREATE UNIQUE INDEX exchange_name_skeleton ON exchange (name_skeleton);

ALTER TABLE series ADD COLUMN name_skeleton TEXT;
CREATE UNIQUE INDEX series_name_skeleton ON series (exchange_id, name_skeleton);

ALTER TABLE caveat ADD COLUMN name_skeleton TEXT;
CREATE UNIQUE INDEX caveat_name_skeleton ON caveat (name_skeleton);
