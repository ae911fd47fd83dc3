package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.query.moment.LastMoments;
import io.cxengine.journey.query.moment.Moment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the lost-account projection remembers of one customer until they leave: enough to say, at the loss, what the
 * history reveals. Stored as JSON in {@code read_model.lost_account_history}.
 */
class JourneyHistory {

    static final Duration REVEALING_WINDOW = Duration.ofDays(90);
    static final Duration SILENCE = Duration.ofDays(90);

    public BigDecimal revenue = BigDecimal.ZERO;
    public Instant firstPurchaseAt;
    public Instant lastPurchaseAt;
    public Set<String> openComplaints = new HashSet<>();
    public int breaches;
    public List<Instant> negativeMoments = new ArrayList<>();
    public Instant lastPositiveAt;
    public Instant lastContactAt;
    public List<LastMoment> lastMoments = new ArrayList<>();

    /** One of the moments just before a loss. */
    public record LastMoment(Instant occurredAt, String kind, String valence, String summary) {
    }

    /** A reason the history reveals, with what shows it. */
    public record RevealedReason(String reason, String evidence) {
    }

    void moment(Moment moment, Instant at) {
        if (moment.kind() == Moment.Kind.ACCOUNT_LOST) {
            return;
        }
        LastMoments.add(lastMoments, new LastMoment(at, moment.kind().name(),
                moment.valence() == null ? null : moment.valence().name(), moment.summary()), LastMoment::occurredAt);
        if (moment.weight() > 0) {
            lastPositiveAt = later(lastPositiveAt, at);
        } else if (moment.weight() < 0) {
            negativeMoments.add(at);
            negativeMoments.removeIf(negative -> negative.isBefore(at.minus(REVEALING_WINDOW.multipliedBy(4))));
        }
        if (moment.kind() == Moment.Kind.TOUCHPOINT || moment.kind() == Moment.Kind.PURCHASE
                || moment.kind() == Moment.Kind.SURVEY || moment.kind() == Moment.Kind.FOLLOW_UP_COMPLETED) {
            lastContactAt = later(lastContactAt, at);
        }
    }

    void purchase(BigDecimal amount, Instant at) {
        revenue = revenue.add(amount);
        firstPurchaseAt = firstPurchaseAt == null || at.isBefore(firstPurchaseAt) ? at : firstPurchaseAt;
        lastPurchaseAt = later(lastPurchaseAt, at);
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

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
