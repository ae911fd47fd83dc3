/** Running the projections: their progress, rebuilding one from the first event, and the dead letters they parked. */
package io.cxengine.journey.query.operations;
