-- One key per customer for the personal fields of their events (crypto-shredding). Erasure destroys the key (secret
-- set to NULL): the events stay, unchanged and chained, and their personal fields can no longer be read.
CREATE TABLE personal_data_key (
    customer_id UUID                     NOT NULL,
    secret      BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT personal_data_key_pk PRIMARY KEY (customer_id)
);

GRANT SELECT, INSERT, UPDATE ON personal_data_key TO journey_app;
