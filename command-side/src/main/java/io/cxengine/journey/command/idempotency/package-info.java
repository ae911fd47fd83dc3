/**
 * The promise of {@code Idempotency-Key}: a key is claimed, recorded and answered in the transaction of the command's
 * own events, so a retry replays the first answer and records nothing twice.
 */
package io.cxengine.journey.command.idempotency;
