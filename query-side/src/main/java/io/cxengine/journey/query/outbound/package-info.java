/**
 * Events out to other systems: every journey event, in the order of the store per customer, as one CloudEvents
 * envelope ({@link io.cxengine.journey.query.outbound.JourneyEventEnvelope}), on a Kafka topic; each delivery from a
 * processing group of its own, at least once ({@code docs/events-out.md}).
 */
package io.cxengine.journey.query.outbound;
