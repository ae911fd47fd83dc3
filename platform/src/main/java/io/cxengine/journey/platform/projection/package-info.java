/**
 * How every projection runs: pooled streaming processors, their tokens and dead-letter queues, writes a batch at a time
 * and a savepoint per event after a failure.
 */
package io.cxengine.journey.platform.projection;
