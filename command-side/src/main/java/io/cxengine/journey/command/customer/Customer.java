package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.AcknowledgeComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.AgreeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.AttemptWinBack;
import io.cxengine.journey.command.customer.CustomerCommand.Attribute;
import io.cxengine.journey.command.customer.CustomerCommand.CompleteFollowUp;
import io.cxengine.journey.command.customer.CustomerCommand.FileComplaint;
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
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.ConsentWithdrawn;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerEvent.FollowUpCompleted;
import io.cxengine.journey.customer.CustomerEvent.FollowUpMissed;
import io.cxengine.journey.customer.CustomerEvent.FollowUpScheduled;
import io.cxengine.journey.customer.CustomerEvent.PersonalDataErased;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.SatisfactionMeasured;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.SolutionAgreed;
import io.cxengine.journey.customer.CustomerEvent.SolutionProposed;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerEvent.WinBackAttempted;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer's journey: only the state its decisions need, rebuilt from the customer's events. Each command handler
 * checks the rules, then applies events; refusals throw {@link JourneyRuleViolation} and record nothing. Service
 * standards run as persistent deadlines, started and stopped by the facts that start and stop their clocks.
 */
@Aggregate(commandTargetResolver = "customerTargetResolver", repository = "customerRepository")
public class Customer {

    static final String SERVICE_STANDARD = "service-standard";

    @AggregateIdentifier
    private CustomerId customerId;
    private boolean lost;
    private final Map<String, String> attributes = new HashMap<>();
    private final Set<Channel> consents = EnumSet.noneOf(Channel.class);
    private final Set<TouchpointId> touchpoints = new HashSet<>();
    private final Map<String, ComplaintState> complaints = new HashMap<>();
    private final Map<String, FollowUpState> followUps = new HashMap<>();
    private final Map<String, Money> purchases = new HashMap<>();
    private final Map<String, ServiceClock> runningClocks = new HashMap<>();

