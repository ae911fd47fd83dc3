package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.query.moment.LastMoments;
import io.cxengine.journey.query.moment.Moment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the lost-account projection remembers of one customer until they leave: enough to say, at the loss, what the
 * history reveals. Stored as JSON in {@code read_model.lost_account_history}; each fact gives a new history.
 */
record JourneyHistory(BigDecimal revenue, Instant firstPurchaseAt, Instant lastPurchaseAt, SortedSet<String> openComplaints,
                      int breaches, List<Instant> negativeMoments, Instant lastPositiveAt, Instant lastContactAt,
                      List<LastMoment> lastMoments) {

    static final Duration REVEALING_WINDOW = Duration.ofDays(90);
    static final Duration SILENCE = Duration.ofDays(90);
    /**
     * The reason of the reference distribution each revealed reason speaks for: a silence for the company's
     * indifference (the customer left feeling nobody cared), a complaint left open, a breached standard and bad moments
     * for dissatisfaction. A history cannot show a competitor, a move or a death.
     */
    static final Map<String, LossReason> POINTS_TO = Map.of(
            "SILENCE", LossReason.INDIFFERENCE,
            "UNRESOLVED_COMPLAINTS", LossReason.DISSATISFIED,
            "SERVICE_BREACHES", LossReason.DISSATISFIED,
            "NEGATIVE_MOMENTS", LossReason.DISSATISFIED);

    /** The history of a customer of whom nothing is known yet. */
    static final JourneyHistory NONE = new JourneyHistory(BigDecimal.ZERO, null, null, null, 0, List.of(), null,
            null, List.of());

    JourneyHistory {
        revenue = revenue == null ? BigDecimal.ZERO : revenue;
        // Sorted, so that the stored state is the same whatever order the complaints were opened and read back in.
        openComplaints = Collections.unmodifiableSortedSet(
                openComplaints == null ? new TreeSet<>() : new TreeSet<>(openComplaints));
        negativeMoments = negativeMoments == null ? List.of() : List.copyOf(negativeMoments);
        lastMoments = lastMoments == null ? List.of() : List.copyOf(lastMoments);
    }

    /** One of the moments just before a loss. */
    public record LastMoment(Instant occurredAt, String kind, String valence, String summary) {
    }

    /** A reason the history reveals, with what shows it. */
    public record RevealedReason(String reason, String evidence) {
    }

    /** The history after a moment of truth that happened at {@code at} (a loss itself is not one of its moments). */
    JourneyHistory moment(Moment moment, Instant at) {
        if (moment.kind() == Moment.Kind.ACCOUNT_LOST) {
            return this;
        }
        List<LastMoment> last = LastMoments.with(lastMoments, new LastMoment(at, moment.kind().name(),
                moment.valence() == null ? null : moment.valence().name(), moment.summary()), LastMoment::occurredAt);
        Instant positive = moment.weight() > 0 ? later(lastPositiveAt, at) : lastPositiveAt;
        List<Instant> negatives = moment.weight() < 0
                ? Stream.concat(negativeMoments.stream(), Stream.of(at))
                .filter(negative -> !negative.isBefore(at.minus(REVEALING_WINDOW.multipliedBy(4)))).toList()
                : negativeMoments;
        boolean contact = moment.kind() == Moment.Kind.TOUCHPOINT || moment.kind() == Moment.Kind.PURCHASE
                || moment.kind() == Moment.Kind.SURVEY || moment.kind() == Moment.Kind.FOLLOW_UP_COMPLETED;
        return new JourneyHistory(revenue, firstPurchaseAt, lastPurchaseAt, openComplaints, breaches, negatives,
                positive, contact ? later(lastContactAt, at) : lastContactAt, last);
    }

    JourneyHistory purchase(BigDecimal amount, Instant at) {
        return new JourneyHistory(revenue.add(amount),
                firstPurchaseAt == null || at.isBefore(firstPurchaseAt) ? at : firstPurchaseAt,
                later(lastPurchaseAt, at), openComplaints, breaches, negativeMoments, lastPositiveAt, lastContactAt,
                lastMoments);
    }

    /** A complaint filed, or reopened: open until it is resolved. */
    JourneyHistory complaintOpen(String complaintId) {
        SortedSet<String> open = new TreeSet<>(openComplaints);
        open.add(complaintId);
        return withComplaints(open);
    }

    JourneyHistory complaintResolved(String complaintId) {
        SortedSet<String> open = new TreeSet<>(openComplaints);
        open.remove(complaintId);
        return withComplaints(open);
    }

    JourneyHistory breached() {
        return new JourneyHistory(revenue, firstPurchaseAt, lastPurchaseAt, openComplaints, breaches + 1,
                negativeMoments, lastPositiveAt, lastContactAt, lastMoments);
    }

    /** The customer was forgotten: the moments keep what they were, not what they said. */
    JourneyHistory erased() {
        return new JourneyHistory(revenue, firstPurchaseAt, lastPurchaseAt, openComplaints, breaches, negativeMoments,
                lastPositiveAt, lastContactAt, lastMoments.stream()
                .map(moment -> new LastMoment(moment.occurredAt(), moment.kind(), moment.valence(), null)).toList());
    }

    /** What the history shows at the moment of a loss. */
    List<RevealedReason> revealedAt(Instant lostAt) {
        List<RevealedReason> reasons = new ArrayList<>();
        if (!openComplaints.isEmpty()) {
            reasons.add(new RevealedReason("UNRESOLVED_COMPLAINTS",
                    openComplaints.size() + " complaint(s) still unresolved"));
        }
        if (breaches > 0) {
            reasons.add(new RevealedReason("SERVICE_BREACHES", breaches + " service standard(s) breached"));
        }
        long negatives = negativeMoments.stream()
                .filter(at -> !at.isBefore(lostAt.minus(REVEALING_WINDOW)) && !at.isAfter(lostAt)).count();
        if (negatives > 0) {
            reasons.add(new RevealedReason("NEGATIVE_MOMENTS", negatives + " negative moment(s) in the last 90 days"));
        }
        Integer silent = daysBetween(lastContactAt, lostAt);
        if (lastContactAt == null || silent >= SILENCE.toDays()) {
            reasons.add(new RevealedReason("SILENCE", lastContactAt == null ? "no contact ever recorded"
                    : "no contact for %d days".formatted(silent)));
        }
        return reasons;
    }

    static Integer daysBetween(Instant from, Instant to) {
        return from == null ? null : (int) Duration.between(from, to).toDays();
    }

    private JourneyHistory withComplaints(SortedSet<String> open) {
        return new JourneyHistory(revenue, firstPurchaseAt, lastPurchaseAt, open, breaches, negativeMoments,
                lastPositiveAt, lastContactAt, lastMoments);
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
