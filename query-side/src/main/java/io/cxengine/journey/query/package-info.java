/** The query side: projections of the journey into read models, and what analysts, agents and auditors read. */
package io.cxengine.journey.query;
