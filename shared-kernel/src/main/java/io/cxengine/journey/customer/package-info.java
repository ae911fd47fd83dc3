/** The published language of a customer's journey: identifiers, value objects and the events every side reads. */
package io.cxengine.journey.customer;
