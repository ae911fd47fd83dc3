/** What a customer is worth: annual revenue, customer lifetime value, value tier and the qualifying matrix. */
package io.cxengine.journey.query.value;
