-- A dialler call from origination until its outcome is written. A row left here when a server
-- stops is a call whose outcome was never written: the next start closes it with outcome 108.

CREATE TABLE calls_open (
    callid      BIGINT       NOT NULL PRIMARY KEY,
    ccid        BIGINT       NOT NULL,
    qid         BIGINT       NOT NULL,
    record_id   BIGINT       NOT NULL,
    dataset_id  BIGINT       NOT NULL,
    node        VARCHAR(64)  NOT NULL,
    ddi         VARCHAR(32)  NOT NULL,
    cli         VARCHAR(32)  NOT NULL,
    t_init_ms   BIGINT       NOT NULL
);
CREATE INDEX calls_open_node ON calls_open (node);
