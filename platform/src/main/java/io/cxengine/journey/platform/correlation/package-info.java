/** The correlation id of every request, on both sides. */
package io.cxengine.journey.platform.correlation;
