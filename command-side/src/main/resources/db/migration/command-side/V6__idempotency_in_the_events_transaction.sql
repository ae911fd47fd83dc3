-- An Idempotency-Key is now claimed (by a transaction-level advisory lock), recorded and answered in the transaction
-- of the command's events: a row is only ever committed answered, and a request that fails or dies leaves none. The
-- columns that named a claim and its holding process go; claims left in flight by an engine of before recorded
-- nothing, and go too. Rows RECORDED by such an engine (it died answering) are still replayed from their receipt.
DELETE FROM idempotency_record WHERE state = 'IN_FLIGHT';
ALTER TABLE idempotency_record DROP COLUMN claim_id;
ALTER TABLE idempotency_record DROP COLUMN claimed_by;
