/** How stored events of earlier revisions are read as the current ones: one upcaster per change of shape. */
package io.cxengine.journey.customer.upcasting;
