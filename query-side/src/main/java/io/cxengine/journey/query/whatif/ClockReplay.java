package io.cxengine.journey.query.whatif;

import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.ComplaintAcknowledged;
import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerEvent.OrderFulfilled;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.ServiceStandard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The clocks of the proposed standards that started in a period, followed through the events as the store holds them,
 * and judged twice: as they ran (their due time as recorded, and their breach), and under the proposed limit (their
 * start plus it). A clock stops with the fact that stops it whatever happened before: an e-mail answered after the
 * recorded 24 hours is answered in time under a proposed 48. It is pure: it keeps the clocks of the period in memory
 * and writes nothing.
 * <p>
 * As the analysts' compliance counts them: a clock is decided once its due time has passed (as recorded: or once it
 * was breached; as proposed: or once its stop came after the proposed due time), and missed when, decided, it was not
 * stopped by its due time (as recorded: or was breached).
 */
final class ClockReplay {

    private static final class Clock {
        final ServiceStandard standard;
        final Instant startedAt;
        final Instant dueAt;
        Instant stoppedAt;
        boolean breached;

        Clock(ServiceStandard standard, Instant startedAt, Instant dueAt) {
            this.standard = standard;
            this.startedAt = startedAt;
            this.dueAt = dueAt;
        }
    }

    private final Instant from;
    private final Instant to;
    private final Map<ServiceStandard, Duration> proposed;
    /** The clocks of the period, by customer, standard and subject. */
    private final Map<String, Clock> clocks = new HashMap<>();
    /** The clocks of the period a contact answers, by customer and standard, in the order they started. */
    private final Map<String, List<Clock>> answerable = new HashMap<>();

    ClockReplay(Instant from, Instant to, Map<ServiceStandard, Duration> proposed) {
        this.from = from;
        this.to = to;
        this.proposed = Map.copyOf(proposed);
    }

    /** Whether the replay needs events of this type at all (the others need not be read). */
    static boolean reads(Class<?> type) {
        return type == TouchpointRecorded.class || type == ComplaintFiled.class || type == ComplaintAcknowledged.class
                || type == ComplaintResolved.class || type == PurchaseRecorded.class || type == OrderFulfilled.class
                || type == ServiceStandardBreached.class;
    }

    void apply(CustomerEvent event) {
        String customer = event.customerId().toString();
        if (event instanceof TouchpointRecorded touchpoint) {
            if (touchpoint.stopsClocks() != null) {
                for (Clock clock : answerable.getOrDefault(customer + touchpoint.stopsClocks(), List.of())) {
                    if (clock.stoppedAt == null && !clock.startedAt.isAfter(touchpoint.occurredAt())) {
                        clock.stoppedAt = touchpoint.occurredAt();
                    }
                }
            }
            if (touchpoint.startsClock() != null) {
                Clock clock = start(customer, touchpoint.startsClock(), touchpoint.touchpointId().toString(),
                        touchpoint.occurredAt(), touchpoint.replyDueBy());
                if (clock != null) {
                    answerable.computeIfAbsent(customer + touchpoint.startsClock(), k -> new ArrayList<>()).add(clock);
                }
            }
            if (touchpoint.answerWithinSeconds() != null) {
                Clock call = start(customer, ServiceStandard.PHONE_ANSWER, touchpoint.touchpointId().toString(),
                        touchpoint.occurredAt(), touchpoint.answerDueAt());
                if (call != null) {
                    call.stoppedAt = touchpoint.answeredAt();
                }
            }
        } else if (event instanceof ComplaintFiled filed) {
            start(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, filed.complaintId().toString(),
                    filed.occurredAt(), filed.acknowledgeBy());
        } else if (event instanceof ComplaintAcknowledged acknowledged) {
            stop(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, acknowledged.complaintId().toString(),
                    acknowledged.occurredAt());
        } else if (event instanceof ComplaintResolved resolved) {
            stop(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, resolved.complaintId().toString(),
                    resolved.occurredAt());
        } else if (event instanceof PurchaseRecorded purchase && purchase.fulfilBy() != null) {
            start(customer, ServiceStandard.ORDER_FULFILMENT, purchase.orderId(), purchase.occurredAt(),
                    purchase.fulfilBy());
        } else if (event instanceof OrderFulfilled fulfilled) {
            stop(customer, ServiceStandard.ORDER_FULFILMENT, fulfilled.orderId(), fulfilled.occurredAt());
        } else if (event instanceof ServiceStandardBreached breach) {
            Clock clock = clocks.get(key(customer, breach.standard(), breach.subject()));
            if (clock != null) {
                clock.breached = true;
            }
        }
    }

