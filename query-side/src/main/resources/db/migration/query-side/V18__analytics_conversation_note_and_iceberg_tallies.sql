-- Issue #16's figures kept as the facts arrive, as V11 and V12 did for the earlier ones: grouped when asked, they
-- read every touchpoint or every complaint, and missed the console's 300 ms (docs/benchmarks.md). Triggers on the rows
-- the analytics projection writes keep, in the same transaction and in the schema of the table written:
--   analytics_conversation           one row per conversation (a customer's touchpoints naming one conversation id):
--                                     its first contact's channel, the agent of its first contact with one, its last
--                                     contact's valence, the stages reached, and the category of a complaint filed
--                                     about one of its contacts (the lowest);
--   analytics_conversation_tally     conversations, stages reached and skipped, closing and last valence per agent,
--                                     channel and category, from the conversation rows as they change;
--   analytics_conversation_customer  conversations per group and customer, so that a group's customers are counted up to
--                                     the minimum group size, not all of them;
--   analytics_note_tally             notes checked and notes that used a phrase to avoid, per agent;
--   analytics_note_customer          the customers of each agent's checked notes;
--   analytics_phrase_tally           uses of each phrase to avoid, per agent;
--   analytics_period_tally           complaints, complainants, positive answers and customers who answered positively,
--                                     per UTC month and year;
--   analytics_period_customer        who complained and who answered positively in each period, counted once.
-- A transaction that adds to them first takes its schema's tally lock (V11), so that two segments of the projection
-- never lock shared rows in opposite orders.

ALTER TABLE read_model.analytics_touchpoint ADD COLUMN note_flagged BOOLEAN NOT NULL DEFAULT FALSE;
DROP INDEX read_model.analytics_touchpoint_conversation_ix;

CREATE TABLE read_model.analytics_conversation (
    customer_id      UUID                     NOT NULL,
    conversation_id  TEXT                     NOT NULL,
    first_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    first_touchpoint UUID                     NOT NULL,
    channel          TEXT                     NOT NULL,
    agent_at         TIMESTAMP WITH TIME ZONE,
    agent_touchpoint UUID,
    agent            TEXT,
    last_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_touchpoint  UUID                     NOT NULL,
    last_valence     TEXT,
    greeting         BOOLEAN                  NOT NULL,
    understanding    BOOLEAN                  NOT NULL,
    agreeing         BOOLEAN                  NOT NULL,
    delivering       BOOLEAN                  NOT NULL,
    closing          BOOLEAN                  NOT NULL,
    category         TEXT,
    CONSTRAINT analytics_conversation_pk PRIMARY KEY (customer_id, conversation_id)
);

CREATE TABLE read_model.analytics_conversation_tally (
    dimension             TEXT   NOT NULL,
    grp                   TEXT   NOT NULL,
    conversations         BIGINT NOT NULL,
    greeting              BIGINT NOT NULL,
    understanding         BIGINT NOT NULL,
    agreeing              BIGINT NOT NULL,
    delivering            BIGINT NOT NULL,
    closing               BIGINT NOT NULL,
    skipped_greeting      BIGINT NOT NULL,
    skipped_understanding BIGINT NOT NULL,
    skipped_agreeing      BIGINT NOT NULL,
    skipped_delivering    BIGINT NOT NULL,
    positive              BIGINT NOT NULL,
    negative              BIGINT NOT NULL,
    CONSTRAINT analytics_conversation_tally_pk PRIMARY KEY (dimension, grp)
);

CREATE TABLE read_model.analytics_conversation_customer (
    dimension     TEXT NOT NULL,
    grp           TEXT NOT NULL,
    customer_id   UUID NOT NULL,
    conversations INT  NOT NULL,
    CONSTRAINT analytics_conversation_customer_pk PRIMARY KEY (dimension, grp, customer_id)
);

CREATE TABLE read_model.analytics_note_tally (
    agent   TEXT   NOT NULL,
    notes   BIGINT NOT NULL,
    flagged BIGINT NOT NULL,
    CONSTRAINT analytics_note_tally_pk PRIMARY KEY (agent)
);

CREATE TABLE read_model.analytics_note_customer (
    agent       TEXT NOT NULL,
    customer_id UUID NOT NULL,
    CONSTRAINT analytics_note_customer_pk PRIMARY KEY (agent, customer_id)
);

CREATE TABLE read_model.analytics_phrase_tally (
    agent  TEXT   NOT NULL,
    phrase TEXT   NOT NULL,
    uses   BIGINT NOT NULL,
    CONSTRAINT analytics_phrase_tally_pk PRIMARY KEY (agent, phrase)
);

CREATE TABLE read_model.analytics_period_tally (
    period_kind  TEXT   NOT NULL,
    period       TEXT   NOT NULL,
    complaints   BIGINT NOT NULL,
    complainants BIGINT NOT NULL,
    positive     BIGINT NOT NULL,
    happy        BIGINT NOT NULL,
    CONSTRAINT analytics_period_tally_pk PRIMARY KEY (period_kind, period)
);

CREATE TABLE read_model.analytics_period_customer (
    period_kind TEXT NOT NULL,
    period      TEXT NOT NULL,
    counted_as  TEXT NOT NULL, -- COMPLAINANT or HAPPY
    customer_id UUID NOT NULL,
    CONSTRAINT analytics_period_customer_pk PRIMARY KEY (period_kind, period, counted_as, customer_id)
);

-- A touchpoint written: its conversation's row, its checked note counted for its agent.
CREATE FUNCTION read_model.analytics_touchpoints_added() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added WHERE conversation_id IS NOT NULL OR note_checked) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %I.analytics_conversation AS c
        SELECT customer_id, conversation_id,
               (array_agg(occurred_at ORDER BY occurred_at, touchpoint_id))[1],
               (array_agg(touchpoint_id ORDER BY occurred_at, touchpoint_id))[1],
               (array_agg(channel ORDER BY occurred_at, touchpoint_id))[1],
               (array_agg(occurred_at ORDER BY occurred_at, touchpoint_id) FILTER (WHERE agent_id IS NOT NULL))[1],
               (array_agg(touchpoint_id ORDER BY occurred_at, touchpoint_id) FILTER (WHERE agent_id IS NOT NULL))[1],
               (array_agg(agent_id ORDER BY occurred_at, touchpoint_id) FILTER (WHERE agent_id IS NOT NULL))[1],
               (array_agg(occurred_at ORDER BY occurred_at DESC, touchpoint_id DESC))[1],
               (array_agg(touchpoint_id ORDER BY occurred_at DESC, touchpoint_id DESC))[1],
               (array_agg(valence ORDER BY occurred_at DESC, touchpoint_id DESC))[1],
               COALESCE(bool_or(stage = 'GREETING'), FALSE), COALESCE(bool_or(stage = 'UNDERSTANDING'), FALSE),
               COALESCE(bool_or(stage = 'AGREEING'), FALSE), COALESCE(bool_or(stage = 'DELIVERING'), FALSE),
               COALESCE(bool_or(stage = 'CLOSING'), FALSE),
               NULL
          FROM added WHERE conversation_id IS NOT NULL
         GROUP BY customer_id, conversation_id
         ORDER BY customer_id, conversation_id
        ON CONFLICT (customer_id, conversation_id) DO UPDATE SET
            first_at = CASE WHEN (EXCLUDED.first_at, EXCLUDED.first_touchpoint) < (c.first_at, c.first_touchpoint)
                            THEN EXCLUDED.first_at ELSE c.first_at END,
            first_touchpoint = CASE WHEN (EXCLUDED.first_at, EXCLUDED.first_touchpoint) < (c.first_at, c.first_touchpoint)
                                    THEN EXCLUDED.first_touchpoint ELSE c.first_touchpoint END,
            channel = CASE WHEN (EXCLUDED.first_at, EXCLUDED.first_touchpoint) < (c.first_at, c.first_touchpoint)
                           THEN EXCLUDED.channel ELSE c.channel END,
            agent_at = CASE WHEN EXCLUDED.agent IS NOT NULL AND (c.agent IS NULL
                                 OR (EXCLUDED.agent_at, EXCLUDED.agent_touchpoint) < (c.agent_at, c.agent_touchpoint))
                            THEN EXCLUDED.agent_at ELSE c.agent_at END,
            agent_touchpoint = CASE WHEN EXCLUDED.agent IS NOT NULL AND (c.agent IS NULL
                                 OR (EXCLUDED.agent_at, EXCLUDED.agent_touchpoint) < (c.agent_at, c.agent_touchpoint))
                                    THEN EXCLUDED.agent_touchpoint ELSE c.agent_touchpoint END,
            agent = CASE WHEN EXCLUDED.agent IS NOT NULL AND (c.agent IS NULL
                                 OR (EXCLUDED.agent_at, EXCLUDED.agent_touchpoint) < (c.agent_at, c.agent_touchpoint))
                         THEN EXCLUDED.agent ELSE c.agent END,
            last_at = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_touchpoint) > (c.last_at, c.last_touchpoint)
                           THEN EXCLUDED.last_at ELSE c.last_at END,
            last_touchpoint = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_touchpoint) > (c.last_at, c.last_touchpoint)
                                   THEN EXCLUDED.last_touchpoint ELSE c.last_touchpoint END,
            last_valence = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_touchpoint) > (c.last_at, c.last_touchpoint)
                                THEN EXCLUDED.last_valence ELSE c.last_valence END,
            greeting = c.greeting OR EXCLUDED.greeting, understanding = c.understanding OR EXCLUDED.understanding,
            agreeing = c.agreeing OR EXCLUDED.agreeing, delivering = c.delivering OR EXCLUDED.delivering,
            closing = c.closing OR EXCLUDED.closing
        $sql$, TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %I.analytics_note_tally AS t (agent, notes, flagged)
        SELECT COALESCE(agent_id, 'UNKNOWN'), count(*), 0 FROM added WHERE note_checked
         GROUP BY 1 ORDER BY 1
        ON CONFLICT (agent) DO UPDATE SET notes = t.notes + EXCLUDED.notes
        $sql$, TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %I.analytics_note_customer (agent, customer_id)
        SELECT DISTINCT COALESCE(agent_id, 'UNKNOWN'), customer_id FROM added WHERE note_checked ORDER BY 1, 2
        ON CONFLICT DO NOTHING
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_touchpoints_added AFTER INSERT ON read_model.analytics_touchpoint
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_touchpoints_added();

