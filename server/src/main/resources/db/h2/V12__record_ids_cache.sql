-- H2 only: a PostgreSQL sequence caches per session, and a larger cache there would give each
-- pooled connection a range of its own, so ids would stop following creation.
-- H2 writes a sequence's state to the file, in a commit of its own, each time its cache of
-- values runs out (32 by default): a 1,000-row create paid 31 extra commits. H2 hands out a
-- cached sequence's values in order to every session, so ids still follow creation; a crash
-- leaves at most a gap.
ALTER SEQUENCE record_ids CACHE 1000;
