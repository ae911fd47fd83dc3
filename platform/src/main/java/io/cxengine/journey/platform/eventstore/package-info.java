/**
 * Axon's event store on PostgreSQL through JDBC: the storage engine and its bounded writes, appended positions, the
 * journal's serializers, the upcaster chain and its unknown-type guard, event ids, statements sent in one round trip.
 */
package io.cxengine.journey.platform.eventstore;
