-- The moment-of-truth timeline: one row per moment, newest first by when it happened.
CREATE TABLE read_model.moment_of_truth (
    event_id    TEXT                     NOT NULL,
    customer_id UUID                     NOT NULL,
    sequence    BIGINT                   NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    kind        TEXT                     NOT NULL,
    channel     TEXT,
    stage       TEXT,
    valence     TEXT,
    summary     TEXT                     NOT NULL,
    CONSTRAINT moment_of_truth_pk PRIMARY KEY (event_id),
    CONSTRAINT moment_of_truth_customer_sequence_uk UNIQUE (customer_id, sequence)
);
CREATE INDEX moment_of_truth_page_ix ON read_model.moment_of_truth (customer_id, occurred_at DESC, sequence DESC);
