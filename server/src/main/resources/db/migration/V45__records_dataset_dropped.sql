-- records_claim (ccid, datasetid, processtype, lease_until) begins with every column of
-- records_dataset, so it serves every lookup that one did; each record written or claimed
-- paid for both.
DROP INDEX records_dataset;
