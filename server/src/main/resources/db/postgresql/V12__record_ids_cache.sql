-- PostgreSQL: nothing (db/h2 has this version for H2). A sequence's cache is per session here,
-- so a larger one would hand each pooled connection its own range and ids would stop
-- following creation; nextval is cheap enough as it is.
SELECT 1;
