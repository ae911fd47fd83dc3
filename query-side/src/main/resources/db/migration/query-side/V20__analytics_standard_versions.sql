-- Service standards that change over time (the service standards book): each clock row names the version of its
-- standard it runs under (as the fact that started it says; null for a standard without a limit of its own, and for a
-- clock started before the book), the compliance tally is kept per version too, and the book's versions are kept for
-- the analysts' figures (docs/analyst-guide.md, "/analytics/service-standards/versions").
ALTER TABLE read_model.analytics_service_clock ADD COLUMN standard_version INT;

ALTER TABLE read_model.analytics_clock_tally ADD COLUMN standard_version INT NOT NULL DEFAULT 0;
ALTER TABLE read_model.analytics_clock_tally DROP CONSTRAINT analytics_clock_tally_pk;
ALTER TABLE read_model.analytics_clock_tally
    ADD CONSTRAINT analytics_clock_tally_pk PRIMARY KEY (standard, due_day, standard_version);
COMMENT ON COLUMN read_model.analytics_clock_tally.standard_version IS
    'the version of the standard the clocks ran under; 0 for none (no limit of its own, or started before the book)';

-- Planned once per session, as V19 does for the triggers of V18.
CREATE OR REPLACE FUNCTION read_model.analytics_clocks_tallied() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO analytics_clock_tally AS t (standard, due_day, standard_version, clocks, breached, missed)
        SELECT standard, (due_at AT TIME ZONE 'UTC')::date, COALESCE(standard_version, 0), sum(sign),
               coalesce(sum(sign) FILTER (WHERE breached), 0),
               coalesce(sum(sign) FILTER (WHERE breached OR stopped_at IS NULL OR stopped_at > due_at), 0)
          FROM (SELECT 1 AS sign, * FROM added) c
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        ON CONFLICT (standard, due_day, standard_version) DO UPDATE
            SET clocks = t.clocks + EXCLUDED.clocks, breached = t.breached + EXCLUDED.breached,
                missed = t.missed + EXCLUDED.missed;
    ELSE
        INSERT INTO analytics_clock_tally AS t (standard, due_day, standard_version, clocks, breached, missed)
        SELECT standard, (due_at AT TIME ZONE 'UTC')::date, COALESCE(standard_version, 0), sum(sign),
               coalesce(sum(sign) FILTER (WHERE breached), 0),
               coalesce(sum(sign) FILTER (WHERE breached OR stopped_at IS NULL OR stopped_at > due_at), 0)
          FROM (SELECT 1 AS sign, * FROM changed UNION ALL SELECT -1, * FROM previous) c
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        ON CONFLICT (standard, due_day, standard_version) DO UPDATE
            SET clocks = t.clocks + EXCLUDED.clocks, breached = t.breached + EXCLUDED.breached,
                missed = t.missed + EXCLUDED.missed;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TABLE read_model.analytics_standard_version (
    standard       TEXT                     NOT NULL,
    version        INT                      NOT NULL,
    within_seconds BIGINT                   NOT NULL,
    effective_from TIMESTAMP WITH TIME ZONE NOT NULL,
    reason         TEXT                     NOT NULL,
    recorded_by    TEXT,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT analytics_standard_version_pk PRIMARY KEY (standard, version)
);

-- The clock rows come without their versions: the analytics tables are emptied and replayed.
TRUNCATE read_model.analytics_customer, read_model.analytics_touchpoint, read_model.analytics_complaint,
         read_model.analytics_moment, read_model.analytics_service_clock, read_model.analytics_loss,
         read_model.analytics_moment_tally, read_model.analytics_complaint_tally, read_model.analytics_clock_tally,
         read_model.analytics_consent_breach, read_model.analytics_survey, read_model.analytics_phrase_used,
         read_model.analytics_conversation, read_model.analytics_conversation_tally,
         read_model.analytics_conversation_customer, read_model.analytics_note_tally,
         read_model.analytics_note_customer, read_model.analytics_phrase_tally, read_model.analytics_period_tally,
         read_model.analytics_period_customer;
DELETE FROM token_entry WHERE processor_name = 'analytics';
DELETE FROM dead_letter_entry WHERE processing_group = 'analytics';
