/**
 * What every endpoint shares: the API's JSON, text PostgreSQL can store, the base of each side's problem mapping and
 * the container's own errors as problems.
 */
package io.cxengine.journey.platform.http;
