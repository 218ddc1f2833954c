-- The share of machine detections that were really persons, per queue, in percent: each one
-- counts as an abandoned live answer on the queue's abandon meters (compliance.md). Existing
-- queues keep the 5% the dialler assumed before.
ALTER TABLE queues ADD COLUMN amd_fp_rate DECIMAL(5, 2) NOT NULL DEFAULT 5;
