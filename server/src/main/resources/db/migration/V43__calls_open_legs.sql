-- The legs a call grows after its record's attempt, a third party and a customer a queue took
-- over, are open calls too (dtype tpt): a server that stops during one leaves a row, and the
-- next start writes the leg's CDR with outcome 108 without touching the record, whose attempt
-- is the dialler's own call.
ALTER TABLE calls_open ADD COLUMN dtype VARCHAR(8) DEFAULT 'out' NOT NULL;
