-- The two analysts' figures that still read every row at scale (docs/benchmarks.md, "The console's pages"):
--   complaint handling sorts every complaint's durations: they are now stored with the complaint as hours in
--   double precision (generated columns), so the sorts compare numbers instead of computing and comparing
--   numerics row by row;
--   service-standard compliance counted every clock due so far: a tally per standard and UTC day each clock was
--   due now keeps its clocks, breached and missed, and only the clocks due since the start of the current UTC day
--   are counted from their rows (a clock due on an earlier day is decided, whatever it is now).
-- Like V11's, the tally is kept by triggers in the schema of the table written (a rebuild's copies keep their own),
-- under the same lock of that schema's tallies.

ALTER TABLE read_model.analytics_complaint
    ADD COLUMN hours_to_acknowledge DOUBLE PRECISION
        GENERATED ALWAYS AS (date_part('epoch', acknowledged_at - filed_at) / 3600) STORED,
    ADD COLUMN hours_to_resolve     DOUBLE PRECISION
        GENERATED ALWAYS AS (date_part('epoch', resolved_at - filed_at) / 3600) STORED;

CREATE TABLE read_model.analytics_clock_tally (
    standard TEXT   NOT NULL,
    due_day  DATE   NOT NULL,
    clocks   BIGINT NOT NULL,
    breached BIGINT NOT NULL,
    missed   BIGINT NOT NULL,
    CONSTRAINT analytics_clock_tally_pk PRIMARY KEY (standard, due_day)
);

COMMENT ON COLUMN read_model.analytics_clock_tally.missed IS
    'clocks breached, never stopped or stopped after their due time: missed once the due time has passed';

-- The clocks due since the start of the current UTC day are read from their rows.
CREATE INDEX analytics_service_clock_due_ix ON read_model.analytics_service_clock (due_at);

-- Inserted clocks add to their day; updated ones (breached, stopped) take their old selves off and add their new.
CREATE FUNCTION read_model.analytics_clocks_tallied() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    changes TEXT := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM added'
        ELSE 'SELECT 1 AS sign, * FROM changed UNION ALL SELECT -1, * FROM previous' END;
BEGIN
    -- Nothing written, no lock taken (each test names only the transition table its trigger has).
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT FROM added) THEN
            RETURN NULL;
        END IF;
    ELSIF NOT EXISTS (SELECT FROM changed) THEN
        RETURN NULL;
    END IF;
    PERFORM read_model.lock_analytics_tallies(TG_TABLE_SCHEMA);
    EXECUTE format($sql$
        INSERT INTO %I.analytics_clock_tally AS t (standard, due_day, clocks, breached, missed)
        SELECT standard, (due_at AT TIME ZONE 'UTC')::date, sum(sign),
               coalesce(sum(sign) FILTER (WHERE breached), 0),
               coalesce(sum(sign) FILTER (WHERE breached OR stopped_at IS NULL OR stopped_at > due_at), 0)
          FROM (%s) c
         GROUP BY 1, 2
         ORDER BY 1, 2
        ON CONFLICT (standard, due_day) DO UPDATE
            SET clocks = t.clocks + EXCLUDED.clocks, breached = t.breached + EXCLUDED.breached,
                missed = t.missed + EXCLUDED.missed
        $sql$, TG_TABLE_SCHEMA, changes);
    RETURN NULL;
END;
$$;

CREATE TRIGGER analytics_clocks_started AFTER INSERT ON read_model.analytics_service_clock
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.analytics_clocks_tallied();

CREATE TRIGGER analytics_clocks_changed AFTER UPDATE ON read_model.analytics_service_clock
    REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION read_model.analytics_clocks_tallied();

-- The clocks the projection wrote before this migration, summed once.
INSERT INTO read_model.analytics_clock_tally (standard, due_day, clocks, breached, missed)
SELECT standard, (due_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE breached),
       count(*) FILTER (WHERE breached OR stopped_at IS NULL OR stopped_at > due_at)
  FROM read_model.analytics_service_clock
 GROUP BY 1, 2;
