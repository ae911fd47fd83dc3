-- Idempotency keys belong to the client that sent them (the token's azp or client_id), so that one system can neither
-- replay nor block another's key. Keys recorded before tokens existed were all 'anonymous'; they keep working as
-- keys of a client of that name until they expire.
ALTER TABLE idempotency_record RENAME COLUMN principal TO client_id;
ALTER TABLE idempotency_record RENAME CONSTRAINT idempotency_record_pk TO idempotency_record_client_key_pk;
