-- Service-standard clocks as rows of the engine's own table, written in the transaction of the command that starts or
-- stops them and fired by one poller per engine (FOR UPDATE SKIP LOCKED); see command.serviceclock. A clock's row is
-- keyed by its customer and the clock ("customer/standard/subject"), so stopping it is one DELETE. Deadlines that
-- older engines left in scheduled_tasks (with service_clock_deadline remembering them) still fire and are cancelled.
CREATE TABLE service_clock (
    schedule_id      TEXT                     NOT NULL,
    deadline_name    TEXT                     NOT NULL,
    fire_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    scope_type       TEXT                     NOT NULL,
    scope            BYTEA                    NOT NULL,
    payload_type     TEXT                     NOT NULL,
    payload_revision TEXT,
    payload          BYTEA                    NOT NULL,
    metadata         BYTEA                    NOT NULL,
    failures         INT                      NOT NULL DEFAULT 0,
    CONSTRAINT service_clock_pk PRIMARY KEY (schedule_id)
);
CREATE INDEX service_clock_fire_at_ix ON service_clock (fire_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON service_clock TO journey_app;
