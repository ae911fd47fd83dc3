/** What the query side sees in each event: which moment of truth it is, over which channel, and how it felt. */
package io.cxengine.journey.query.moment;
