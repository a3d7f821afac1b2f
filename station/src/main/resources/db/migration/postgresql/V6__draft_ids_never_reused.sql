-- db/migration/sqlite/V6 made draft ids never given again. On PostgreSQL they never were: an
-- identity's sequence does not go back. The version is kept so that both schemas number alike.
SELECT 1;
