package io.cxengine.journey.platform.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a processing group that delivers events to another system rather than keeping tables: it gets no dead-letter
 * queue, and a failing handler fails its whole batch, so the group's token stays where it was and the batch is tried
 * again (the segment is claimed anew) until it goes through. Nothing is skipped and nothing overtakes: every event is
 * delivered at least once and, per customer, in the order of the store. A projection parks a customer it cannot
 * handle and goes on; a delivery cannot, since the other system would see the customer's later facts first.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AtLeastOnceDelivery {
}
