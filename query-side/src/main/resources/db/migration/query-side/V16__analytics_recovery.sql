-- Recovery measured: each CSAT or NPS answer, scaled to 0..1, so that a resolved complaint can be read against the
-- customer's own satisfaction before it and after its resolution (docs/analyst-guide.md, "/analytics/recovery").
-- The analytics projection did not keep surveys before, so its tables are emptied and its tokens deleted: it replays
-- from the first event (the figures answer from what it has replayed meanwhile; /admin/projections shows its progress).
CREATE TABLE read_model.analytics_survey (
    event_id    TEXT                     NOT NULL,
    customer_id UUID                     NOT NULL,
    pseudonym   TEXT                     NOT NULL,
    kind        TEXT                     NOT NULL,
    scaled      DOUBLE PRECISION         NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT analytics_survey_pk PRIMARY KEY (event_id)
);
CREATE INDEX analytics_survey_customer_ix ON read_model.analytics_survey (customer_id, occurred_at);

COMMENT ON COLUMN read_model.analytics_survey.scaled IS
    'the score on 0..1: (score - lowest) / (highest - lowest) of its kind (CSAT 1-5, NPS 0-10)';

CREATE VIEW analyst.survey AS
    SELECT pseudonym, kind, scaled, occurred_at FROM read_model.analytics_survey;
GRANT SELECT ON analyst.survey TO journey_analyst;

TRUNCATE read_model.analytics_customer, read_model.analytics_touchpoint, read_model.analytics_complaint,
         read_model.analytics_moment, read_model.analytics_service_clock, read_model.analytics_loss,
         read_model.analytics_moment_tally, read_model.analytics_complaint_tally, read_model.analytics_clock_tally,
         read_model.analytics_consent_breach;
DELETE FROM token_entry WHERE processor_name = 'analytics';
