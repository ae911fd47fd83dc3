-- Figures summed as the facts arrive, so that the analysts' figures read a few rows instead of every moment,
-- complaint and customer (docs/benchmarks.md, "The console's pages"):
--   analytics_moment_tally     moments and positive moments per channel and per interaction-cycle stage;
--   analytics_complaint_tally  complaints per category, per channel and per month filed (UTC);
--   analytics_customer         gains each customer's complaints, open complaints and slowest first resolution.
-- Triggers on the rows the analytics projection writes keep them, in the same transaction and in the schema of the
-- table written (read_model, or read_model_shadow while a rebuild fills copies): a row the projection does not
-- write (ON CONFLICT DO NOTHING) counts nothing. The tallies are shared by every customer, so a transaction that
-- adds to them first takes a lock of its schema's tallies (held to its commit): two segments of the projection never
-- lock tally rows in opposite orders, and each segment's other rows are its own customers'.

CREATE TABLE read_model.analytics_moment_tally (
    dimension TEXT   NOT NULL,
    grp       TEXT   NOT NULL,
    moments   BIGINT NOT NULL,
    positive  BIGINT NOT NULL,
    CONSTRAINT analytics_moment_tally_pk PRIMARY KEY (dimension, grp)
);

CREATE TABLE read_model.analytics_complaint_tally (
    dimension  TEXT   NOT NULL,
    grp        TEXT   NOT NULL,
    complaints BIGINT NOT NULL,
    CONSTRAINT analytics_complaint_tally_pk PRIMARY KEY (dimension, grp)
);

ALTER TABLE read_model.analytics_customer
    ADD COLUMN complaints         INT              NOT NULL DEFAULT 0,
    ADD COLUMN open_complaints    INT              NOT NULL DEFAULT 0,
    ADD COLUMN slowest_resolution DOUBLE PRECISION;

COMMENT ON COLUMN read_model.analytics_customer.slowest_resolution IS
    'seconds from filing to first resolution of the customer''s slowest resolved complaint';

-- The lock a transaction holds while it adds to the tallies of one schema.
CREATE FUNCTION read_model.lock_analytics_tallies(tables_schema TEXT) RETURNS VOID
    LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtext('journey.analytics-tallies'), hashtext(tables_schema));
$$;

CREATE FUNCTION read_model.analytics_moments_tallied() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL; -- nothing written (ON CONFLICT DO NOTHING): no lock taken
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %I.analytics_moment_tally AS t (dimension, grp, moments, positive)
        SELECT g.dimension, g.grp, count(*), count(*) FILTER (WHERE a.valence = 'POSITIVE')
          FROM added a
         CROSS JOIN LATERAL (VALUES ('channel', a.channel), ('stage', a.stage)) AS g (dimension, grp)
         WHERE g.grp IS NOT NULL
         GROUP BY g.dimension, g.grp
         ORDER BY g.dimension, g.grp
        ON CONFLICT (dimension, grp) DO UPDATE
            SET moments = t.moments + EXCLUDED.moments, positive = t.positive + EXCLUDED.positive
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_moments_tallied AFTER INSERT ON read_model.analytics_moment
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_moments_tallied();

CREATE FUNCTION read_model.analytics_complaints_filed() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL; -- nothing written (ON CONFLICT DO NOTHING): no lock taken
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %I.analytics_complaint_tally AS t (dimension, grp, complaints)
        SELECT g.dimension, g.grp, count(*)
          FROM added a
         CROSS JOIN LATERAL (VALUES ('category', a.category), ('channel', COALESCE(a.channel, 'UNKNOWN')),
                                    ('month', to_char(a.filed_at AT TIME ZONE 'UTC', 'YYYY-MM'))) AS g (dimension, grp)
         GROUP BY g.dimension, g.grp
         ORDER BY g.dimension, g.grp
        ON CONFLICT (dimension, grp) DO UPDATE SET complaints = t.complaints + EXCLUDED.complaints
        $sql$, TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        UPDATE %I.analytics_customer c
           SET complaints = c.complaints + a.filed, open_complaints = c.open_complaints + a.open
          FROM (SELECT customer_id, count(*) AS filed, count(*) FILTER (WHERE open) AS open
                  FROM added GROUP BY customer_id) a
         WHERE c.customer_id = a.customer_id
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_complaints_filed AFTER INSERT ON read_model.analytics_complaint
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_complaints_filed();

-- A complaint resolved, reopened or acknowledged: its customer's open complaints and slowest first resolution.
CREATE FUNCTION read_model.analytics_complaints_changed() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    EXECUTE format($sql$
        UPDATE %I.analytics_customer c
           SET open_complaints = c.open_complaints + a.opened,
               slowest_resolution = CASE WHEN a.slowest IS NULL THEN c.slowest_resolution
                                         ELSE GREATEST(c.slowest_resolution, a.slowest) END
          FROM (SELECT n.customer_id,
                       sum(n.open::int - o.open::int) AS opened,
                       max(extract(epoch FROM n.resolved_at - n.filed_at))
                           FILTER (WHERE o.resolved_at IS NULL AND n.resolved_at IS NOT NULL) AS slowest
                  FROM changed n JOIN previous o ON o.complaint_id = n.complaint_id
                 GROUP BY n.customer_id) a
         WHERE c.customer_id = a.customer_id AND (a.opened <> 0 OR a.slowest IS NOT NULL)
        $sql$, TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_complaints_changed AFTER UPDATE ON read_model.analytics_complaint
    REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION read_model.analytics_complaints_changed();

-- What the projection wrote before this migration, summed once.
INSERT INTO read_model.analytics_moment_tally (dimension, grp, moments, positive)
SELECT g.dimension, g.grp, count(*), count(*) FILTER (WHERE m.valence = 'POSITIVE')
  FROM read_model.analytics_moment m
 CROSS JOIN LATERAL (VALUES ('channel', m.channel), ('stage', m.stage)) AS g (dimension, grp)
 WHERE g.grp IS NOT NULL
 GROUP BY g.dimension, g.grp;

INSERT INTO read_model.analytics_complaint_tally (dimension, grp, complaints)
SELECT g.dimension, g.grp, count(*)
  FROM read_model.analytics_complaint k
 CROSS JOIN LATERAL (VALUES ('category', k.category), ('channel', COALESCE(k.channel, 'UNKNOWN')),
                            ('month', to_char(k.filed_at AT TIME ZONE 'UTC', 'YYYY-MM'))) AS g (dimension, grp)
 GROUP BY g.dimension, g.grp;

UPDATE read_model.analytics_customer c
   SET complaints = a.filed, open_complaints = a.open, slowest_resolution = a.slowest
  FROM (SELECT customer_id, count(*) AS filed, count(*) FILTER (WHERE open) AS open,
               max(extract(epoch FROM resolved_at - filed_at)) AS slowest
          FROM read_model.analytics_complaint GROUP BY customer_id) a
 WHERE c.customer_id = a.customer_id;
