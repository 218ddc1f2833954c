-- The version of a centre's definitions: its own row, its campaign tables and their fields.
-- Every change to them adds one to it in the same transaction, and the token check reads it,
-- so a node that keeps definitions in memory knows at once, with no extra query, that another
-- node has changed them.
ALTER TABLE centres ADD COLUMN definitions_version BIGINT NOT NULL DEFAULT 0;
