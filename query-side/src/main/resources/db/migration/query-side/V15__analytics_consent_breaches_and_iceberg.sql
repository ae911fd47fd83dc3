-- Contact only where welcome: one row per ConsentBreached the engine recorded (an outbound contact or a win-back offer
-- over a channel the customer had not consented to), without personal data. No earlier fact was judged, so the table
-- starts empty and no replay is needed.
CREATE TABLE read_model.analytics_consent_breach (
    event_id    TEXT                     NOT NULL,
    customer_id UUID                     NOT NULL,
    pseudonym   TEXT                     NOT NULL,
    channel     TEXT                     NOT NULL,
    contact     TEXT                     NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT analytics_consent_breach_pk PRIMARY KEY (event_id)
);

COMMENT ON COLUMN read_model.analytics_consent_breach.contact IS 'TOUCHPOINT, or WIN_BACK for a win-back offer';

CREATE VIEW analyst.consent_breach AS
    SELECT pseudonym, channel, contact, occurred_at FROM read_model.analytics_consent_breach;
GRANT SELECT ON analyst.consent_breach TO journey_analyst;

-- The iceberg's estimates start from counted happy customers: positive survey answers per month, read through this
-- small partial index instead of every moment.
CREATE INDEX analytics_moment_positive_survey_ix ON read_model.analytics_moment (occurred_at)
    WHERE kind = 'SURVEY' AND valence = 'POSITIVE';
