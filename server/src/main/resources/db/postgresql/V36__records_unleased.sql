-- PostgreSQL only (db/h2 has this version for H2, which has no partial indexes).
-- The claim walks a queue's unleased records in claim order (docs/dialler.md): indexing only
-- those keeps the records already claimed, which come first in that order, out of the walk,
-- so a claim reads about as many index entries as it takes, however many are leased.
CREATE INDEX records_unleased_order ON records (ccid, datasetid, processdate NULLS FIRST, id)
    WHERE lease_until IS NULL;

-- The sweep that clears leases run out reads the few leased records, not every record.
CREATE INDEX records_leased ON records (ccid, lease_until) WHERE lease_until IS NOT NULL;
