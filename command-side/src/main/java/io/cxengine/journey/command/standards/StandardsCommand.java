package io.cxengine.journey.command.standards;

import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.standards.ServiceStandardEvent;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What may be asked of the service standards book. */
public sealed interface StandardsCommand {

    /** Opens the book with the limits the engine is configured with, each as its version 1 (the first start). */
    record OpenServiceStandardsBook(@TargetAggregateIdentifier String book, List<ServiceStandardChanged> versions)
            implements StandardsCommand {

        public OpenServiceStandardsBook(List<ServiceStandardChanged> versions) {
            this(ServiceStandardEvent.BOOK, versions);
        }
    }

    /**
     * Records a standard's next version: its limit from {@code effectiveFrom} (null: as soon as allowed, the
     * announcement time after now) on, and why.
     */
    record ChangeServiceStandard(@TargetAggregateIdentifier String book, ServiceStandard standard, Duration within,
                                 Instant effectiveFrom, String reason) implements StandardsCommand {

        public ChangeServiceStandard(ServiceStandard standard, Duration within, Instant effectiveFrom, String reason) {
            this(ServiceStandardEvent.BOOK, standard, within, effectiveFrom, reason);
        }
    }
}
