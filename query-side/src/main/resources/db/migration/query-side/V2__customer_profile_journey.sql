-- The customer profile follows the whole journey. Special-category attribute values never enter the read models.
ALTER TABLE read_model.customer_profile
    ADD COLUMN status                 TEXT          NOT NULL DEFAULT 'ACTIVE',
    ADD COLUMN attributes             JSONB         NOT NULL DEFAULT '{}',
    ADD COLUMN consents               TEXT[]        NOT NULL DEFAULT '{}',
    ADD COLUMN declared_channel       TEXT,
    ADD COLUMN inbound_channels       JSONB         NOT NULL DEFAULT '{}',
    ADD COLUMN contact_hours          INT[]         NOT NULL DEFAULT array_fill(0, ARRAY[24]),
    ADD COLUMN purchase_count         INT           NOT NULL DEFAULT 0,
    ADD COLUMN revenue                NUMERIC(16,2) NOT NULL DEFAULT 0,
    ADD COLUMN currency               TEXT,
    ADD COLUMN first_purchase_at      TIMESTAMP WITH TIME ZONE,
    ADD COLUMN last_purchase_at       TIMESTAMP WITH TIME ZONE,
    ADD COLUMN relationship_balance   INT           NOT NULL DEFAULT 0,
    ADD COLUMN open_complaints        INT           NOT NULL DEFAULT 0,
    ADD COLUMN last_contact_at        TIMESTAMP WITH TIME ZONE,
    ADD COLUMN lost_at                TIMESTAMP WITH TIME ZONE,
    ADD COLUMN reactivated_at         TIMESTAMP WITH TIME ZONE;

-- Each moment's weight (+1/0/-1) and time, for the balance of the last 90 days.
CREATE TABLE read_model.customer_profile_moment (
    customer_id UUID                     NOT NULL,
    event_id    TEXT                     NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    weight      SMALLINT                 NOT NULL,
    CONSTRAINT customer_profile_moment_pk PRIMARY KEY (customer_id, event_id)
);
CREATE INDEX customer_profile_moment_time_ix ON read_model.customer_profile_moment (customer_id, occurred_at);

-- Survey scores, for the satisfaction trend.
CREATE TABLE read_model.customer_profile_survey (
    customer_id UUID                     NOT NULL,
    event_id    TEXT                     NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    kind        TEXT                     NOT NULL,
    score       INT                      NOT NULL,
    CONSTRAINT customer_profile_survey_pk PRIMARY KEY (customer_id, event_id)
);

-- Follow-ups promised and not yet completed or missed.
CREATE TABLE read_model.customer_profile_follow_up (
    customer_id  UUID                     NOT NULL,
    follow_up_id UUID                     NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    state        TEXT                     NOT NULL,
    CONSTRAINT customer_profile_follow_up_pk PRIMARY KEY (customer_id, follow_up_id)
);
