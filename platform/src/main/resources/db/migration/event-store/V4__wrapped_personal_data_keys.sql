-- Customers' data keys are stored wrapped by the key-encryption key, which lives outside the database (see
-- docs/security.md): a dump or a backup of the database alone opens no personal field. The database cannot wrap the
-- keys stored in clear before this version (it must never see the key-encryption key): the engine wraps them at its
-- next start-up and sets their clear copy (secret) to NULL. Erasure sets the wrapped key (and any clear one) to NULL.
ALTER TABLE personal_data_key
    ADD COLUMN wrapped_key BYTEA,
    ADD COLUMN kek_id      VARCHAR(64),
    ADD CONSTRAINT personal_data_key_one_copy_ck CHECK (secret IS NULL OR wrapped_key IS NULL),
    ADD CONSTRAINT personal_data_key_wrapped_by_ck CHECK ((wrapped_key IS NULL) = (kek_id IS NULL));

COMMENT ON COLUMN personal_data_key.secret IS
    'A data key in clear, from before V4: wrapped into wrapped_key and set to NULL by the engine at start-up';
COMMENT ON COLUMN personal_data_key.wrapped_key IS
    'The data key wrapped by the key-encryption key kek_id (AES-GCM: IV, ciphertext, tag; the customer id as associated data)';
COMMENT ON COLUMN personal_data_key.kek_id IS
    'Which key-encryption key wrapped the key (a name derived from it, not the key): what a rotation still has to rewrap';

-- The engine's role still creates, wraps, rewraps and destroys keys, and never deletes a row: the grant of V3 covers
-- the new columns; restated so that this file says it.
GRANT SELECT, INSERT, UPDATE ON personal_data_key TO journey_app;
