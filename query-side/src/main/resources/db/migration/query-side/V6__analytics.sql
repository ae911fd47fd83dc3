-- Facts for analysts: numbers, not personal data. One row per complaint, per moment with a channel or stage,
-- per service-standard clock, per loss, per customer.
CREATE TABLE read_model.analytics_customer (
    customer_id UUID    NOT NULL,
    lost        BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT analytics_customer_pk PRIMARY KEY (customer_id)
);

CREATE TABLE read_model.analytics_touchpoint (
    touchpoint_id UUID NOT NULL,
    channel       TEXT NOT NULL,
    CONSTRAINT analytics_touchpoint_pk PRIMARY KEY (touchpoint_id)
);

CREATE TABLE read_model.analytics_complaint (
    complaint_id    UUID                     NOT NULL,
    customer_id     UUID                     NOT NULL,
    category        TEXT                     NOT NULL,
    severity        TEXT                     NOT NULL,
    channel         TEXT,
    filed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    reopened        INT                      NOT NULL DEFAULT 0,
    open            BOOLEAN                  NOT NULL DEFAULT TRUE,
    CONSTRAINT analytics_complaint_pk PRIMARY KEY (complaint_id)
);
CREATE INDEX analytics_complaint_customer_ix ON read_model.analytics_complaint (customer_id);

CREATE TABLE read_model.analytics_moment (
    event_id    TEXT                     NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    kind        TEXT                     NOT NULL,
    channel     TEXT,
    stage       TEXT,
    valence     TEXT                     NOT NULL,
    CONSTRAINT analytics_moment_pk PRIMARY KEY (event_id)
);

CREATE TABLE read_model.analytics_service_clock (
    customer_id UUID                     NOT NULL,
    standard    TEXT                     NOT NULL,
    subject     TEXT                     NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    breached    BOOLEAN                  NOT NULL DEFAULT FALSE,
    CONSTRAINT analytics_service_clock_pk PRIMARY KEY (customer_id, standard, subject, started_at)
);

CREATE TABLE read_model.analytics_loss (
    customer_id   UUID                     NOT NULL,
    lost_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason        TEXT                     NOT NULL,
    stated_reason TEXT,
    CONSTRAINT analytics_loss_pk PRIMARY KEY (customer_id, lost_at)
);
