package io.cxengine.journey.query.briefing;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.query.moment.Channels;
import io.cxengine.journey.query.moment.Moment;
import io.cxengine.journey.query.value.ValueSettings;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Keeps {@code read_model.customer_briefing}: one pre-call plan per customer, ready to read in one lookup. */
@Component
@ProcessingGroup(BriefingProjection.PROCESSING_GROUP)
class BriefingProjection implements ReadModel {

    static final String PROCESSING_GROUP = "agent-briefing";

    private final BriefingTable table;
    private final ValueSettings settings;
    private final Clock clock;

    BriefingProjection(BriefingTable table, ValueSettings settings, Clock clock) {
        this.table = table;
        this.settings = settings;
        this.clock = clock;
    }

    /** Any other fact: one of the customer's last moments, if it is a moment of truth. */
    @EventHandler
    void on(CustomerEvent event, @SequenceNumber long version) {
        brief(event, version, UnaryOperator.identity());
    }

    @EventHandler
    void on(CustomerRegistered registered, @SequenceNumber long version) {
        brief(registered, version, state -> state.registered(registered.name(), registered.email(),
                registered.phone()));
    }

    @EventHandler
    void on(AttributeRecorded attribute, @SequenceNumber long version) {
        brief(attribute, version, state -> {
            BriefingState known = state.known(attribute.kind().name(), attribute.name(), attribute.value(),
                    attribute.specialCategory());
            return Channels.declared(attribute.name(), attribute.value(), attribute.specialCategory())
                    .map(channel -> known.declaredChannel(channel.name())).orElse(known);
        });
    }

    @EventHandler
    void on(ConsentGranted consent, @SequenceNumber long version) {
        brief(consent, version, state -> state.consent(consent.channel().name(), true));
    }

    @EventHandler
    void on(ConsentWithdrawn consent, @SequenceNumber long version) {
        brief(consent, version, state -> state.consent(consent.channel().name(), false));
    }

    @EventHandler
    void on(TouchpointRecorded touchpoint, @SequenceNumber long version) {
        brief(touchpoint, version, state -> touchpoint.direction() == Direction.INBOUND
                ? state.inbound(touchpoint.channel().name(), touchpoint.waitSeconds()) : state);
    }

    @EventHandler
    void on(ComplaintFiled filed, @SequenceNumber long version) {
        brief(filed, version, state -> state.complaintOpen(new BriefingState.OpenComplaint(
                filed.complaintId().toString(), filed.category().name(), filed.severity().name(), "FILED",
                filed.occurredAt(), filed.acknowledgeBy(), null, null)));
    }

    @EventHandler
    void on(ComplaintAcknowledged acknowledged, @SequenceNumber long version) {
        brief(acknowledged, version, state -> state.complaint(acknowledged.complaintId().toString(),
                complaint -> complaint.in("ACKNOWLEDGED")));
    }

    @EventHandler
    void on(SolutionProposed proposed, @SequenceNumber long version) {
        brief(proposed, version, state -> state.complaint(proposed.complaintId().toString(),
                complaint -> complaint.proposed("PROPOSED", proposed.proposal(), complaint.promisedBy())));
    }

    @EventHandler
    void on(SolutionAgreed agreed, @SequenceNumber long version) {
        String id = agreed.complaintId().toString();
        brief(agreed, version, state -> {
            BriefingState agreedOn = state.complaint(id,
                    complaint -> complaint.proposed("AGREED", agreed.proposal(), agreed.promisedBy()));
            return agreed.promisedBy() == null ? agreedOn : agreedOn.promised(BriefingState.solution(id),
                    new BriefingState.Promise("SOLUTION", id, agreed.promisedBy(), agreed.proposal(), null, false));
        });
    }

    @EventHandler
    void on(ComplaintResolved resolved, @SequenceNumber long version) {
        brief(resolved, version, state -> state.complaintResolved(resolved.complaintId().toString()));
    }