-- Phrases to avoid counted: the uses per agent and phrase, and a note flagged the first time one of its phrases comes.
CREATE FUNCTION read_model.analytics_phrases_used() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %1$I.analytics_phrase_tally AS p (agent, phrase, uses)
        SELECT COALESCE(t.agent_id, 'UNKNOWN'), a.phrase, sum(a.uses)
          FROM added a JOIN %1$I.analytics_touchpoint t ON t.touchpoint_id = a.touchpoint_id
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (agent, phrase) DO UPDATE SET uses = p.uses + EXCLUDED.uses
        $sql$, TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        WITH flagged AS (
            UPDATE %1$I.analytics_touchpoint t SET note_flagged = TRUE
              FROM (SELECT DISTINCT touchpoint_id FROM added) a
             WHERE t.touchpoint_id = a.touchpoint_id AND NOT t.note_flagged
            RETURNING COALESCE(t.agent_id, 'UNKNOWN') AS agent)
        INSERT INTO %1$I.analytics_note_tally AS n (agent, notes, flagged)
        SELECT agent, 0, count(*) FROM flagged GROUP BY agent ORDER BY agent
        ON CONFLICT (agent) DO UPDATE SET flagged = n.flagged + EXCLUDED.flagged
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_phrases_used AFTER INSERT ON read_model.analytics_phrase_used
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_phrases_used();