    Customer() {
        // Axon rebuilds a Customer from its events through this constructor.
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
        if (attribute.value().equals(attributes.get(attributeKey(attribute)))) {
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
    void handle(RecordTouchpoint command, ServiceStandards standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled) {
        if (touchpoints.contains(command.touchpointId())) {
            throw new JourneyRuleViolation("Touchpoint %s is already recorded".formatted(command.touchpointId()));
        }
        var started = JourneyRules.clockStartedBy(command.channel(), command.direction(), command.callbackRequested());
        Instant replyDueBy = started.map(standard -> command.occurredAt().plus(switch (standard) {
            case CALL_RETURN -> standards.callReturn();
            default -> standards.emailResponse();
        })).orElse(null);
        List<ServiceClock.Key> answered = JourneyRules.clockStoppedBy(command.channel(), command.direction())
                .map(standard -> runningClocks.values().stream()
                        .filter(clock -> clock.standard() == standard && !clock.startedAt().isAfter(command.occurredAt()))
                        .map(ServiceClock::key).toList())
                .orElse(List.of());
        apply(new TouchpointRecorded(customerId, command.touchpointId(), command.channel(), command.direction(),
                command.purpose(), command.stage(), command.valence(), command.agentId(),
                command.contactCentre() == null ? TouchpointRecorded.IN_HOUSE : command.contactCentre(),
                command.waitSeconds(),
                command.durationSeconds(), command.note(), command.callbackRequested(), replyDueBy,
                command.occurredAt()));
        answered.forEach(key -> stopClock(key, deadlines, scheduled));
        started.ifPresent(standard -> startClock(new ServiceClock(standard, command.touchpointId().toString(),
                command.occurredAt(), replyDueBy), standards, deadlines, scheduled));
    }

    // --- complaints and recovery -------------------------------------------------------------------------------

    @CommandHandler
    void handle(FileComplaint command, ServiceStandards standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled) {
        if (complaints.containsKey(command.complaintId().toString())) {
            throw new JourneyRuleViolation("Complaint %s is already filed".formatted(command.complaintId()));
        }
        if (command.touchpointId() != null) {
            requireTouchpoint(command.touchpointId());
        }
        Instant acknowledgeBy = command.occurredAt().plus(standards.complaintAcknowledgement());
        apply(new ComplaintFiled(customerId, command.complaintId(), command.category(), command.otherCategory(),
                command.description(), command.severity(), command.touchpointId(), acknowledgeBy,
                command.occurredAt()));
        startClock(new ServiceClock(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, command.complaintId().toString(),
                command.occurredAt(), acknowledgeBy), standards, deadlines, scheduled);
    }

    @CommandHandler
    void handle(AcknowledgeComplaint command, DeadlineManager deadlines, ScheduledDeadlines scheduled) {
        ComplaintState complaint = complaint(command.complaintId(), command.occurredAt());
        if (!(complaint instanceof ComplaintState.Filed)) {
            throw new JourneyRuleViolation("Complaint %s is already acknowledged".formatted(command.complaintId()));
        }
        apply(new ComplaintAcknowledged(customerId, command.complaintId(), command.occurredAt()));
        stopClock(new ServiceClock.Key(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, command.complaintId().toString()),
                deadlines, scheduled);
    }

    @CommandHandler
    void handle(ProposeSolution command) {
        ComplaintState complaint = complaint(command.complaintId(), command.occurredAt());
        if (!(complaint instanceof ComplaintState.Acknowledged || complaint instanceof ComplaintState.Proposed
                || complaint instanceof ComplaintState.Reopened)) {
            String refusal = complaint instanceof ComplaintState.Filed
                    ? "Complaint %s must be acknowledged before a solution is proposed"
                    : complaint instanceof ComplaintState.Agreed
                    ? "Complaint %s already has an agreed solution"
                    : "Complaint %s is resolved; reopen it first";
            throw new JourneyRuleViolation(refusal.formatted(command.complaintId()));
        }
        apply(new SolutionProposed(customerId, command.complaintId(), command.proposal(), command.occurredAt()));
    }

    @CommandHandler
    void handle(AgreeSolution command, ServiceStandards standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled) {
        if (!(complaint(command.complaintId(), command.occurredAt()) instanceof ComplaintState.Proposed proposed)) {
            throw new JourneyRuleViolation("Complaint %s has no proposed solution to agree to"
                    .formatted(command.complaintId()));
        }
        if (command.promisedBy() != null && !command.promisedBy().isAfter(command.occurredAt())) {
            throw new JourneyRuleViolation("A solution cannot be promised by %s, before it was agreed at %s"
                    .formatted(command.promisedBy(), command.occurredAt()));
        }
        apply(new SolutionAgreed(customerId, command.complaintId(), proposed.proposal(), command.promisedBy(),
                command.occurredAt()));
        if (command.promisedBy() != null) {
            startClock(new ServiceClock(ServiceStandard.PROMISED_SOLUTION, command.complaintId().toString(),
                    command.occurredAt(), command.promisedBy()), standards, deadlines, scheduled);
        }
    }

    @CommandHandler
    void handle(ResolveComplaint command, DeadlineManager deadlines, ScheduledDeadlines scheduled) {
        if (complaint(command.complaintId(), command.occurredAt()).resolved()) {
            throw new JourneyRuleViolation("Complaint %s is already resolved".formatted(command.complaintId()));
        }
        apply(new ComplaintResolved(customerId, command.complaintId(), command.resolution(), command.occurredAt()));
        String subject = command.complaintId().toString();
        stopClock(new ServiceClock.Key(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, subject), deadlines, scheduled);
        stopClock(new ServiceClock.Key(ServiceStandard.PROMISED_SOLUTION, subject), deadlines, scheduled);
    }

    @CommandHandler
    void handle(ReopenComplaint command) {
        if (!complaint(command.complaintId(), command.occurredAt()).resolved()) {
            throw new JourneyRuleViolation("Complaint %s is not resolved, so it cannot be reopened"
                    .formatted(command.complaintId()));
        }
        apply(new ComplaintReopened(customerId, command.complaintId(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(IssueApology command) {
        if ((command.complaintId() == null) == (command.touchpointId() == null)) {
            throw new JourneyRuleViolation("An apology is for one complaint or for one touchpoint");
        }
        if (command.complaintId() != null) {
            complaint(command.complaintId(), command.occurredAt());
        } else {
            requireTouchpoint(command.touchpointId());
        }
        apply(new ApologyIssued(customerId, command.complaintId(), command.touchpointId(), command.reason(),
                command.by(), command.occurredAt()));
    }

    // --- follow-ups ---------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(ScheduleFollowUp command, ServiceStandards standards, DeadlineManager deadlines,
                ScheduledDeadlines scheduled) {
        if (followUps.containsKey(command.followUpId().toString())) {
            throw new JourneyRuleViolation("Follow-up %s is already scheduled".formatted(command.followUpId()));
        }
        if (command.complaintId() != null) {
            complaint(command.complaintId(), command.occurredAt());
        }
        if (!command.dueAt().isAfter(command.occurredAt())) {
            throw new JourneyRuleViolation("A follow-up promised at %s cannot be due at %s"
                    .formatted(command.occurredAt(), command.dueAt()));
        }
        apply(new FollowUpScheduled(customerId, command.followUpId(), command.dueAt(), command.channel(),
                command.purpose(), command.complaintId(), command.occurredAt()));
        startClock(new ServiceClock(ServiceStandard.FOLLOW_UP, command.followUpId().toString(), command.occurredAt(),
                command.dueAt()), standards, deadlines, scheduled);
    }

    @CommandHandler
    void handle(CompleteFollowUp command, DeadlineManager deadlines, ScheduledDeadlines scheduled) {
        FollowUpState followUp = followUps.get(command.followUpId().toString());
        if (followUp == null) {
            throw new UnknownReference("follow-up", command.followUpId(),
                    "No follow-up %s was scheduled for %s".formatted(command.followUpId(), customerId));
        }
        if (followUp == FollowUpState.COMPLETED) {
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
    void handle(RecordPurchase command) {
        Money known = purchases.get(command.orderId());
        if (known != null) {
            if (known.amount().compareTo(command.amount().amount()) == 0
                    && known.currency().equals(command.amount().currency())) {
                return; // The same order again: it is recorded already.
            }
            throw new JourneyRuleViolation("Order %s is already recorded with %s %s"
                    .formatted(command.orderId(), known.amount(), known.currency()));
        }
        if (lost) {
            // A lost customer who buys again is back: the purchase says so.
            apply(new AccountReactivated(customerId, "PURCHASE", command.occurredAt()));
        }
        apply(new PurchaseRecorded(customerId, command.orderId(), command.amount(), command.occurredAt()));
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
    }

    private void startClock(ServiceClock clock, ServiceStandards standards, DeadlineManager deadlines,
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

    private ComplaintState complaint(ComplaintId complaintId, Instant stepAt) {
        ComplaintState complaint = complaints.get(complaintId.toString());
        if (complaint == null) {
            throw new UnknownReference("complaint", complaintId,
                    "No complaint %s was filed by %s".formatted(complaintId, customerId));
        }
        if (stepAt.isBefore(complaint.filedAt())) {
            throw new JourneyRuleViolation("Complaint %s was filed at %s; nothing can happen to it at %s"
                    .formatted(complaintId, complaint.filedAt(), stepAt));
        }
        return complaint;
    }

    private void requireTouchpoint(TouchpointId touchpointId) {
        if (!touchpoints.contains(touchpointId)) {
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
        attributes.put(event.kind() + ":" + JourneyRules.attributeKey(event.name()), event.value());
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
        touchpoints.add(event.touchpointId());
        JourneyRules.clockStoppedBy(event.channel(), event.direction()).ifPresent(standard ->
                runningClocks.values().removeIf(clock ->
                        clock.standard() == standard && !clock.startedAt().isAfter(event.occurredAt())));
        if (event.replyDueBy() != null) {
            JourneyRules.clockStartedBy(event.channel(), event.direction(), event.callbackRequested())
                    .ifPresent(standard -> track(new ServiceClock(standard, event.touchpointId().toString(),
                            event.occurredAt(), event.replyDueBy())));
        }
    }

    @EventSourcingHandler
    void on(ComplaintFiled event) {
        complaints.put(event.complaintId().toString(), new ComplaintState.Filed(event.occurredAt()));
        track(new ServiceClock(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, event.complaintId().toString(),
                event.occurredAt(), event.acknowledgeBy()));
    }

    @EventSourcingHandler
    void on(ComplaintAcknowledged event) {
        complaints.computeIfPresent(event.complaintId().toString(), (id, state) -> new ComplaintState.Acknowledged(state.filedAt()));
        untrack(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, event.complaintId().toString());
    }

    @EventSourcingHandler
    void on(SolutionProposed event) {
        complaints.computeIfPresent(event.complaintId().toString(),
                (id, state) -> new ComplaintState.Proposed(state.filedAt(), event.proposal()));
    }

    @EventSourcingHandler
    void on(SolutionAgreed event) {
        complaints.computeIfPresent(event.complaintId().toString(),
                (id, state) -> new ComplaintState.Agreed(state.filedAt(), event.proposal(), event.promisedBy()));
        if (event.promisedBy() != null) {
            track(new ServiceClock(ServiceStandard.PROMISED_SOLUTION, event.complaintId().toString(),
                    event.occurredAt(), event.promisedBy()));
        }
    }

    @EventSourcingHandler
    void on(ComplaintResolved event) {
        complaints.computeIfPresent(event.complaintId().toString(), (id, state) -> new ComplaintState.Resolved(state.filedAt()));
        untrack(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, event.complaintId().toString());
        untrack(ServiceStandard.PROMISED_SOLUTION, event.complaintId().toString());
    }

    @EventSourcingHandler
    void on(ComplaintReopened event) {
        complaints.computeIfPresent(event.complaintId().toString(), (id, state) -> new ComplaintState.Reopened(state.filedAt()));
    }

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        followUps.put(event.followUpId().toString(), FollowUpState.SCHEDULED);
        track(new ServiceClock(ServiceStandard.FOLLOW_UP, event.followUpId().toString(), event.occurredAt(),
                event.dueAt()));
    }

    @EventSourcingHandler
    void on(FollowUpCompleted event) {
        followUps.put(event.followUpId().toString(), FollowUpState.COMPLETED);
        untrack(ServiceStandard.FOLLOW_UP, event.followUpId().toString());
    }

    @EventSourcingHandler
    void on(FollowUpMissed event) {
        followUps.put(event.followUpId().toString(), FollowUpState.MISSED);
    }

    @EventSourcingHandler
    void on(ServiceStandardBreached event) {
        untrack(event.standard(), event.subject());
    }

    @EventSourcingHandler
    void on(PurchaseRecorded event) {
        purchases.put(event.orderId(), event.amount());
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
        attributes.clear();
    }

    private void track(ServiceClock clock) {
        runningClocks.put(clock.key().text(), clock);
    }

    private void untrack(ServiceStandard standard, String subject) {
        runningClocks.remove(new ServiceClock.Key(standard, subject).text());
    }
}
