-- Bulk imports (POST /imports): one row per import, advanced in the transaction that records each batch of its
-- lines, so that what is marked done is exactly what was recorded; a resumed import skips those lines. The digest
-- chains SHA-256 over the lines done, so that a resume with another file is refused instead of skipping lines it
-- never saw. Refused lines are kept with the problem their endpoint would have answered (RFC 9457 JSON).
CREATE TABLE import_job (
    import_id   UUID                     NOT NULL,
    client      TEXT                     NOT NULL,
    principal   TEXT                     NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    lines       BIGINT                   NOT NULL DEFAULT 0,
    commands    BIGINT                   NOT NULL DEFAULT 0,
    facts       BIGINT                   NOT NULL DEFAULT 0,
    refusals    BIGINT                   NOT NULL DEFAULT 0,
    digest      BYTEA                    NOT NULL,
    CONSTRAINT import_job_pk PRIMARY KEY (import_id)
);

CREATE TABLE import_refusal (
    import_id UUID   NOT NULL,
    line      BIGINT NOT NULL,
    problem   TEXT   NOT NULL,
    CONSTRAINT import_refusal_pk PRIMARY KEY (import_id, line),
    CONSTRAINT import_refusal_job_fk FOREIGN KEY (import_id) REFERENCES import_job (import_id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON import_job, import_refusal TO journey_app;
