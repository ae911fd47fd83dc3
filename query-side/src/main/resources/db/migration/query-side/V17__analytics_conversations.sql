-- Conversations judged: each touchpoint row now carries its customer, the conversation it is part of (the client's
-- id, scoped to the customer), its agent, interaction-cycle stage, valence and time, and whether its note was checked;
-- the phrases to avoid its note used are counted per touchpoint. A complaint row names the touchpoint it came through,
-- so that a conversation has the category of a complaint filed about one of its contacts. Conversations are grouped
-- from these rows when asked (docs/analyst-guide.md, "/analytics/conversations").
-- The new columns come empty, so the analytics tables are emptied and the projection replays from the first event.
ALTER TABLE read_model.analytics_touchpoint
    ADD COLUMN customer_id     UUID,
    ADD COLUMN conversation_id TEXT,
    ADD COLUMN agent_id        TEXT,
    ADD COLUMN stage           TEXT,
    ADD COLUMN valence         TEXT,
    ADD COLUMN occurred_at     TIMESTAMP WITH TIME ZONE,
    ADD COLUMN note_checked    BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX analytics_touchpoint_conversation_ix ON read_model.analytics_touchpoint (customer_id, conversation_id)
    WHERE conversation_id IS NOT NULL;

ALTER TABLE read_model.analytics_complaint ADD COLUMN touchpoint_id UUID;

CREATE TABLE read_model.analytics_phrase_used (
    touchpoint_id UUID NOT NULL,
    phrase        TEXT NOT NULL,
    uses          INT  NOT NULL,
    CONSTRAINT analytics_phrase_used_pk PRIMARY KEY (touchpoint_id, phrase)
);

TRUNCATE read_model.analytics_customer, read_model.analytics_touchpoint, read_model.analytics_complaint,
         read_model.analytics_moment, read_model.analytics_service_clock, read_model.analytics_loss,
         read_model.analytics_moment_tally, read_model.analytics_complaint_tally, read_model.analytics_clock_tally,
         read_model.analytics_consent_breach, read_model.analytics_survey;
DELETE FROM token_entry WHERE processor_name = 'analytics';

-- The iceberg counts positive answers from analytics_survey (CSAT and NPS only), no longer from the moments.
DROP INDEX read_model.analytics_moment_positive_survey_ix;

-- The replay starts afresh: events the analytics projection had parked would queue their customers' whole replay
-- behind them and, retried, be applied once more.
DELETE FROM dead_letter_entry WHERE processing_group = 'analytics';
