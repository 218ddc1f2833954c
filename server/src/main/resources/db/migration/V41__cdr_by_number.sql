-- The compliance guard looks up a number's recent calls (abandons in 72 hours, machines in 24)
-- before every dial.
CREATE INDEX cdr_ccid_ddi_init ON cdr (ccid, ddi, t_init_ms);
