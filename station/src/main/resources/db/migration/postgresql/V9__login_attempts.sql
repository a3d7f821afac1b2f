-- Login attempts in the store (issue 22), so that the limit of DESIGN 5.6 counts the attempts made
-- through every station process sharing a database. A row per attempt and subject ("account:NAME",
-- "address:ADDR"); rows older than the limit's window are deleted as attempts come.
CREATE TABLE login_attempt (
    subject         TEXT    NOT NULL,
    at              BIGINT  NOT NULL
);
CREATE INDEX login_attempt_subject ON login_attempt (subject, at);
CREATE INDEX login_attempt_at ON login_attempt (at);
