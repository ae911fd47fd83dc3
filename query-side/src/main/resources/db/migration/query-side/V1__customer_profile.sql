-- Read models live in their own schema; analysts may query them with SQL (see docs/analyst-guide.md).
CREATE SCHEMA IF NOT EXISTS read_model;

-- One row per customer: who they are and how to reach them, as the customer-profile projection sees it.
CREATE TABLE read_model.customer_profile (
    customer_id    UUID                     NOT NULL,
    name           TEXT                     NOT NULL,
    email          TEXT,
    phone          TEXT,
    identified_via TEXT                     NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT                   NOT NULL,
    CONSTRAINT customer_profile_pk PRIMARY KEY (customer_id)
);
CREATE INDEX customer_profile_email_ix ON read_model.customer_profile (lower(email));
CREATE INDEX customer_profile_phone_ix ON read_model.customer_profile (phone);
