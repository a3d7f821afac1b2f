-- A draft's id is never given again (issue 20): a plain INTEGER PRIMARY KEY
-- gave the next draft after a release the id of the one just released, so a
-- stale "release --draft 1" could release another text. AUTOINCREMENT needs
-- the table made anew; its counter starts past every id the events name.
CREATE TABLE draft_numbered (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    exchange_id     INTEGER NOT NULL REFERENCES exchange (id),
    series_id       INTEGER NOT NULL REFERENCES series (id),
    end_id          INTEGER NOT NULL REFERENCES channel_end (id),
    author_id       INTEGER NOT NULL REFERENCES user_account (id),
    text            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    saved_at        INTEGER NOT NULL,
    approved_by     INTEGER REFERENCES user_account (id),
    approved_at     INTEGER
);
INSERT INTO draft_numbered (id, exchange_id, series_id, end_id, author_id, text, created_at,
                            saved_at, approved_by, approved_at)
SELECT id, exchange_id, series_id, end_id, author_id, text, created_at, saved_at, approved_by,
       approved_at
FROM draft;
DROP TABLE draft;
ALTER TABLE draft_numbered RENAME TO draft;
INSERT INTO sqlite_sequence (name, seq)
SELECT 'draft', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'draft');
UPDATE sqlite_sequence
SET seq = MAX(seq, (SELECT COALESCE(MAX(CAST(json_extract(data, '$.draft') AS INTEGER)), 0)
                    FROM event WHERE kind = 'DRAFT_SAVED'))
WHERE name = 'draft';
