-- Which engine process holds a key's claim: the id of the PostgreSQL advisory lock that process holds for as long as it
-- lives (see ClaimHolder). A claim whose holder no longer holds its lock was left by a process that died, and is taken
-- over at once instead of after the in-flight timeout. Claims made before this column existed keep the timeout alone.
ALTER TABLE idempotency_record ADD COLUMN claimed_by INTEGER;
