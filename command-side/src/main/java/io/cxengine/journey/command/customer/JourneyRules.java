package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.ServiceStandard;

import java.time.Duration;
import java.time.Instant;
import io.cxengine.journey.customer.PhraseToAvoid;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
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

    /** The seeds' phrases to avoid as they are written in agents' notes (any case; straight or curly apostrophes). */
    private static final Map<PhraseToAvoid, Pattern> PHRASES = new EnumMap<>(Map.of(
            PhraseToAvoid.I_DONT_KNOW, phrase("\\bI\\s+(?:don'?t|do\\s+not)\\s+know\\b"),
            PhraseToAvoid.NO, phrase("(?:^|[.!?:;\"“]\\s*)no\\s*(?:[.!,;\"”]|$)"),
            PhraseToAvoid.NOT_MY_JOB, phrase("\\b(?:that'?s|that\\s+is|it'?s|it\\s+is)\\s+not\\s+my\\s+job\\b"),
            PhraseToAvoid.THIS_STINKS, phrase("\\bthis\\s+stinks\\b"),
            PhraseToAvoid.TALK_TO_MY_MANAGER,
            phrase("\\b(?:talk|speak)\\s+to\\s+my\\s+(?:manager|supervisor)\\b"),
            PhraseToAvoid.BY_WHEN, phrase("\\bby\\s+when\\s*\\?"),
            PhraseToAvoid.CALM_DOWN, phrase("\\bcalm\\s+down\\b"),
            PhraseToAvoid.BUSY_RIGHT_NOW, phrase("\\bI(?:'?m|\\s+am)\\s+busy\\b"),
            PhraseToAvoid.CALL_ME_BACK, phrase("\\bcall\\s+(?:me|us)\\s+back\\b")));

    private static Pattern phrase(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * How often an agent's note uses each phrase to avoid: only the phrases it uses, nought of none; null when there is
     * no note to check. "No" counts as an answer of its own ("No." at the start of a sentence or quoted), not as the
     * word in a sentence.
     */
    static Map<PhraseToAvoid, Integer> phrasesToAvoid(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String text = note.replace('’', '\'');
        Map<PhraseToAvoid, Integer> counts = new EnumMap<>(PhraseToAvoid.class);
        PHRASES.forEach((phrase, pattern) -> {
            int found = (int) pattern.matcher(text).results().count();
            if (found > 0) {
                counts.put(phrase, found);
            }
        });
        return counts;
    }

    /** An inbound call recorded with the caller's wait is judged against the three-ring standard. */
    static boolean answerJudged(Channel channel, Direction direction, Integer waitSeconds) {
        return channel == Channel.PHONE && direction == Direction.INBOUND && waitSeconds != null;
    }

    /**
     * Contact only where welcome: an outbound contact over a channel the customer has not consented to breaches their
     * consent, unless it answers the customer: a contact of theirs over that channel not answered over it yet (a call,
     * an e-mail, a chat, a visit), or a running clock of theirs it stops.
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
