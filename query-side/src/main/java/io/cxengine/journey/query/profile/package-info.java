/** The customer profile: who the customer is, how to reach them and where their journey stands. */
package io.cxengine.journey.query.profile;
