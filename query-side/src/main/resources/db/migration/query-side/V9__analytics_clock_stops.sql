-- A service clock is kept only if the fact that stops it happened by its due time: the analytics projection now notes
-- when each clock was stopped, so that a clock whose due time passed without a stop counts as missed at once, before
-- the engine records its breach. The column comes empty, so the tables are emptied and the projection's tokens
-- deleted: it rebuilds from the first event, stops included.
TRUNCATE read_model.analytics_customer, read_model.analytics_touchpoint, read_model.analytics_complaint,
         read_model.analytics_moment, read_model.analytics_service_clock, read_model.analytics_loss;
DELETE FROM token_entry WHERE processor_name = 'analytics';

ALTER TABLE read_model.analytics_service_clock ADD COLUMN stopped_at TIMESTAMP WITH TIME ZONE;

CREATE OR REPLACE VIEW analyst.service_clock AS
    SELECT pseudonym, standard, started_at, due_at, breached, stopped_at FROM read_model.analytics_service_clock;
