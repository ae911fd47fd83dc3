package io.cxengine.journey.benchmarks;

import io.cxengine.journey.customer.*;
import io.cxengine.journey.customer.CustomerEvent.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded customer history as the journey would have recorded it: the same mix as {@link JourneyGenerator}'s
 * commands (contacts on every channel, complaints through their lifecycle, apologies, follow-ups, surveys,
 * purchases, losses, win-backs, returns), but as the facts themselves and only facts the journey's rules allow, so
 * that millions of them can be written straight into the event store to benchmark reads and rebuilds at scale.
 */
final class SyntheticHistory {

    private final Random random;
    private final CustomerId customer;
    private final Instant until = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(1));
    private final List<CustomerEvent> events = new ArrayList<>();
    private final List<TouchpointId> touchpoints = new ArrayList<>();
    /** Open complaints, by id, with how far each has come: 0 filed, 1 acknowledged, 2 proposed, 3 agreed. */
    private final Map<ComplaintId, Integer> open = new LinkedHashMap<>();
    private final List<ComplaintId> resolved = new ArrayList<>();
    private final List<FollowUpId> followUps = new ArrayList<>();
    private Instant clock;
    private boolean lost;
    private int orders;

    private String conversation;
    private int conversations;

    private SyntheticHistory(long seed, long index) {
        random = new Random(seed * 1_000_003L + index);
        customer = new CustomerId(new UUID(random.nextLong(), random.nextLong()));
        clock = until.minus(Duration.ofDays(365)).plus(Duration.ofHours(random.nextInt(24 * 30)));
    }

    /** Customer {@code index}'s history of exactly {@code length} events, the same for the same seed (on one day). */
    static List<CustomerEvent> of(long seed, long index, int length) {
        SyntheticHistory history = new SyntheticHistory(seed, index);
        history.events.add(new CustomerRegistered(history.customer, "Customer " + index, "c" + index + "@example.com",
                null, history.pick(IdentificationMethod.values()), history.clock));
        while (history.events.size() < length) {
            history.next();
        }
        return List.copyOf(history.events.subList(0, length));
    }

    private void next() {
        clock = clock.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 3)));
        clock = clock.isAfter(until) ? until : clock;
        int dice = random.nextInt(100);
        if (dice < 35) {
            TouchpointId touchpoint = new TouchpointId(uuid());
            touchpoints.add(touchpoint);
            Channel channel = pick(Channel.values());
            Direction direction = pick(Direction.values());
            // An outbound call or e-mail answers the clocks of its standard, as the engine records it.
            ServiceStandard answers = direction != Direction.OUTBOUND ? null
                    : channel == Channel.PHONE ? ServiceStandard.CALL_RETURN
                    : channel == Channel.EMAIL ? ServiceStandard.EMAIL_RESPONSE : null;
            // Most contacts belong to a conversation (the last one, going on, or a new one); half carry a checked
            // note, now and then with a phrase to avoid.
            int talk = random.nextInt(10);
            conversation = talk < 2 ? null : talk < 6 && conversation != null ? conversation
                    : "conversation-" + (++conversations);
            Map<PhraseToAvoid, Integer> phrases = random.nextBoolean() ? null
                    : random.nextInt(4) == 0 ? Map.of(pick(PhraseToAvoid.values()), 1) : Map.of();
            add(new TouchpointRecorded(customer, touchpoint, channel, direction,
                    "question", random.nextBoolean() ? pick(InteractionStage.values()) : null, pick(Valence.values()),
                    "agent-" + (1 + random.nextInt(8)), random.nextInt(4) == 0 ? "Contact Centre Lisbon"
                    : TouchpointRecorded.IN_HOUSE, random.nextInt(900), random.nextInt(1200), null, false, null, null,
                    answers, null, conversation, phrases, null, clock));
        } else if (dice < 43) {
            ComplaintId complaint = new ComplaintId(uuid());
            open.put(complaint, 0);
            ComplaintCategory category = pick(ComplaintCategory.values());
            add(new ComplaintFiled(customer, complaint, category, category == ComplaintCategory.OTHER ? "parking" : null,
                    "something went wrong", pick(Severity.values()),
                    touchpoints.isEmpty() || random.nextBoolean() ? null : pick(touchpoints),
                    clock.plus(Duration.ofDays(2)), null, clock));
        } else if (dice < 60 && !open.isEmpty()) {
            progress(pick(new ArrayList<>(open.keySet())));
        } else if (dice < 62 && !resolved.isEmpty()) {
            ComplaintId complaint = resolved.remove(random.nextInt(resolved.size()));
            open.put(complaint, 1);
            add(new ComplaintReopened(customer, complaint, "still wrong", clock));
        } else if (dice < 70) {
            if (!followUps.isEmpty() && random.nextBoolean()) {
                add(new FollowUpCompleted(customer, followUps.remove(random.nextInt(followUps.size())), "called back",
                        pick(Valence.values()), clock));
            } else {
                FollowUpId followUp = new FollowUpId(uuid());
                followUps.add(followUp);
                add(new FollowUpScheduled(customer, followUp, clock.plus(Duration.ofDays(1 + random.nextInt(5))),
                        pick(Channel.values()), "check in", open.isEmpty() ? null : pick(new ArrayList<>(open.keySet())),
                        clock));
            }
        } else if (dice < 78) {
            SurveyKind kind = lost && random.nextBoolean() ? SurveyKind.LOST_ACCOUNT
                    : random.nextBoolean() ? SurveyKind.CSAT : SurveyKind.NPS;
            add(new SatisfactionMeasured(customer, kind, kind == SurveyKind.LOST_ACCOUNT ? null
                    : kind.lowest() + random.nextInt(kind.highest() - kind.lowest() + 1),
                    kind == SurveyKind.LOST_ACCOUNT ? pick(LossReason.values()) : null, Map.of(), null, clock));
        } else if (dice < 92 && !lost) {
            add(new PurchaseRecorded(customer, "order-" + (++orders),
                    new Money(BigDecimal.valueOf(500 + random.nextInt(50_000), 2), "GBP"), null, null, clock));
        } else if (dice < 96 && !lost) {
            lost = true;
            add(new AccountLost(customer, pick(LossReason.values()), null, clock));
        } else if (lost && random.nextBoolean()) {
            add(new WinBackAttempted(customer, "10% off", pick(Channel.values()), clock));
        } else if (lost) {
            lost = false;
            add(new AccountReactivated(customer, "win-back", clock));
        }
    }

    private void progress(ComplaintId complaint) {
        int stage = open.get(complaint);
        switch (stage) {
            case 0 -> add(new ComplaintAcknowledged(customer, complaint, clock));
            case 1 -> add(new SolutionProposed(customer, complaint, "a refund", clock));
            case 2 -> add(new SolutionAgreed(customer, complaint, "a refund",
                    random.nextBoolean() ? clock.plus(Duration.ofDays(2)) : null, clock));
            default -> {
                if (random.nextBoolean()) {
                    add(new ApologyIssued(customer, complaint, null, pick(ApologyReason.values()), "agent", clock));
                }
                add(new ComplaintResolved(customer, complaint, "refunded", clock));
                open.remove(complaint);
                resolved.add(complaint);
                return;
            }
        }
        open.put(complaint, stage + 1);
    }

    private void add(CustomerEvent event) {
        events.add(event);
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
