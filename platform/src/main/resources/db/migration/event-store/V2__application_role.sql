-- The role the engine runs as in production (journey_app): it may read and append the event store, never change or
-- remove a stored event. Grant it to the engine's login role: GRANT journey_app TO <login>; run migrations as the
-- owner (see docs/operations.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'journey_app') THEN
        CREATE ROLE journey_app NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO journey_app;
REVOKE ALL ON domain_event_entry FROM journey_app;
GRANT SELECT, INSERT ON domain_event_entry TO journey_app;
GRANT USAGE, SELECT ON SEQUENCE domain_event_entry_global_index_seq TO journey_app;
-- Snapshots are replaced, tokens moved, dead letters handled: these change by design.
GRANT SELECT, INSERT, UPDATE, DELETE ON snapshot_event_entry, token_entry, dead_letter_entry TO journey_app;
