-- PostgreSQL only. The claim walk reads records_unleased_order (V36) here, so nothing needs
-- records_claim_order, and it did harm: on a records table without statistics (just created,
-- or just loaded) it costs the same as the primary key for "id = $1", the planner took it, and
-- the lookup a foreign key check keeps (each custom value written, each record deleted) then
-- read the whole index every time. H2 keeps it for its walk.
DROP INDEX records_claim_order;
