-- The last time the dialler refused to dial a record, and why (compliance.md: every refusal is
-- recorded with its reason). The wire name of the reason, such as hours or dnc; Unix seconds.
ALTER TABLE records ADD COLUMN refusal_reason VARCHAR(20);
ALTER TABLE records ADD COLUMN refused_at BIGINT;
