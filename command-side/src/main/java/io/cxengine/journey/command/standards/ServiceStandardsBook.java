package io.cxengine.journey.command.standards;

import io.cxengine.journey.command.customer.InvalidFact;
import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.command.customer.StandardsInForce;
import io.cxengine.journey.command.standards.StandardsCommand.ChangeServiceStandard;
import io.cxengine.journey.command.standards.StandardsCommand.OpenServiceStandardsBook;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.standards.ServiceStandardEvent;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The company's service standards book: for each standard with a limit of its own, the versions of that limit, each
 * from the time it takes effect. It keeps only what its decisions need: each standard's latest version.
 * <p>
 * A version is recorded at least the announcement time ({@link StandardsInForce#announceAhead()}) before it takes
 * effect, never for the past: a standard in force when a clock started stays that clock's standard, and the past is
 * re-scored only as a question (what if), never by rewriting it. Versions of a standard take effect in the order they
 * are recorded.
 */
@Aggregate
public class ServiceStandardsBook {

    /** How far ahead a version may be recorded. */
    static final Duration FURTHEST = Duration.ofDays(2 * 366);

    private record Latest(int version, long withinSeconds, Instant effectiveFrom) {
    }

    @AggregateIdentifier
    private String book;
    private final Map<ServiceStandard, Latest> latest = new EnumMap<>(ServiceStandard.class);

    ServiceStandardsBook() {
        // Axon rebuilds the book from its events through this constructor.
    }

    @CommandHandler
    ServiceStandardsBook(OpenServiceStandardsBook command) {
        command.versions().forEach(AggregateLifecycle::apply);
    }

    /** Records the standard's next version; answers it. */
    @CommandHandler
    ServiceStandardChanged handle(ChangeServiceStandard command, StandardsInForce standards) {
        ServiceStandard standard = command.standard();
        if (!standard.hasOwnLimit()) {
            throw new InvalidFact("standard", "%s runs to the due time each fact names; it has no limit of its own"
                    .formatted(standard));
        }
        Duration within = command.within();
        if (!ServiceStandard.isLimit(within)) {
            throw new InvalidFact("within", "A standard's limit is a whole number of seconds, more than none and at "
                    + "most 365 days, not " + within);
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new InvalidFact("reason", "A standard's new version says why it was set");
        }
        // Axon stamps recorded events with this clock; the test fixture sets it.
        Instant now = GenericEventMessage.clock.instant();
        Instant earliest = now.plus(standards.announceAhead());
        Instant effectiveFrom = command.effectiveFrom() == null ? earliest : command.effectiveFrom();
        if (effectiveFrom.isBefore(earliest)) {
            throw new JourneyRuleViolation(("A standard's version takes effect at the earliest %s after it is recorded "
                    + "(%s), so that every node knows it before a clock starts under it, and no fact already recorded "
                    + "(dated up to the API's clock skew ahead) started after it; the past is not re-judged")
                    .formatted(standards.announceAhead(), earliest));
        }
        if (effectiveFrom.isAfter(now.plus(FURTHEST))) {
            throw new InvalidFact("effectiveFrom", "A standard's version takes effect within %d days of being "
                    .formatted(FURTHEST.toDays()) + "recorded (a later version could never come before it), not at "
                    + effectiveFrom);
        }
        Latest last = latest.get(standard);
        if (last != null && !effectiveFrom.isAfter(last.effectiveFrom())) {
            throw new JourneyRuleViolation("Version %d of %s takes effect at %s; a later version takes effect after it"
                    .formatted(last.version(), standard, last.effectiveFrom()));
        }
        if (last != null && last.withinSeconds() == within.toSeconds()) {
            throw new JourneyRuleViolation("%s is %s already, from version %d".formatted(standard, within,
                    last.version()));
        }
        ServiceStandardChanged changed = new ServiceStandardChanged(standard, last == null ? 1 : last.version() + 1,
                within.toSeconds(), effectiveFrom, command.reason().strip());
        AggregateLifecycle.apply(changed);
        return changed;
    }

    @EventSourcingHandler
    void on(ServiceStandardChanged changed) {
        book = ServiceStandardEvent.BOOK;
        latest.put(changed.standard(), new Latest(changed.version(), changed.withinSeconds(), changed.effectiveFrom()));
    }
}
