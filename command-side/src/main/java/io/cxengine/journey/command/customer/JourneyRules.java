package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.ServiceStandard;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The named rules of the journey, as pure functions. */
final class JourneyRules {

    /** Attribute names that are special-category personal data: recorded only with explicit consent. */
    static final Set<String> SPECIAL_CATEGORIES = Set.of(
            "religion", "religious_belief", "ethnic_background", "ethnic_origin", "race", "racial_origin",
            "political_affiliation", "political_opinion", "trade_union_membership", "health", "health_condition",
            "sexual_orientation", "sex_life", "genetic_data", "biometric_data");

    private JourneyRules() {
    }

    /** The form under which an attribute is remembered: "Household Size" and "household-size" are one attribute. */
    static String attributeKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_|_$", "");
    }

    static boolean isSpecialCategory(String attributeName) {
        return SPECIAL_CATEGORIES.contains(attributeKey(attributeName));
    }

    /** The clock a contact starts: an inbound call asking for a call back, or an inbound e-mail. */
    static Optional<ServiceStandard> clockStartedBy(Channel channel, Direction direction, boolean callbackRequested) {
        if (direction != Direction.INBOUND) {
            return Optional.empty();
        }
        if (channel == Channel.PHONE && callbackRequested) {
            return Optional.of(ServiceStandard.CALL_RETURN);
        }
        if (channel == Channel.EMAIL) {
            return Optional.of(ServiceStandard.EMAIL_RESPONSE);
        }
        return Optional.empty();
    }

    /** The clocks a contact stops: an outbound call returns calls, an outbound e-mail answers e-mails. */
    static Optional<ServiceStandard> clockStoppedBy(Channel channel, Direction direction) {
        if (direction != Direction.OUTBOUND) {
            return Optional.empty();
        }
        return switch (channel) {
            case PHONE -> Optional.of(ServiceStandard.CALL_RETURN);
            case EMAIL -> Optional.of(ServiceStandard.EMAIL_RESPONSE);
            default -> Optional.empty();
        };
    }

    /** An inbound call recorded with the caller's wait is judged against the three-ring standard. */
    static boolean answerJudged(Channel channel, Direction direction, Integer waitSeconds) {
        return channel == Channel.PHONE && direction == Direction.INBOUND && waitSeconds != null;
    }

    /**
     * Contact only where welcome: an outbound contact over a channel the customer has not consented to breaches their
     * consent, unless it answers the customer's own request (returns the call they asked for, answers their e-mail).
     */
    static boolean breachesConsent(Direction direction, Channel channel, Set<Channel> consents,
                                   boolean answersTheCustomer) {
        return direction == Direction.OUTBOUND && !consents.contains(channel) && !answersTheCustomer;
    }

    /**
     * The channel a follow-up the engine schedules itself goes over: the channel of the customer's latest inbound
     * contact if they welcome it, else the first they welcome in the order of {@link Channel}; none if they welcome none.
     */
    static Optional<Channel> followUpChannel(Set<Channel> consents, Channel lastInbound) {
        if (lastInbound != null && consents.contains(lastInbound)) {
            return Optional.of(lastInbound);
        }
        return Arrays.stream(Channel.values()).filter(consents::contains).findFirst();
    }

    /**
     * When a clock's deadline should fire: at its due time, or, for a clock that ran out before it was even
     * recorded, a grace period after recording, so that the fact that stopped it in time can still be recorded.
     */
    static Instant deadlineTrigger(Instant dueAt, Instant recordedAt, Duration lateRecordingGrace) {
        Instant earliest = recordedAt.plus(lateRecordingGrace);
        return dueAt.isBefore(earliest) && dueAt.isBefore(recordedAt) ? earliest : dueAt;
    }
}
