/**
 * The agent briefing: everything an agent needs in one look before and during a call (who the customer is, what is
 * already known, what is open and promised, how to route and approach them).
 */
package io.cxengine.journey.query.briefing;
