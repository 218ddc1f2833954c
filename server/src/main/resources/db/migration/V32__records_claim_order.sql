-- The claim walks a queue's datasets in process date and id order (docs/dialler.md): this
-- index gives that order, so a claim reads a few rows instead of sorting every dialable one.
CREATE INDEX records_claim_order ON records (ccid, datasetid, processdate NULLS FIRST, id);
