package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.AcknowledgeComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.AgreeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.AttemptWinBack;
import io.cxengine.journey.command.customer.CustomerCommand.Attribute;
import io.cxengine.journey.command.customer.CustomerCommand.CompleteFollowUp;
import io.cxengine.journey.command.customer.CustomerCommand.FileComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.FulfilOrder;
import io.cxengine.journey.command.customer.CustomerCommand.IssueApology;
import io.cxengine.journey.command.customer.CustomerCommand.LoseAccount;
import io.cxengine.journey.command.customer.CustomerCommand.MeasureSatisfaction;
import io.cxengine.journey.command.customer.CustomerCommand.ProposeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.ReactivateAccount;
import io.cxengine.journey.command.customer.CustomerCommand.RecordAttribute;
import io.cxengine.journey.command.customer.CustomerCommand.RecordConsent;
import io.cxengine.journey.command.customer.CustomerCommand.RecordPurchase;
import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.command.customer.CustomerCommand.RegisterCustomer;
import io.cxengine.journey.command.customer.CustomerCommand.ReopenComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.ResolveComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUp;
import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUpWhereWelcome;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.AccountReactivated;
import io.cxengine.journey.customer.CustomerEvent.ApologyIssued;
import io.cxengine.journey.customer.CustomerEvent.AttributeRecorded;
import io.cxengine.journey.customer.CustomerEvent.ComplaintAcknowledged;
import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;
import io.cxengine.journey.customer.CustomerEvent.ComplaintReopened;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerEvent.ConsentBreached;
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.ConsentWithdrawn;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerEvent.FollowUpCompleted;
import io.cxengine.journey.customer.CustomerEvent.FollowUpMissed;
import io.cxengine.journey.customer.CustomerEvent.FollowUpScheduled;
import io.cxengine.journey.customer.CustomerEvent.OrderFulfilled;
import io.cxengine.journey.customer.CustomerEvent.PersonalDataErased;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.SatisfactionMeasured;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.SolutionAgreed;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerEvent.WinBackAttempted;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer's journey: only the state its decisions need, rebuilt from the customer's events. Each command handler
 * checks the rules, then applies events; refusals throw {@link JourneyRuleViolation} and record nothing. Service
 * standards run as persistent deadlines, started and stopped by the facts that start and stop their clocks.
 * <p>
 * The state is bounded by what is open, not by the length of the history: open complaints (each a {@link Complaint})
 * and follow-ups, running clocks, consents, and what is known about the customer as digests. Whether an id was ever
 * used (a touchpoint, complaint, follow-up or order) is asked of {@link RecordedIds}, which the event store keeps
 * under a unique key; so a snapshot of a customer with ten thousand events is as small as one with ten.
 */
@Revision("4")
@Aggregate(commandTargetResolver = "customerTargetResolver", repository = "customerRepository")
public class Customer {

    static final String SERVICE_STANDARD = "service-standard";

    @AggregateIdentifier
    private CustomerId customerId;
    private boolean lost;
    /** What is known about the customer, by kind and name: a digest of the value, enough to tell a repeat. */
    private final Map<String, String> knownAttributes = new HashMap<>();
    private final Set<Channel> consents = EnumSet.noneOf(Channel.class);
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, Complaint> openComplaints = new HashMap<>();
    /** Follow-ups not completed yet (scheduled, or missed and still to be done), with the complaint each is about. */
    private final Map<String, String> openFollowUps = new HashMap<>();
    /** The channel of the customer's latest inbound contact, where a follow-up of the engine's own goes if welcome. */
    private Channel lastInboundChannel;
    /** Channels the customer contacted the company over, not answered over since: an answer there is welcome. */
    private final Set<Channel> awaitingAnswer = EnumSet.noneOf(Channel.class);
    private final Map<String, ServiceClock> runningClocks = new HashMap<>();
    /** Orders awaiting fulfilment, with when each was received. */
    private final Map<String, Instant> unfilledOrders = new HashMap<>();
    @AggregateMember
    private final RiskWatch risk = new RiskWatch();