-- A conversation row added or changed: its groups' tallies and customers, by what it adds less what it added before.
-- A customer's count that falls to none stays as a row of none, and is not counted.
CREATE FUNCTION read_model.analytics_conversations_changed() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    signed TEXT := CASE TG_OP WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM added'
                              ELSE 'SELECT 1 AS s, * FROM added UNION ALL SELECT -1, * FROM removed' END;
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        WITH delta AS (
            SELECT g.dimension, g.grp, r.customer_id, sum(r.s) AS n,
                   sum(r.s * r.greeting::int) AS greeting, sum(r.s * r.understanding::int) AS understanding,
                   sum(r.s * r.agreeing::int) AS agreeing, sum(r.s * r.delivering::int) AS delivering,
                   sum(r.s * r.closing::int) AS closing,
                   sum(r.s * (NOT r.greeting AND (r.understanding OR r.agreeing OR r.delivering OR r.closing))::int)
                       AS skipped_greeting,
                   sum(r.s * (NOT r.understanding AND (r.agreeing OR r.delivering OR r.closing))::int)
                       AS skipped_understanding,
                   sum(r.s * (NOT r.agreeing AND (r.delivering OR r.closing))::int) AS skipped_agreeing,
                   sum(r.s * (NOT r.delivering AND r.closing)::int) AS skipped_delivering,
                   sum(r.s * (r.last_valence IS NOT DISTINCT FROM 'POSITIVE')::int) AS positive,
                   sum(r.s * (r.last_valence IS NOT DISTINCT FROM 'NEGATIVE')::int) AS negative
              FROM (%2$s) r
             CROSS JOIN LATERAL (VALUES ('agent', COALESCE(r.agent, 'UNKNOWN')), ('channel', r.channel),
                                        ('category', COALESCE(r.category, 'NONE'))) AS g (dimension, grp)
             GROUP BY g.dimension, g.grp, r.customer_id),
             customers AS (
            INSERT INTO %1$I.analytics_conversation_customer AS c
            SELECT dimension, grp, customer_id, n FROM delta WHERE n <> 0 ORDER BY dimension, grp, customer_id
            ON CONFLICT (dimension, grp, customer_id)
                DO UPDATE SET conversations = c.conversations + EXCLUDED.conversations)
        INSERT INTO %1$I.analytics_conversation_tally AS t
        SELECT dimension, grp, sum(n), sum(greeting), sum(understanding), sum(agreeing), sum(delivering), sum(closing),
               sum(skipped_greeting), sum(skipped_understanding), sum(skipped_agreeing), sum(skipped_delivering),
               sum(positive), sum(negative)
          FROM delta GROUP BY dimension, grp
        HAVING sum(abs(n) + abs(greeting) + abs(understanding) + abs(agreeing) + abs(delivering) + abs(closing)
                   + abs(positive) + abs(negative)) > 0
         ORDER BY dimension, grp
        ON CONFLICT (dimension, grp) DO UPDATE SET
            conversations = t.conversations + EXCLUDED.conversations, greeting = t.greeting + EXCLUDED.greeting,
            understanding = t.understanding + EXCLUDED.understanding, agreeing = t.agreeing + EXCLUDED.agreeing,
            delivering = t.delivering + EXCLUDED.delivering, closing = t.closing + EXCLUDED.closing,
            skipped_greeting = t.skipped_greeting + EXCLUDED.skipped_greeting,
            skipped_understanding = t.skipped_understanding + EXCLUDED.skipped_understanding,
            skipped_agreeing = t.skipped_agreeing + EXCLUDED.skipped_agreeing,
            skipped_delivering = t.skipped_delivering + EXCLUDED.skipped_delivering,
            positive = t.positive + EXCLUDED.positive, negative = t.negative + EXCLUDED.negative
        $sql$, TG_TABLE_SCHEMA, signed);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_conversations_added AFTER INSERT ON read_model.analytics_conversation
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_conversations_changed();
CREATE TRIGGER analytics_conversations_updated AFTER UPDATE ON read_model.analytics_conversation
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION read_model.analytics_conversations_changed();

