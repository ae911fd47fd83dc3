/**
 * The ids of a customer's facts that must be unique (touchpoints, complaints, follow-ups, orders), as the event store
 * keeps them: {@code customer_fact_id}, filled by the store's own trigger in the transaction of each event that
 * introduces an id, under a unique key. The customer asks here instead of remembering every id it ever saw.
 */
package io.cxengine.journey.command.factids;
