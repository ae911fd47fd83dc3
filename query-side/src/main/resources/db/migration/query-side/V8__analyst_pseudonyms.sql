-- Analysts see customers only by pseudonym. The pseudonym is computed by the engine under its key (it never lives in
-- the database), so the analytics projection stores it beside each row about a customer: the columns come empty, the
-- tables are emptied and the projection's tokens deleted, so that it rebuilds from the first event, pseudonyms included.
TRUNCATE read_model.analytics_customer, read_model.analytics_touchpoint, read_model.analytics_complaint,
         read_model.analytics_moment, read_model.analytics_service_clock, read_model.analytics_loss;
DELETE FROM token_entry WHERE processor_name = 'analytics';

ALTER TABLE read_model.analytics_customer ADD COLUMN pseudonym TEXT NOT NULL;
ALTER TABLE read_model.analytics_complaint ADD COLUMN pseudonym TEXT NOT NULL;
ALTER TABLE read_model.analytics_service_clock ADD COLUMN pseudonym TEXT NOT NULL;
ALTER TABLE read_model.analytics_loss ADD COLUMN pseudonym TEXT NOT NULL;
CREATE UNIQUE INDEX analytics_customer_pseudonym_uk ON read_model.analytics_customer (pseudonym);

-- What analysts may query with SQL: the analytics facts, by pseudonym, without customer ids, without the ids of
-- complaints, touchpoints, follow-ups or events (which the engine's other views key by), and without any free text.
-- A view runs with its owner's rights, so the analyst needs no right on read_model itself.
CREATE SCHEMA IF NOT EXISTS analyst;
REVOKE ALL ON SCHEMA analyst FROM PUBLIC;

CREATE VIEW analyst.customer AS
    SELECT pseudonym, lost FROM read_model.analytics_customer;

CREATE VIEW analyst.complaint AS
    SELECT pseudonym, category, severity, channel, filed_at, acknowledged_at, resolved_at, reopened, open
      FROM read_model.analytics_complaint;

CREATE VIEW analyst.moment AS
    SELECT occurred_at, kind, channel, stage, valence FROM read_model.analytics_moment;

CREATE VIEW analyst.service_clock AS
    SELECT pseudonym, standard, started_at, due_at, breached FROM read_model.analytics_service_clock;

CREATE VIEW analyst.loss AS
    SELECT pseudonym, lost_at, reason, stated_reason FROM read_model.analytics_loss;

-- The analysts' role: grant it to their logins. It reads the analyst schema and nothing else.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'journey_analyst') THEN
        CREATE ROLE journey_analyst NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA analyst TO journey_analyst;
GRANT SELECT ON analyst.customer, analyst.complaint, analyst.moment, analyst.service_clock, analyst.loss
    TO journey_analyst;