    private Clock start(String customer, ServiceStandard standard, String subject, Instant startedAt, Instant dueAt) {
        if (!proposed.containsKey(standard) || startedAt.isBefore(from) || !startedAt.isBefore(to)) {
            return null;
        }
        Clock clock = new Clock(standard, startedAt, dueAt);
        return clocks.putIfAbsent(key(customer, standard, subject), clock) == null ? clock : null;
    }

    private void stop(String customer, ServiceStandard standard, String subject, Instant at) {
        Clock clock = clocks.get(key(customer, standard, subject));
        if (clock != null && clock.stoppedAt == null) {
            clock.stoppedAt = at;
        }
    }

    private static String key(String customer, ServiceStandard standard, String subject) {
        return customer + '|' + standard + '|' + subject;
    }

    /** Per proposed standard: the clocks that started in the period, as they ran and as proposed, as of {@code now}. */
    List<Rescored> result(Instant now, int minGroup) {
        Map<ServiceStandard, long[]> counts = new EnumMap<>(ServiceStandard.class);
        Map<ServiceStandard, Set<Duration>> limits = new EnumMap<>(ServiceStandard.class);
        proposed.keySet().forEach(standard -> {
            counts.put(standard, new long[5]);
            limits.put(standard, new TreeSet<>());
        });
        for (Clock clock : clocks.values()) {
            long[] count = counts.get(clock.standard);
            limits.get(clock.standard).add(Duration.between(clock.startedAt, clock.dueAt));
            count[0]++;
            boolean lateAsRecorded = clock.stoppedAt == null || clock.stoppedAt.isAfter(clock.dueAt);
            if (!clock.dueAt.isAfter(now) || clock.breached) {
                count[1]++;
                if (clock.breached || lateAsRecorded) {
                    count[2]++;
                }
            }
            Instant proposedDue = clock.startedAt.plus(proposed.get(clock.standard));
            boolean lateAsProposed = clock.stoppedAt == null || clock.stoppedAt.isAfter(proposedDue);
            boolean knownLate = clock.stoppedAt != null && clock.stoppedAt.isAfter(proposedDue);
            if (!proposedDue.isAfter(now) || knownLate) {
                count[3]++;
                if (lateAsProposed) {
                    count[4]++;
                }
            }
        }
        List<Rescored> rescored = new ArrayList<>();
        counts.forEach((standard, count) -> {
            boolean suppressed = count[0] > 0 && (count[1] < minGroup || count[3] < minGroup);
            List<String> recorded = limits.get(standard).stream().map(Duration::toString).toList();
            rescored.add(suppressed
                    ? new Rescored(standard, null, null, null, proposed.get(standard).toString(), null, true)
                    : new Rescored(standard, count[0], recorded, new Figures(count[1], count[2], ratio(count[1], count[2])),
                    proposed.get(standard).toString(), new Figures(count[3], count[4], ratio(count[3], count[4])),
                    false));
        });
        return rescored;
    }

    private static BigDecimal ratio(long decided, long missed) {
        return decided == 0 ? null : BigDecimal.valueOf(decided - missed)
                .divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
    }

    /** Decided clocks, missed ones, and the share kept. */
    record Figures(long decided, long missed, BigDecimal compliance) {
    }

    /**
     * One standard re-scored: the clocks that started in the period; their limits as recorded (each version's) and
     * their figures as they ran; the proposed limit and their figures under it. A standard with fewer decided clocks
     * than the minimum group size, either way, is suppressed: only the proposed limit is shown.
     */
    record Rescored(ServiceStandard standard, Long clocks, List<String> recordedLimits, Figures actual,
                    String proposedLimit, Figures proposed, boolean suppressed) {
    }
}
