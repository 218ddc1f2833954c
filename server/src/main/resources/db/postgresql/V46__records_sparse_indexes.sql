-- PostgreSQL only (H2 has no partial indexes). Most records have one or two of their three
-- numbers and no callback, yet every record wrote an entry for each absent one. Every query on
-- these columns asks for a value (= a number, IN numbers, callback <= now), which the planner
-- knows is never null, so indexing only the rows that have one answers them all.
DROP INDEX records_home;
DROP INDEX records_work;
DROP INDEX records_mobile;
DROP INDEX records_callback;
CREATE INDEX records_home ON records (ccid, homephone_e164) WHERE homephone_e164 IS NOT NULL;
CREATE INDEX records_work ON records (ccid, workphone_e164) WHERE workphone_e164 IS NOT NULL;
CREATE INDEX records_mobile ON records (ccid, mobilephone_e164)
    WHERE mobilephone_e164 IS NOT NULL;
CREATE INDEX records_callback ON records (ccid, callback) WHERE callback IS NOT NULL;
