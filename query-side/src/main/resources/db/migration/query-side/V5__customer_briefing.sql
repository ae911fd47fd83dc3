-- The agent briefing: everything a pre-call plan needs, one row per customer, read by its key.
CREATE TABLE read_model.customer_briefing (
    customer_id UUID   NOT NULL,
    state       JSONB  NOT NULL,
    version     BIGINT NOT NULL,
    CONSTRAINT customer_briefing_pk PRIMARY KEY (customer_id)
);