-- A complaint filed: the category of the conversation of its touchpoint, and the complaint counted in its periods.
CREATE FUNCTION read_model.analytics_complaints_counted() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        UPDATE %1$I.analytics_conversation c SET category = k.category
          FROM (SELECT t.customer_id, t.conversation_id, min(a.category) AS category
                  FROM added a JOIN %1$I.analytics_touchpoint t ON t.touchpoint_id = a.touchpoint_id
                 WHERE t.conversation_id IS NOT NULL
                 GROUP BY 1, 2) k
         WHERE c.customer_id = k.customer_id AND c.conversation_id = k.conversation_id
           AND (c.category IS NULL OR k.category < c.category)
        $sql$, TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        WITH periods AS (
            SELECT p.kind, to_char(a.filed_at AT TIME ZONE 'UTC', p.format) AS period, a.customer_id
              FROM added a CROSS JOIN (VALUES ('month', 'YYYY-MM'), ('year', 'YYYY')) AS p (kind, format)),
             counted AS (
            INSERT INTO %1$I.analytics_period_customer
            SELECT DISTINCT kind, period, 'COMPLAINANT', customer_id FROM periods ORDER BY 1, 2, 4
            ON CONFLICT DO NOTHING
            RETURNING period_kind, period)
        INSERT INTO %1$I.analytics_period_tally AS t
        SELECT kind, period, sum(complaints), sum(complainants), 0, 0 FROM (
            SELECT kind, period, count(*) AS complaints, 0 AS complainants FROM periods GROUP BY 1, 2
            UNION ALL
            SELECT period_kind, period, 0, count(*) FROM counted GROUP BY 1, 2) c
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (period_kind, period) DO UPDATE
            SET complaints = t.complaints + EXCLUDED.complaints, complainants = t.complainants + EXCLUDED.complainants
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_complaints_counted AFTER INSERT ON read_model.analytics_complaint
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_complaints_counted();

