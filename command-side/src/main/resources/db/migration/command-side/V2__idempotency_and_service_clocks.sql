-- What each Idempotency-Key did: claimed before its command runs, marked RECORDED in the same transaction as the
-- command's events, ANSWERED with the response that is replayed to a retry.
CREATE TABLE idempotency_record (
    principal        TEXT                     NOT NULL,
    idempotency_key  TEXT                     NOT NULL,
    request_hash     TEXT                     NOT NULL,
    state            TEXT                     NOT NULL,
    claim_id         TEXT                     NOT NULL,
    claimed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    customer_id      TEXT,
    version          BIGINT,
    response_status  INT,
    response_headers JSONB,
    response_body    TEXT,
    answered_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT idempotency_record_pk PRIMARY KEY (principal, idempotency_key),
    CONSTRAINT idempotency_record_state_ck CHECK (state IN ('IN_FLIGHT', 'RECORDED', 'ANSWERED'))
);
CREATE INDEX idempotency_record_claimed_at_ix ON idempotency_record (claimed_at);

-- Which scheduled deadline belongs to which running service-standard clock, so that stopping a clock in time
-- cancels its deadline by id.
CREATE TABLE service_clock_deadline (
    customer_id UUID NOT NULL,
    standard    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    schedule_id TEXT NOT NULL,
    CONSTRAINT service_clock_deadline_pk PRIMARY KEY (customer_id, standard, subject)
);