    Customer() {
        // Axon rebuilds a Customer from its events through this constructor.
    }

    /**
     * After every command that records something, and in the same transaction: if the customer's signs of risk are no
     * longer those last recorded, the turn is recorded too ({@link RiskWatch}). A command that records nothing (a
     * repeat) records no turn either.
     */
    @CommandHandlerInterceptor
    Object watchRisk(InterceptorChain chain) throws Exception {
        long before = risk.facts();
        Object result = chain.proceed();
        if (risk.facts() > before) {
            recordRiskTurn();
        }
        return result;
    }

    private void recordRiskTurn() {
        if (customerId != null) {
            risk.turn(customerId, lost).ifPresent(turn -> apply(turn));
        }
    }

    // --- identity and what is known ---------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterCustomer command) {
        if (customerId != null) {
            throw new JourneyRuleViolation("Customer %s is already registered".formatted(command.customerId()));
        }
        List<Attribute> known = Objects.requireNonNullElse(command.attributes(), List.of());
        known.forEach(Customer::requireConsentForSpecialCategory);
        apply(new CustomerRegistered(command.customerId(), command.name(), command.email(), command.phone(),
                command.identifiedVia(), command.occurredAt()));
        Map<String, String> recorded = new HashMap<>();
        for (Attribute attribute : known) {
            String key = attributeKey(attribute);
            if (!attribute.value().equals(recorded.put(key, attribute.value()))) {
                apply(attributeRecorded(command.customerId(), attribute, command.occurredAt()));
            }
        }
        Objects.requireNonNullElse(command.consents(), Set.<Channel>of()).stream().sorted()
                .forEach(channel -> apply(new ConsentGranted(command.customerId(), channel, command.occurredAt())));
    }

    @CommandHandler
    void handle(RecordAttribute command) {
        Attribute attribute = command.attribute();
        requireConsentForSpecialCategory(attribute);
        if (digest(attribute.value()).equals(knownAttributes.get(attributeKey(attribute)))) {
            return; // Known already: don't ask twice, don't record twice.
        }
        apply(attributeRecorded(customerId, attribute, command.occurredAt()));
    }

    @CommandHandler
    void handle(RecordConsent command) {
        if (command.granted() == consents.contains(command.channel())) {
            return; // The customer's wish is already recorded.
        }
        apply(command.granted()
                ? new ConsentGranted(customerId, command.channel(), command.occurredAt())
                : new ConsentWithdrawn(customerId, command.channel(), command.occurredAt()));
    }

    // --- moments of truth --------------------------------------------------------------------------------------

    @CommandHandler
    void handle(RecordTouchpoint command, StandardsInForce standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled, RecordedIds ids) {
        if (ids.claim(customerId, RecordedIds.Kind.TOUCHPOINT, command.touchpointId().toString(), "").isPresent()) {
            throw new JourneyRuleViolation("Touchpoint %s is already recorded".formatted(command.touchpointId()));
        }
        StandardsInForce.InForce inForce = standards.at(command.occurredAt());
        var started = JourneyRules.clockStartedBy(command.channel(), command.direction(), command.callbackRequested());
        Instant replyDueBy = started.map(standard -> command.occurredAt().plus(inForce.of(standard).orElseThrow()))
                .orElse(null);
        var stopped = JourneyRules.clockStoppedBy(command.channel(), command.direction());
        List<ServiceClock.Key> answered = stopped.map(standard -> answeredBy(standard, command.occurredAt())
                .map(ServiceClock::key).toList()).orElse(List.of());
        // Whether it answers the customer is decided before it is applied (which marks their channel answered).
        boolean answersTheCustomer = !answered.isEmpty() || awaitingAnswer.contains(command.channel());
        Integer answerWithin = JourneyRules.answerJudged(command.channel(), command.direction(), command.waitSeconds())
                ? Math.toIntExact(inForce.phoneAnswer().toSeconds()) : null;
        TouchpointRecorded touchpoint = new TouchpointRecorded(customerId, command.touchpointId(), command.channel(),
                command.direction(), command.purpose(), command.stage(), command.valence(), command.agentId(),
                command.contactCentre() == null ? TouchpointRecorded.IN_HOUSE : command.contactCentre(),
                command.waitSeconds(), command.durationSeconds(), command.note(), command.callbackRequested(),
                started.orElse(null), replyDueBy, stopped.orElse(null), answerWithin, command.conversationId(),
                JourneyRules.phrasesToAvoid(command.note()),
                inForce.versionsOf(started.orElse(null), answerWithin == null ? null : ServiceStandard.PHONE_ANSWER),
                command.occurredAt());
        apply(touchpoint);
        if (Boolean.FALSE.equals(touchpoint.answeredInTime())) {
            apply(new ServiceStandardBreached(customerId, ServiceStandard.PHONE_ANSWER,
                    command.touchpointId().toString(), command.occurredAt(), touchpoint.answerDueAt(),
                    touchpoint.answerDueAt()));
        }
        if (JourneyRules.breachesConsent(command.direction(), command.channel(), consents, answersTheCustomer)) {
            apply(new ConsentBreached(customerId, command.channel(), command.touchpointId(), command.occurredAt()));
        }
        answered.forEach(key -> stopClock(key, deadlines, scheduled));
        started.ifPresent(standard -> startClock(new ServiceClock(standard, command.touchpointId().toString(),
                command.occurredAt(), replyDueBy), standards, deadlines, scheduled));
    }

    // --- complaints and recovery -------------------------------------------------------------------------------

    @CommandHandler
    void handle(FileComplaint command, StandardsInForce standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled, RecordedIds ids) {
        String complaintId = command.complaintId().toString();
        requireNew(openComplaints.containsKey(complaintId), RecordedIds.Kind.COMPLAINT, complaintId, ids,
                "Complaint %s is already filed");
        if (command.touchpointId() != null) {
            requireTouchpoint(command.touchpointId(), ids);
        }
        ids.claim(customerId, RecordedIds.Kind.COMPLAINT, complaintId, command.occurredAt().toString());
        StandardsInForce.InForce inForce = standards.at(command.occurredAt());
        Instant acknowledgeBy = command.occurredAt().plus(inForce.complaintAcknowledgement());
        apply(new ComplaintFiled(customerId, command.complaintId(), command.category(), command.otherCategory(),
                command.description(), command.severity(), command.touchpointId(), acknowledgeBy,
                inForce.versionsOf(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT), command.occurredAt()));
        startClock(new ServiceClock(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, command.complaintId().toString(),
                command.occurredAt(), acknowledgeBy), standards, deadlines, scheduled);
    }

    @CommandHandler
    void handle(AcknowledgeComplaint command, DeadlineManager deadlines, ScheduledDeadlines scheduled,
                RecordedIds ids) {
        openComplaint(command.complaintId(), command.occurredAt(), ids,
                "Complaint %s is already acknowledged").acknowledge(customerId, command.occurredAt());
        stopClock(new ServiceClock.Key(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, command.complaintId().toString()),
                deadlines, scheduled);
    }

    @CommandHandler
    void handle(ProposeSolution command, RecordedIds ids) {
        openComplaint(command.complaintId(), command.occurredAt(), ids, "Complaint %s is resolved; reopen it first")
                .propose(customerId, command.proposal(), command.occurredAt());
    }

    @CommandHandler
    void handle(AgreeSolution command, StandardsInForce standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled, RecordedIds ids) {
        openComplaint(command.complaintId(), command.occurredAt(), ids,
                "Complaint %s has no proposed solution to agree to")
                .agree(customerId, command.promisedBy(), command.occurredAt());
        if (command.promisedBy() != null) {
            startClock(new ServiceClock(ServiceStandard.PROMISED_SOLUTION, command.complaintId().toString(),
                    command.occurredAt(), command.promisedBy()), standards, deadlines, scheduled);
        }
    }

    @CommandHandler
    void handle(ResolveComplaint command, DeadlineManager deadlines, ScheduledDeadlines scheduled,
                RecordedIds ids) {
        if (complaint(command.complaintId(), command.occurredAt(), ids).resolved()) {
            throw new JourneyRuleViolation("Complaint %s is already resolved".formatted(command.complaintId()));
        }
        apply(new ComplaintResolved(customerId, command.complaintId(), command.resolution(), command.occurredAt()));
        String subject = command.complaintId().toString();
        stopClock(new ServiceClock.Key(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, subject), deadlines, scheduled);
        stopClock(new ServiceClock.Key(ServiceStandard.PROMISED_SOLUTION, subject), deadlines, scheduled);
    }

    @CommandHandler
    void handle(ReopenComplaint command, RecordedIds ids) {
        if (!complaint(command.complaintId(), command.occurredAt(), ids).resolved()) {
            throw new JourneyRuleViolation("Complaint %s is not resolved, so it cannot be reopened"
                    .formatted(command.complaintId()));
        }
        apply(new ComplaintReopened(customerId, command.complaintId(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(IssueApology command, RecordedIds ids) {
        if ((command.complaintId() == null) == (command.touchpointId() == null)) {
            throw new JourneyRuleViolation("An apology is for one complaint or for one touchpoint");
        }
        if (command.complaintId() != null) {
            complaint(command.complaintId(), command.occurredAt(), ids);
        } else {
            requireTouchpoint(command.touchpointId(), ids);
        }
        apply(new ApologyIssued(customerId, command.complaintId(), command.touchpointId(), command.reason(),
                command.by(), command.occurredAt()));
    }

    // --- follow-ups ---------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(ScheduleFollowUp command, StandardsInForce standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled, RecordedIds ids) {
        String followUpId = command.followUpId().toString();
        requireNew(openFollowUps.containsKey(followUpId), RecordedIds.Kind.FOLLOW_UP, followUpId, ids,
                "Follow-up %s is already scheduled");
        if (command.complaintId() != null) {
            complaint(command.complaintId(), command.occurredAt(), ids);
        }
        if (!command.dueAt().isAfter(command.occurredAt())) {
            throw new JourneyRuleViolation("A follow-up promised at %s cannot be due at %s"
                    .formatted(command.occurredAt(), command.dueAt()));
        }
        promiseFollowUp(new FollowUpScheduled(customerId, command.followUpId(), command.dueAt(), command.channel(),
                command.purpose(), command.complaintId(), command.occurredAt()), standards, deadlines, scheduled, ids);
    }

    @CommandHandler
    void handle(ScheduleFollowUpWhereWelcome command, StandardsInForce standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled, RecordedIds ids) {
        String followUpId = command.followUpId().toString();
        if (openFollowUps.containsKey(followUpId) || ids.find(customerId, RecordedIds.Kind.FOLLOW_UP, followUpId).isPresent()) {
            return; // Asked again: it is recorded already.
        }
        String complaint = command.complaintId() == null ? "" : command.complaintId().toString();
        boolean occasionPassed = switch (command.occasion()) {
            case RESOLVED_COMPLAINT -> openComplaints.containsKey(complaint); // reopened since
            case LOST_ACCOUNT -> !lost; // back since
        };
        if (occasionPassed || !complaint.isEmpty() && openFollowUps.containsValue(complaint)) {
            return; // The occasion is over, or somebody promised the customer a follow-up about it already.
        }
        Optional<Channel> channel = JourneyRules.followUpChannel(consents, lastInboundChannel);
        if (channel.isEmpty() || !command.dueAt().isAfter(command.occurredAt())) {
            return; // No channel the customer welcomes: contact only where welcome.
        }
        promiseFollowUp(new FollowUpScheduled(customerId, command.followUpId(), command.dueAt(), channel.get(),
                command.purpose(), command.complaintId(), command.occurredAt()), standards, deadlines, scheduled, ids);
    }

    /** Records a follow-up promised, under its id, and starts its clock. */
    private void promiseFollowUp(FollowUpScheduled promised, StandardsInForce standards, DeadlineManager deadlines,
                                 ScheduledDeadlines scheduled, RecordedIds ids) {
        ids.claim(customerId, RecordedIds.Kind.FOLLOW_UP, promised.followUpId().toString(), "");
        apply(promised);
        startClock(new ServiceClock(ServiceStandard.FOLLOW_UP, promised.followUpId().toString(),
                promised.occurredAt(), promised.dueAt()), standards, deadlines, scheduled);
    }

    @CommandHandler
    void handle(CompleteFollowUp command, DeadlineManager deadlines, ScheduledDeadlines scheduled,
                RecordedIds ids) {
        String followUpId = command.followUpId().toString();
        if (!openFollowUps.containsKey(followUpId)) {
            if (ids.find(customerId, RecordedIds.Kind.FOLLOW_UP, followUpId).isEmpty()) {
                throw new UnknownReference("follow-up", command.followUpId(),
                        "No follow-up %s was scheduled for %s".formatted(command.followUpId(), customerId));
            }
            throw new JourneyRuleViolation("Follow-up %s is already completed".formatted(command.followUpId()));
        }
        apply(new FollowUpCompleted(customerId, command.followUpId(), command.outcome(), command.valence(),
                command.occurredAt()));
        stopClock(new ServiceClock.Key(ServiceStandard.FOLLOW_UP, command.followUpId().toString()), deadlines,
                scheduled);
    }

    // --- satisfaction and value ---------------------------------------------------------------------------------

    @CommandHandler
    void handle(MeasureSatisfaction command) {
        SurveyKind kind = command.kind();
        if (command.score() == null && kind != SurveyKind.LOST_ACCOUNT) {
            throw new InvalidFact("score", "A %s survey needs a score".formatted(kind));
        }
        if (command.score() != null && !kind.inRange(command.score())) {
            throw new InvalidFact("score", "A %s score is from %d to %d, not %d"
                    .formatted(kind, kind.lowest(), kind.highest(), command.score()));
        }
        if (kind == SurveyKind.LOST_ACCOUNT && !lost) {
            throw new JourneyRuleViolation("A lost-account survey is for a lost customer; %s is not lost"
                    .formatted(customerId));
        }
        if (kind != SurveyKind.LOST_ACCOUNT && command.statedReason() != null) {
            throw new InvalidFact("statedReason", "Only a lost-account survey states a reason for leaving");
        }
        apply(new SatisfactionMeasured(customerId, kind, command.score(), command.statedReason(),
                Map.copyOf(Objects.requireNonNullElse(command.answers(), Map.of())), command.comment(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(RecordPurchase command, StandardsInForce standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled, RecordedIds ids) {
        String amount = command.amount().amount().toPlainString() + " " + command.amount().currency();
        Optional<String> known = ids.claim(customerId, RecordedIds.Kind.ORDER, command.orderId(), amount);
        if (known.isPresent()) {
            String[] recorded = known.get().split(" ", 2);
            if (new BigDecimal(recorded[0]).compareTo(command.amount().amount()) == 0
                    && recorded[1].equals(command.amount().currency())) {
                return; // The same order again: it is recorded already.
            }
            throw new JourneyRuleViolation("Order %s is already recorded with %s %s"
                    .formatted(command.orderId(), recorded[0], recorded[1]));
        }
        if (lost) {
            // A lost customer who buys again is back: the purchase says so.
            apply(new AccountReactivated(customerId, "PURCHASE", command.occurredAt()));
        }
        StandardsInForce.InForce inForce = standards.at(command.occurredAt());
        Instant fulfilBy = command.awaitsFulfilment() ? command.occurredAt().plus(inForce.orderFulfilment()) : null;
        apply(new PurchaseRecorded(customerId, command.orderId(), command.amount(), fulfilBy,
                fulfilBy == null ? null : inForce.versionsOf(ServiceStandard.ORDER_FULFILMENT), command.occurredAt()));
        if (fulfilBy != null) {
            startClock(new ServiceClock(ServiceStandard.ORDER_FULFILMENT, command.orderId(), command.occurredAt(),
                    fulfilBy), standards, deadlines, scheduled);
        }
    }

    @CommandHandler
    void handle(FulfilOrder command, DeadlineManager deadlines, ScheduledDeadlines scheduled, RecordedIds ids) {
        Instant received = unfilledOrders.get(command.orderId());
        if (received == null) {
            if (ids.find(customerId, RecordedIds.Kind.ORDER, command.orderId()).isEmpty()) {
                throw new UnknownReference("order", command.orderId(),
                        "No order %s was recorded for %s".formatted(command.orderId(), customerId));
            }
            throw new JourneyRuleViolation(("Order %s awaits no fulfilment: it is filled already, or was recorded "
                    + "as not awaiting any").formatted(command.orderId()));
        }
        if (command.occurredAt().isBefore(received)) {
            throw new JourneyRuleViolation("Order %s was received at %s; it cannot be filled at %s"
                    .formatted(command.orderId(), received, command.occurredAt()));
        }
        apply(new OrderFulfilled(customerId, command.orderId(), command.occurredAt()));
        stopClock(new ServiceClock.Key(ServiceStandard.ORDER_FULFILMENT, command.orderId()), deadlines, scheduled);
    }

    // --- losing and winning back --------------------------------------------------------------------------------

    @CommandHandler
    void handle(LoseAccount command) {
        if (lost) {
            throw new JourneyRuleViolation("The account of %s is already lost".formatted(customerId));
        }
        apply(new AccountLost(customerId, command.reason(), command.detail(), command.occurredAt()));
    }

    @CommandHandler
    void handle(AttemptWinBack command) {
        if (!lost) {
            throw new JourneyRuleViolation("Only a lost customer can be won back; %s is not lost".formatted(customerId));
        }
        apply(new WinBackAttempted(customerId, command.offer(), command.channel(), command.occurredAt()));
        if (JourneyRules.breachesConsent(Direction.OUTBOUND, command.channel(), consents, false)) {
            apply(new ConsentBreached(customerId, command.channel(), null, command.occurredAt()));
        }
    }

    @CommandHandler
    void handle(ReactivateAccount command) {
        if (!lost) {
            throw new JourneyRuleViolation("Only a lost account can be reactivated; %s is not lost"
                    .formatted(customerId));
        }
        apply(new AccountReactivated(customerId, "REQUEST", command.occurredAt()));
    }

    // --- the right to be forgotten -------------------------------------------------------------------------------

    /** Every request gets its receipt: facts recorded since an earlier erasure are erased too. */
    @CommandHandler
    void handle(CustomerCommand.ErasePersonalData command) {
        apply(new PersonalDataErased(customerId, command.occurredAt()));
    }

    // --- service standards --------------------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = SERVICE_STANDARD)
    void clockRanOut(ServiceClock clock, ScheduledDeadlines scheduled) {
        scheduled.forget(customerId, clock.key());
        if (!runningClocks.containsKey(clock.key().text())) {
            return; // Stopped in time; its deadline could not be cancelled before it fired.
        }
        if (clock.standard() == ServiceStandard.FOLLOW_UP) {
            apply(new FollowUpMissed(customerId, FollowUpId.of(clock.subject()), clock.dueAt(), clock.dueAt()));
        }
        apply(new ServiceStandardBreached(customerId, clock.standard(), clock.subject(), clock.startedAt(),
                clock.dueAt(), clock.dueAt()));
        recordRiskTurn();
    }

    private void startClock(ServiceClock clock, StandardsInForce standards, DeadlineManager deadlines,
                            ScheduledDeadlines scheduled) {
        // Axon stamps recorded events with this clock; the test fixture sets it, so deadlines stay reproducible.
        Instant recordedAt = GenericEventMessage.clock.instant();
        Instant trigger = JourneyRules.deadlineTrigger(clock.dueAt(), recordedAt, standards.lateRecordingGrace());
        scheduled.remember(customerId, clock.key(), deadlines.schedule(trigger, SERVICE_STANDARD, clock));
    }

    private void stopClock(ServiceClock.Key key, DeadlineManager deadlines, ScheduledDeadlines scheduled) {
        scheduled.forget(customerId, key).ifPresent(scheduleId -> deadlines.cancelSchedule(SERVICE_STANDARD, scheduleId));
    }

    // --- checks -------------------------------------------------------------------------------------------------

    /**
     * Where the complaint stands: open (a member of this customer), or resolved (only the store's ids know it then);
     * refused when it was never filed or the step would precede its filing.
     */
    private ComplaintState complaint(ComplaintId complaintId, Instant stepAt, RecordedIds ids) {
        Complaint open = openComplaints.get(complaintId.toString());
        Optional<Instant> filed = open != null && open.state().filedAt() != null
                ? Optional.of(open.state().filedAt())
                : ids.find(customerId, RecordedIds.Kind.COMPLAINT, complaintId.toString()).map(Instant::parse);
        if (filed.isEmpty()) {
            throw new UnknownReference("complaint", complaintId,
                    "No complaint %s was filed by %s".formatted(complaintId, customerId));
        }
        if (stepAt.isBefore(filed.get())) {
            throw new JourneyRuleViolation("Complaint %s was filed at %s; nothing can happen to it at %s"
                    .formatted(complaintId, filed.get(), stepAt));
        }
        return open != null ? open.state() : new ComplaintState.Resolved(filed.get());
    }

    /** The open complaint, after {@link #complaint}'s checks; a resolved one is refused with {@code ifResolved}. */
    private Complaint openComplaint(ComplaintId complaintId, Instant stepAt, RecordedIds ids, String ifResolved) {
        if (complaint(complaintId, stepAt, ids).resolved()) {
            throw new JourneyRuleViolation(ifResolved.formatted(complaintId));
        }
        return openComplaints.get(complaintId.toString());
    }

    /**
     * A fact that introduces an id needs a new one: neither open in memory nor among the customer's recorded ids. The
     * refusal names the id ({@code %s}), and is only written when the command is refused.
     */
    private void requireNew(boolean open, RecordedIds.Kind kind, String id, RecordedIds ids, String refusal) {
        if (open || ids.find(customerId, kind, id).isPresent()) {
            throw new JourneyRuleViolation(refusal.formatted(id));
        }
    }

    private void requireTouchpoint(TouchpointId touchpointId, RecordedIds ids) {
        if (ids.find(customerId, RecordedIds.Kind.TOUCHPOINT, touchpointId.toString()).isEmpty()) {
            throw new UnknownReference("touchpoint", touchpointId,
                    "No touchpoint %s was recorded for %s".formatted(touchpointId, customerId));
        }
    }

    private static void requireConsentForSpecialCategory(Attribute attribute) {
        if (JourneyRules.isSpecialCategory(attribute.name()) && !attribute.explicitConsent()) {
            throw new JourneyRuleViolation(("'%s' is special-category personal data: it is recorded only with the "
                    + "customer's explicit consent").formatted(attribute.name()));
        }
    }

    private static String attributeKey(Attribute attribute) {
        return attribute.kind() + ":" + JourneyRules.attributeKey(attribute.name());
    }

    /** A digest of a known value: enough to tell that a value is known already, without keeping it. */
    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static AttributeRecorded attributeRecorded(CustomerId customer, Attribute attribute, Instant occurredAt) {
        return new AttributeRecorded(customer, attribute.kind(), attribute.name().trim(), attribute.value(),
                JourneyRules.isSpecialCategory(attribute.name()), occurredAt);
    }

    // --- state ---------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
    }

    @EventSourcingHandler
    void on(AttributeRecorded event) {
        knownAttributes.put(event.kind() + ":" + JourneyRules.attributeKey(event.name()), digest(event.value()));
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        consents.add(event.channel());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.remove(event.channel());
    }

    @EventSourcingHandler
    void on(TouchpointRecorded event) {
        if (event.direction() == Direction.INBOUND) {
            lastInboundChannel = event.channel();
            awaitingAnswer.add(event.channel());
        } else {
            awaitingAnswer.remove(event.channel());
        }
        // Which clocks the contact started and stopped is in the event: decided once, never again on replay.
        if (event.stopsClocks() != null) {
            answeredBy(event.stopsClocks(), event.occurredAt()).toList().forEach(clock -> untrack(clock.standard(),
                    clock.subject()));
        }
        if (event.startsClock() != null) {
            track(new ServiceClock(event.startsClock(), event.touchpointId().toString(), event.occurredAt(),
                    event.replyDueBy()));
        }
    }

    @EventSourcingHandler
    void on(ComplaintFiled event) {
        openComplaints.put(event.complaintId().toString(),
                new Complaint(event.complaintId(), new ComplaintState.Filed(event.occurredAt())));
        track(new ServiceClock(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, event.complaintId().toString(),
                event.occurredAt(), event.acknowledgeBy()));
    }

    @EventSourcingHandler
    void on(ComplaintAcknowledged event) {
        untrack(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, event.complaintId().toString());
    }

    @EventSourcingHandler
    void on(SolutionAgreed event) {
        if (event.promisedBy() != null) {
            track(new ServiceClock(ServiceStandard.PROMISED_SOLUTION, event.complaintId().toString(),
                    event.occurredAt(), event.promisedBy()));
        }
    }

    @EventSourcingHandler
    void on(ComplaintResolved event) {
        openComplaints.remove(event.complaintId().toString());
        untrack(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, event.complaintId().toString());
        untrack(ServiceStandard.PROMISED_SOLUTION, event.complaintId().toString());
    }

    @EventSourcingHandler
    void on(ComplaintReopened event) {
        // When it was filed is not in the event; the store's ids know it (a null here says: ask them).
        openComplaints.put(event.complaintId().toString(),
                new Complaint(event.complaintId(), new ComplaintState.Reopened(null)));
    }

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        openFollowUps.put(event.followUpId().toString(),
                event.complaintId() == null ? "" : event.complaintId().toString());
        track(new ServiceClock(ServiceStandard.FOLLOW_UP, event.followUpId().toString(), event.occurredAt(),
                event.dueAt()));
    }

    @EventSourcingHandler
    void on(FollowUpCompleted event) {
        openFollowUps.remove(event.followUpId().toString());
        untrack(ServiceStandard.FOLLOW_UP, event.followUpId().toString());
    }

    @EventSourcingHandler
    void on(PurchaseRecorded event) {
        if (event.fulfilBy() != null) {
            unfilledOrders.put(event.orderId(), event.occurredAt());
            track(new ServiceClock(ServiceStandard.ORDER_FULFILMENT, event.orderId(), event.occurredAt(),
                    event.fulfilBy()));
        }
    }

    @EventSourcingHandler
    void on(OrderFulfilled event) {
        unfilledOrders.remove(event.orderId());
        untrack(ServiceStandard.ORDER_FULFILMENT, event.orderId());
    }

    @EventSourcingHandler
    void on(ServiceStandardBreached event) {
        untrack(event.standard(), event.subject());
    }

    @EventSourcingHandler
    void on(AccountLost event) {
        lost = true;
    }

    @EventSourcingHandler
    void on(AccountReactivated event) {
        lost = false;
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        knownAttributes.clear();
    }

    /** The running clocks of a standard that a contact at {@code at} answers: those started no later than it. */
    private Stream<ServiceClock> answeredBy(ServiceStandard standard, Instant at) {
        return runningClocks.values().stream()
                .filter(clock -> clock.standard() == standard && !clock.startedAt().isAfter(at));
    }

    private void track(ServiceClock clock) {
        runningClocks.put(clock.key().text(), clock);
    }

    private void untrack(ServiceStandard standard, String subject) {
        runningClocks.remove(new ServiceClock.Key(standard, subject).text());
    }
}
