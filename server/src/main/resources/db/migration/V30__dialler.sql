-- What the dialler keeps on each record: its attempts, and its claim. A claim is a lease: a
-- node that dies leaves records whose lease runs out, and any node may claim them again.

ALTER TABLE records ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN last_attempt_at BIGINT;
ALTER TABLE records ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE records ADD COLUMN lease_until BIGINT;
CREATE INDEX records_claim ON records (ccid, datasetid, processtype, lease_until);
