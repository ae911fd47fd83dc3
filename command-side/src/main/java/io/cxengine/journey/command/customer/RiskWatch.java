package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerEvent.CustomerAtRisk;
import io.cxengine.journey.customer.CustomerEvent.CustomerNoLongerAtRisk;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.RelationshipBalance;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.ServiceStandard;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The at-risk watch of one customer ("prevention is always better"): whether their history has turned, by the signs
 * of {@link RiskSign}, and whether that changed since it was last recorded. A member of the {@link Customer} that sees
 * every one of the customer's facts; its state is bounded whatever the history's length: the balance of each UTC day
 * of the last 90, the two newest breaches, the open complaints past a standard, the signs last recorded.
 */
class RiskWatch {

    /** Breaches within {@link RelationshipBalance#RECENT} that make them repeated. */
    static final int REPEATED_BREACHES = 2;
    private static final long WINDOW_DAYS = RelationshipBalance.RECENT.toDays();
    private static final Set<ServiceStandard> COMPLAINT_STANDARDS =
            EnumSet.of(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, ServiceStandard.PROMISED_SOLUTION);

    /** The balance of each day of the window, by epoch day (UTC); days that weigh nothing are not kept. */
    private final TreeMap<Long, Integer> days = new TreeMap<>();
    /** The newest breaches, oldest first, at most {@link #REPEATED_BREACHES}. */
    private final List<Instant> breaches = new ArrayList<>();
    /** Open complaints one of whose standards was breached. */
    private final Set<String> overdueComplaints = new HashSet<>();
    /** The signs last recorded: empty while the customer is not at risk. */
    private Set<RiskSign> recorded = EnumSet.noneOf(RiskSign.class);
    /** When the newest fact happened: the end of the window. */
    private Instant newest;
    /** How many facts the watch has seen: whether a command recorded any. */
    private long facts;

    /** The fact to record if the signs are no longer those last recorded; none for a lost account. */
    Optional<CustomerEvent> turn(CustomerId customerId, boolean lost) {
        Set<RiskSign> now = lost ? EnumSet.noneOf(RiskSign.class) : signs();
        if (now.equals(recorded)) {
            return Optional.empty();
        }
        return Optional.of(now.isEmpty() ? new CustomerNoLongerAtRisk(customerId, newest)
                : new CustomerAtRisk(customerId, now, recentBalance(), newest));
    }

    Set<RiskSign> signs() {
        Set<RiskSign> signs = EnumSet.noneOf(RiskSign.class);
        if (recentBalance() < 0) {
            signs.add(RiskSign.NEGATIVE_BALANCE);
        }
        if (!overdueComplaints.isEmpty()) {
            signs.add(RiskSign.COMPLAINT_PAST_STANDARD);
        }
        if (breaches.size() == REPEATED_BREACHES && day(breaches.get(0)) > day(newest) - WINDOW_DAYS) {
            signs.add(RiskSign.REPEATED_BREACHES);
        }
        return signs;
    }

    /** The balance of the moments of the 90 days up to the newest fact, counted by UTC day. */
    int recentBalance() {
        return days.values().stream().mapToInt(Integer::intValue).sum();
    }

    long facts() {
        return facts;
    }

    @EventSourcingHandler
    void on(CustomerEvent event) {
        facts++;
        Instant at = event.occurredAt();
        if (newest == null || at.isAfter(newest)) {
            newest = at;
            days.headMap(day(newest) - WINDOW_DAYS, true).clear();
        }
        int weight = RelationshipBalance.weight(event);
        if (weight != 0 && day(at) > day(newest) - WINDOW_DAYS) {
            days.merge(day(at), weight, (sum, more) -> sum + more == 0 ? null : sum + more);
        }
        if (event instanceof ServiceStandardBreached breach) {
            breached(breach);
        } else if (event instanceof ComplaintResolved resolved) {
            overdueComplaints.remove(resolved.complaintId().toString());
        } else if (event instanceof CustomerAtRisk atRisk) {
            recorded = atRisk.signs().isEmpty() ? EnumSet.noneOf(RiskSign.class) : EnumSet.copyOf(atRisk.signs());
        } else if (event instanceof CustomerNoLongerAtRisk || event instanceof AccountLost) {
            recorded = EnumSet.noneOf(RiskSign.class); // a loss says more than the signs did
        }
    }

    private void breached(ServiceStandardBreached breach) {
        if (COMPLAINT_STANDARDS.contains(breach.standard())) {
            overdueComplaints.add(breach.subject());
        }
        breaches.add(breach.occurredAt());
        breaches.sort(null);
        if (breaches.size() > REPEATED_BREACHES) {
            breaches.remove(0);
        }
    }

    private static long day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }
}
