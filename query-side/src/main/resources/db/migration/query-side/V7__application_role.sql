-- The engine's role (see the event store's grants) owns the work of the read models: it writes them, and empties
-- them (TRUNCATE) when a projection is rebuilt.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'journey_app') THEN
        CREATE ROLE journey_app NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA read_model TO journey_app;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA read_model TO journey_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO journey_app;
