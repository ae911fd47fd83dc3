/**
 * Service-standard clocks as rows of the engine's own table ({@code service_clock}), written in the transaction of the
 * command that starts or stops them and fired, once, by one poller per engine ({@code FOR UPDATE SKIP LOCKED}), so
 * that they survive restarts and fire once across instances.
 */
package io.cxengine.journey.command.serviceclock;
