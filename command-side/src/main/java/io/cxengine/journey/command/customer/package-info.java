/** The Customer aggregate: the rules a customer's journey obeys, decided on commands and recorded as events. */
package io.cxengine.journey.command.customer;
