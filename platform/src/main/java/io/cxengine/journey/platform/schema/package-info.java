/** The schema's Flyway migrations, one history per owner, and the check that the runtime role may only append. */
package io.cxengine.journey.platform.schema;