-- A positive CSAT or NPS answer counted in its periods, and its customer once per period.
CREATE FUNCTION read_model.analytics_surveys_counted() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added WHERE kind = 'CSAT' AND scaled >= 0.75 OR kind = 'NPS' AND scaled >= 0.9) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        WITH periods AS (
            SELECT p.kind, to_char(a.occurred_at AT TIME ZONE 'UTC', p.format) AS period, a.customer_id
              FROM added a CROSS JOIN (VALUES ('month', 'YYYY-MM'), ('year', 'YYYY')) AS p (kind, format)
             WHERE a.kind = 'CSAT' AND a.scaled >= 0.75 OR a.kind = 'NPS' AND a.scaled >= 0.9),
             counted AS (
            INSERT INTO %1$I.analytics_period_customer
            SELECT DISTINCT kind, period, 'HAPPY', customer_id FROM periods ORDER BY 1, 2, 4
            ON CONFLICT DO NOTHING
            RETURNING period_kind, period)
        INSERT INTO %1$I.analytics_period_tally AS t
        SELECT kind, period, 0, 0, sum(positive), sum(happy) FROM (
            SELECT kind, period, count(*) AS positive, 0 AS happy FROM periods GROUP BY 1, 2
            UNION ALL
            SELECT period_kind, period, 0, count(*) FROM counted GROUP BY 1, 2) c
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (period_kind, period) DO UPDATE
            SET positive = t.positive + EXCLUDED.positive, happy = t.happy + EXCLUDED.happy
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_surveys_counted AFTER INSERT ON read_model.analytics_survey
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_surveys_counted();

-- What the projection wrote before this migration, kept once: the analytics tables are emptied and replayed, as V17
-- did, so that every row passes the triggers.
TRUNCATE read_model.analytics_customer, read_model.analytics_touchpoint, read_model.analytics_complaint,
         read_model.analytics_moment, read_model.analytics_service_clock, read_model.analytics_loss,
         read_model.analytics_moment_tally, read_model.analytics_complaint_tally, read_model.analytics_clock_tally,
         read_model.analytics_consent_breach, read_model.analytics_survey, read_model.analytics_phrase_used;
DELETE FROM token_entry WHERE processor_name = 'analytics';
DELETE FROM dead_letter_entry WHERE processing_group = 'analytics';
