-- Who read which customer's data, when, through which operation, and with what outcome: one row per read of
-- identified data, written before the answer leaves the engine. Append-only for the engine's role, like the events.
CREATE TABLE access_log (
    id             BIGSERIAL    NOT NULL,
    at             TIMESTAMPTZ  NOT NULL,
    subject        TEXT         NOT NULL,
    client         TEXT         NOT NULL,
    scopes         TEXT         NOT NULL,
    token_id       TEXT,
    operation      TEXT         NOT NULL,
    http_method    TEXT         NOT NULL,
    path           TEXT         NOT NULL,
    customer_id    UUID,
    outcome        TEXT         NOT NULL,
    entries        BIGINT,
    correlation_id TEXT         NOT NULL,
    purpose        TEXT,
    CONSTRAINT access_log_pk PRIMARY KEY (id),
    CONSTRAINT access_log_purpose_length CHECK (purpose IS NULL OR char_length(purpose) <= 200),
    CONSTRAINT access_log_entries_not_negative CHECK (entries IS NULL OR entries >= 0)
);

-- Newest first by key (id), per customer and per reader: the auditors' two ways to page the log.
CREATE INDEX access_log_by_customer ON access_log (customer_id, id DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX access_log_by_subject ON access_log (subject, id DESC);

REVOKE ALL ON access_log FROM journey_app;
GRANT SELECT, INSERT ON access_log TO journey_app;
GRANT USAGE, SELECT ON SEQUENCE access_log_id_seq TO journey_app;
