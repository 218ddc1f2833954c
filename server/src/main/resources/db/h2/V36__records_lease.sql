-- H2 only (db/postgresql has this version for PostgreSQL, with partial indexes).
-- The sweep that clears leases run out finds them by this index, not by reading every record;
-- the claim walk keeps using records_claim_order (V32).
CREATE INDEX records_leased ON records (ccid, lease_until);
