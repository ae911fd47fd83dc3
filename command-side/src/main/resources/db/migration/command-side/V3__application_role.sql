-- The engine's role (see the event store's grants) works the command side's own tables.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'journey_app') THEN
        CREATE ROLE journey_app NOLOGIN;
    END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON scheduled_tasks, idempotency_record, service_clock_deadline TO journey_app;
