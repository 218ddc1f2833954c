-- When the compliance guard refuses a record, the dialler need not judge it again before the
-- guard's own "not before" (the next calling window, the end of a retry gap): without this, a
-- head of refused records in claim order is judged on every claim and hides the dialable ones
-- behind it.
ALTER TABLE records ADD COLUMN judge_again_at BIGINT;
