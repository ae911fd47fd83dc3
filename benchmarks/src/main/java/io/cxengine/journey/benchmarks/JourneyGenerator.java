package io.cxengine.journey.benchmarks;

import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.customer.CustomerCommand.*;
import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.customer.*;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A seeded generator of realistic journeys: registrations, contacts over every channel, complaints through their
 * lifecycle, apologies, follow-ups, surveys, purchases, losses, win-backs and reactivations, each customer's facts in
 * the order they happened, back-dated over the last year. Commands the journey refuses are part of the mix.
 */
public final class JourneyGenerator {

    private final Random random;
    /** The latest a generated fact happens: fixed per day, so that the same seed sends the same requests all day. */
    private final Instant until = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(1));
    private final CommandSink sink;
    private int recorded;
    private int refused;

    /** Where the generated commands go: the engine in-process, or its REST API. */
    @FunctionalInterface
    public interface CommandSink {
        /** Records the command; throws {@link JourneyRuleViolation} when the journey refuses it. */
        void send(CustomerCommand command);

        /** Records in-process through the engine's own edge. */
        static CommandSink inProcess(JourneyCommands commands) {
            MetaData provenance = MetaData.with("principal", "journey-generator");
            return command -> commands.record(command, provenance);
        }
    }

    public JourneyGenerator(long seed, CommandSink sink) {
        this.random = new Random(seed);
        this.sink = sink;
    }

    /** One simulated customer: what the generator needs to pick plausible next facts. */
    private static final String[] AGENTS = {"agent-1", "agent-2", "agent-3", "agent-4"};
    /** Agents' notes, some with the phrases to avoid, some without, and contacts without a note. */
    private static final String[] NOTES = {null, null, "Customer asked about the invoice; explained the charges.",
            "Told the customer to calm down, then found the order.", "I don't know where the parcel is. Call me back.",
            "Said: No. Then offered a voucher.", "That's not my job, passed to billing.", "Resolved on the call."};

    private static final class Simulated {
        final CustomerId id;
        Instant clock;
        final List<ComplaintId> complaints = new ArrayList<>();
        final List<TouchpointId> touchpoints = new ArrayList<>();
        final List<FollowUpId> followUps = new ArrayList<>();
        boolean lost;
        int orders;
        /** The conversation the next contact may go on with, if any. */
        String conversation;
        int conversations;

        Simulated(CustomerId id, Instant start) {
            this.id = id;
            clock = start;
        }
    }

    /** Runs {@code commandCount} commands over {@code customers} new customers; returns their ids. */
    public List<CustomerId> run(int customers, int commandCount) {
        Instant start = until.minus(Duration.ofDays(365));
        List<Simulated> people = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            people.add(register(i, start));
        }
        for (int i = customers; i < commandCount; i++) {
            advance(people.get(random.nextInt(people.size())));
        }
        return people.stream().map(person -> person.id).toList();
    }

    /**
     * One customer's journey of exactly {@code length} commands (the registration first), the same for the same seed
     * and index: any number of customers can be generated one at a time, in any order, without holding them all.
     */
    public static List<CustomerCommand> journey(long seed, long index, int length) {
        List<CustomerCommand> commands = new ArrayList<>(length);
        JourneyGenerator generator = new JourneyGenerator(seed * 1_000_003L + index, commands::add);
        Simulated person = generator.register(index, generator.until.minus(Duration.ofDays(365)));
        for (int i = 1; i < length; i++) {
            generator.advance(person);
        }
        return commands;
    }

    private Simulated register(long index, Instant start) {
        Simulated person = new Simulated(new CustomerId(uuid()), start.plus(Duration.ofHours(random.nextInt(24 * 30))));
        send(new RegisterCustomer(person.id, "Customer " + index, "c" + index + "@example.com", null,
                pick(IdentificationMethod.values()),
                List.of(new Attribute(AttributeKind.DEMOGRAPHIC, "household size", "" + (1 + random.nextInt(5)), false)),
                random.nextBoolean() ? Set.of(Channel.EMAIL) : Set.of(), person.clock));
        return person;
    }

    private void advance(Simulated person) {
        person.clock = person.clock.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 3)));
        if (person.clock.isAfter(until)) {
            person.clock = until;
        }
        send(next(person));
    }

    /** Ids from the seeded random too, so that a replay of the same seed (on the same day) sends the very same requests. */
    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    public int recorded() {
        return recorded;
    }

    public int refused() {
        return refused;
    }

    private CustomerCommand next(Simulated p) {
        Instant at = p.clock;
        int dice = random.nextInt(100);
        if (dice < 30) {
            TouchpointId touchpoint = new TouchpointId(uuid());
            p.touchpoints.add(touchpoint);
            // Most contacts belong to a conversation: the last one, going on, or a new one.
            int talk = random.nextInt(10);
            p.conversation = talk < 2 ? null : talk < 6 && p.conversation != null ? p.conversation
                    : "conversation-" + (++p.conversations);
            return new RecordTouchpoint(p.id, touchpoint, pick(Channel.values()), pick(Direction.values()), "question",
                    random.nextBoolean() ? pick(InteractionStage.values()) : null, pick(Valence.values()),
                    AGENTS[random.nextInt(AGENTS.length)], random.nextInt(4) == 0 ? "Contact Centre Lisbon" : null,
                    random.nextInt(900), random.nextInt(1200), NOTES[random.nextInt(NOTES.length)],
                    random.nextInt(10) == 0, p.conversation, at);
        }
        if (dice < 40) {
            ComplaintId complaint = new ComplaintId(uuid());
            p.complaints.add(complaint);
            TouchpointId about = p.touchpoints.isEmpty() || random.nextBoolean() ? null : pick(p.touchpoints);
            ComplaintCategory category = pick(ComplaintCategory.values());
            return new FileComplaint(p.id, complaint, category, category == ComplaintCategory.OTHER ? "parking" : null,
                    "something went wrong", pick(Severity.values()), about, at);
        }
        if (dice < 60 && !p.complaints.isEmpty()) {
            ComplaintId complaint = pick(p.complaints);
            return switch (random.nextInt(6)) {
                case 0 -> new AcknowledgeComplaint(p.id, complaint, at);
                case 1 -> new ProposeSolution(p.id, complaint, "a refund", at);
                case 2 -> new AgreeSolution(p.id, complaint, random.nextBoolean() ? at.plus(Duration.ofDays(2)) : null, at);
                case 3 -> new ResolveComplaint(p.id, complaint, "refunded", at);
                case 4 -> new ReopenComplaint(p.id, complaint, "still wrong", at);
                default -> new IssueApology(p.id, complaint, null, pick(ApologyReason.values()), "agent", at);
            };
        }
        if (dice < 68) {
            if (!p.followUps.isEmpty() && random.nextBoolean()) {
                return new CompleteFollowUp(p.id, pick(p.followUps), "called back", pick(Valence.values()), at);
            }
            FollowUpId followUp = new FollowUpId(uuid());
            p.followUps.add(followUp);
            return new ScheduleFollowUp(p.id, followUp, at.plus(Duration.ofDays(1 + random.nextInt(5))),
                    pick(Channel.values()), "check in", p.complaints.isEmpty() ? null : pick(p.complaints), at);
        }
        if (dice < 76) {
            SurveyKind kind = p.lost && random.nextBoolean() ? SurveyKind.LOST_ACCOUNT
                    : random.nextBoolean() ? SurveyKind.CSAT : SurveyKind.NPS;
            Integer score = kind == SurveyKind.LOST_ACCOUNT ? null
                    : kind.lowest() + random.nextInt(kind.highest() - kind.lowest() + 1);
            return new MeasureSatisfaction(p.id, kind, score,
                    kind == SurveyKind.LOST_ACCOUNT ? pick(LossReason.values()) : null, Map.of(), null, at);
        }
        if (dice < 90) {
            p.lost = false;
            return new RecordPurchase(p.id, "order-" + (++p.orders),
                    new Money(BigDecimal.valueOf(500 + random.nextInt(50_000), 2), "GBP"), false, at);
        }
        if (dice < 95) {
            p.lost = true;
            return new LoseAccount(p.id, pick(LossReason.values()), null, at);
        }
        if (dice < 98) {
            return new AttemptWinBack(p.id, "10% off", pick(Channel.values()), at);
        }
        p.lost = false;
        return new ReactivateAccount(p.id, at);
    }

    private void send(CustomerCommand command) {
        try {
            sink.send(command);
            recorded++;
        } catch (JourneyRuleViolation refusal) {
            refused++;
        }
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
