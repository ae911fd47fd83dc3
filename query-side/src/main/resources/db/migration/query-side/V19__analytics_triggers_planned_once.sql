-- The analytics triggers of V11 and V18 planned once per session, not at every statement: they ran their SQL through
-- EXECUTE (to write the tallies of the schema written, read_model or read_model_shadow during a rebuild), which
-- PostgreSQL plans anew each time, for every moment and touchpoint the projection writes; with V18 at 1,000,000 events
-- the analytics projection followed at about 900 events/s, the slowest by far (docs/benchmarks.md). Each function now points its search_path at the
-- schema written, for itself only, and runs plain statements, whose plans PostgreSQL caches per search_path.

CREATE OR REPLACE FUNCTION read_model.analytics_touchpoints_added() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added WHERE conversation_id IS NOT NULL OR note_checked) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    INSERT INTO analytics_conversation AS c
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
        closing = c.closing OR EXCLUDED.closing;
    INSERT INTO analytics_note_tally AS t (agent, notes, flagged)
    SELECT COALESCE(agent_id, 'UNKNOWN'), count(*), 0 FROM added WHERE note_checked
     GROUP BY 1 ORDER BY 1
    ON CONFLICT (agent) DO UPDATE SET notes = t.notes + EXCLUDED.notes;
    INSERT INTO analytics_note_customer (agent, customer_id)
    SELECT DISTINCT COALESCE(agent_id, 'UNKNOWN'), customer_id FROM added WHERE note_checked ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_phrases_used() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    INSERT INTO analytics_phrase_tally AS p (agent, phrase, uses)
    SELECT COALESCE(t.agent_id, 'UNKNOWN'), a.phrase, sum(a.uses)
      FROM added a JOIN analytics_touchpoint t ON t.touchpoint_id = a.touchpoint_id
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (agent, phrase) DO UPDATE SET uses = p.uses + EXCLUDED.uses;
    WITH flagged AS (
        UPDATE analytics_touchpoint t SET note_flagged = TRUE
          FROM (SELECT DISTINCT touchpoint_id FROM added) a
         WHERE t.touchpoint_id = a.touchpoint_id AND NOT t.note_flagged
        RETURNING COALESCE(t.agent_id, 'UNKNOWN') AS agent)
    INSERT INTO analytics_note_tally AS n (agent, notes, flagged)
    SELECT agent, 0, count(*) FROM flagged GROUP BY agent ORDER BY agent
    ON CONFLICT (agent) DO UPDATE SET flagged = n.flagged + EXCLUDED.flagged;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_conversations_changed() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    IF TG_OP = 'INSERT' THEN
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
              FROM (SELECT 1 AS s, * FROM added) r
             CROSS JOIN LATERAL (VALUES ('agent', COALESCE(r.agent, 'UNKNOWN')), ('channel', r.channel),
                                        ('category', COALESCE(r.category, 'NONE'))) AS g (dimension, grp)
             GROUP BY g.dimension, g.grp, r.customer_id),
             customers AS (
            INSERT INTO analytics_conversation_customer AS c
            SELECT dimension, grp, customer_id, n FROM delta WHERE n <> 0 ORDER BY dimension, grp, customer_id
            ON CONFLICT (dimension, grp, customer_id)
                DO UPDATE SET conversations = c.conversations + EXCLUDED.conversations)
        INSERT INTO analytics_conversation_tally AS t
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
            positive = t.positive + EXCLUDED.positive, negative = t.negative + EXCLUDED.negative;
    ELSE
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
              FROM (SELECT 1 AS s, * FROM added UNION ALL SELECT -1, * FROM removed) r
             CROSS JOIN LATERAL (VALUES ('agent', COALESCE(r.agent, 'UNKNOWN')), ('channel', r.channel),
                                        ('category', COALESCE(r.category, 'NONE'))) AS g (dimension, grp)
             GROUP BY g.dimension, g.grp, r.customer_id),
             customers AS (
            INSERT INTO analytics_conversation_customer AS c
            SELECT dimension, grp, customer_id, n FROM delta WHERE n <> 0 ORDER BY dimension, grp, customer_id
            ON CONFLICT (dimension, grp, customer_id)
                DO UPDATE SET conversations = c.conversations + EXCLUDED.conversations)
        INSERT INTO analytics_conversation_tally AS t
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
            positive = t.positive + EXCLUDED.positive, negative = t.negative + EXCLUDED.negative;
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_complaints_counted() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    UPDATE analytics_conversation c SET category = k.category
      FROM (SELECT t.customer_id, t.conversation_id, min(a.category) AS category
              FROM added a JOIN analytics_touchpoint t ON t.touchpoint_id = a.touchpoint_id
             WHERE t.conversation_id IS NOT NULL
             GROUP BY 1, 2) k
     WHERE c.customer_id = k.customer_id AND c.conversation_id = k.conversation_id
       AND (c.category IS NULL OR k.category < c.category);
    WITH periods AS (
        SELECT p.kind, to_char(a.filed_at AT TIME ZONE 'UTC', p.format) AS period, a.customer_id
          FROM added a CROSS JOIN (VALUES ('month', 'YYYY-MM'), ('year', 'YYYY')) AS p (kind, format)),
         counted AS (
        INSERT INTO analytics_period_customer
        SELECT DISTINCT kind, period, 'COMPLAINANT', customer_id FROM periods ORDER BY 1, 2, 4
        ON CONFLICT DO NOTHING
        RETURNING period_kind, period)
    INSERT INTO analytics_period_tally AS t
    SELECT kind, period, sum(complaints), sum(complainants), 0, 0 FROM (
        SELECT kind, period, count(*) AS complaints, 0 AS complainants FROM periods GROUP BY 1, 2
        UNION ALL
        SELECT period_kind, period, 0, count(*) FROM counted GROUP BY 1, 2) c
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (period_kind, period) DO UPDATE
        SET complaints = t.complaints + EXCLUDED.complaints, complainants = t.complainants + EXCLUDED.complainants;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_surveys_counted() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added WHERE kind = 'CSAT' AND scaled >= 0.75 OR kind = 'NPS' AND scaled >= 0.9) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    WITH periods AS (
        SELECT p.kind, to_char(a.occurred_at AT TIME ZONE 'UTC', p.format) AS period, a.customer_id
          FROM added a CROSS JOIN (VALUES ('month', 'YYYY-MM'), ('year', 'YYYY')) AS p (kind, format)
         WHERE a.kind = 'CSAT' AND a.scaled >= 0.75 OR a.kind = 'NPS' AND a.scaled >= 0.9),
         counted AS (
        INSERT INTO analytics_period_customer
        SELECT DISTINCT kind, period, 'HAPPY', customer_id FROM periods ORDER BY 1, 2, 4
        ON CONFLICT DO NOTHING
        RETURNING period_kind, period)
    INSERT INTO analytics_period_tally AS t
    SELECT kind, period, 0, 0, sum(positive), sum(happy) FROM (
        SELECT kind, period, count(*) AS positive, 0 AS happy FROM periods GROUP BY 1, 2
        UNION ALL
        SELECT period_kind, period, 0, count(*) FROM counted GROUP BY 1, 2) c
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (period_kind, period) DO UPDATE
        SET positive = t.positive + EXCLUDED.positive, happy = t.happy + EXCLUDED.happy;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_moments_tallied() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL; -- nothing written (ON CONFLICT DO NOTHING): no lock taken
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    INSERT INTO analytics_moment_tally AS t (dimension, grp, moments, positive)
    SELECT g.dimension, g.grp, count(*), count(*) FILTER (WHERE a.valence = 'POSITIVE')
      FROM added a
     CROSS JOIN LATERAL (VALUES ('channel', a.channel), ('stage', a.stage)) AS g (dimension, grp)
     WHERE g.grp IS NOT NULL
     GROUP BY g.dimension, g.grp
     ORDER BY g.dimension, g.grp
    ON CONFLICT (dimension, grp) DO UPDATE
        SET moments = t.moments + EXCLUDED.moments, positive = t.positive + EXCLUDED.positive;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_complaints_filed() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL; -- nothing written (ON CONFLICT DO NOTHING): no lock taken
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    INSERT INTO analytics_complaint_tally AS t (dimension, grp, complaints)
    SELECT g.dimension, g.grp, count(*)
      FROM added a
     CROSS JOIN LATERAL (VALUES ('category', a.category), ('channel', COALESCE(a.channel, 'UNKNOWN')),
                                ('month', to_char(a.filed_at AT TIME ZONE 'UTC', 'YYYY-MM'))) AS g (dimension, grp)
     GROUP BY g.dimension, g.grp
     ORDER BY g.dimension, g.grp
    ON CONFLICT (dimension, grp) DO UPDATE SET complaints = t.complaints + EXCLUDED.complaints;
    UPDATE analytics_customer c
       SET complaints = c.complaints + a.filed, open_complaints = c.open_complaints + a.open
      FROM (SELECT customer_id, count(*) AS filed, count(*) FILTER (WHERE open) AS open
              FROM added GROUP BY customer_id) a
     WHERE c.customer_id = a.customer_id;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION read_model.analytics_complaints_changed() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    UPDATE analytics_customer c
       SET open_complaints = c.open_complaints + a.opened,
           slowest_resolution = CASE WHEN a.slowest IS NULL THEN c.slowest_resolution
                                     ELSE GREATEST(c.slowest_resolution, a.slowest) END
      FROM (SELECT n.customer_id,
                   sum(n.open::int - o.open::int) AS opened,
                   max(extract(epoch FROM n.resolved_at - n.filed_at))
                       FILTER (WHERE o.resolved_at IS NULL AND n.resolved_at IS NOT NULL) AS slowest
              FROM changed n JOIN previous o ON o.complaint_id = n.complaint_id
             GROUP BY n.customer_id) a
     WHERE c.customer_id = a.customer_id AND (a.opened <> 0 OR a.slowest IS NOT NULL);
    RETURN NULL;
END;
$$;