    /** A reopened complaint is open again; what it was about stays with the complaint's first filing. */
    @EventHandler
    void on(ComplaintReopened reopened, @SequenceNumber long version) {
        brief(reopened, version, state -> state.complaintOpen(new BriefingState.OpenComplaint(
                reopened.complaintId().toString(), "REOPENED", "MEDIUM", "REOPENED", reopened.occurredAt(), null,
                null, null)));
    }

    @EventHandler
    void on(FollowUpScheduled followUp, @SequenceNumber long version) {
        String id = followUp.followUpId().toString();
        brief(followUp, version, state -> state.promised(BriefingState.followUp(id), new BriefingState.Promise(
                "FOLLOW_UP", id, followUp.dueAt(), followUp.purpose(), followUp.channel().name(), false)));
    }

    @EventHandler
    void on(FollowUpCompleted followUp, @SequenceNumber long version) {
        brief(followUp, version, state -> state.promiseKept(BriefingState.followUp(followUp.followUpId().toString())));
    }

    @EventHandler
    void on(FollowUpMissed missed, @SequenceNumber long version) {
        brief(missed, version, state -> state.promiseOverdue(BriefingState.followUp(missed.followUpId().toString())));
    }

    @EventHandler
    void on(ServiceStandardBreached breach, @SequenceNumber long version) {
        brief(breach, version, state -> {
            if (breach.standard() == ServiceStandard.PHONE_ANSWER) {
                // A call answered late tells by its wait (the last inbound wait, which the next contact replaces),
                // not as a broken promise to remind the agent of for days.
                return state;
            }
            BriefingState breached = state.breached(breach.dueAt(), breach.standard().name());
            return breach.standard() == ServiceStandard.PROMISED_SOLUTION
                    ? breached.promiseOverdue(BriefingState.solution(breach.subject())) : breached;
        });
    }

    @EventHandler
    void on(PurchaseRecorded purchase, @SequenceNumber long version) {
        brief(purchase, version, state -> state.purchase(purchase.amount().amount(), purchase.occurredAt()));
    }

    @EventHandler
    void on(AccountLost lost, @SequenceNumber long version) {
        brief(lost, version, state -> state.lost(true));
    }

    @EventHandler
    void on(CustomerAtRisk atRisk, @SequenceNumber long version) {
        brief(atRisk, version, state -> state.atRisk(atRisk.signs().stream().map(Enum::name).toList(),
                atRisk.occurredAt()));
    }

    @EventHandler
    void on(CustomerNoLongerAtRisk ended, @SequenceNumber long version) {
        brief(ended, version, BriefingState::noLongerAtRisk);
    }

    @EventHandler
    void on(AccountReactivated reactivated, @SequenceNumber long version) {
        brief(reactivated, version, state -> state.lost(false));
    }

    @EventHandler
    void on(PersonalDataErased erased, @SequenceNumber long version) {
        brief(erased, version, BriefingState::erased);
    }

    /** The customer's state after the event as a moment of truth (if it is one), then after its own fact. */
    private void brief(CustomerEvent event, long version, UnaryOperator<BriefingState> fact) {
        CustomerId customer = event.customerId();
        BriefingState state = table.state(customer);
        BriefingState seen = Moment.of(event).map(moment -> state.moment(new BriefingState.LastMoment(
                event.occurredAt(), moment.kind().name(), moment.channel() == null ? null : moment.channel().name(),
                moment.valence() == null ? null : moment.valence().name(), moment.summary()))).orElse(state);
        table.save(customer, fact.apply(seen), version);
    }

    @QueryHandler
    Optional<BriefingView> handle(FindBriefing query) {
        return table.find(query.customerId()).map(stored -> Briefings.view(query.customerId().value(), stored.state(),
                stored.version(), settings, clock.instant()));
    }

    @Override
    public List<String> tables() {
        return BriefingTable.TABLES;
    }
}
