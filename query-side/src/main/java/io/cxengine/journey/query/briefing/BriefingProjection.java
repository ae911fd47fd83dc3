package io.cxengine.journey.query.briefing;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.PersonalData;
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
import java.util.TreeMap;

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

    @EventHandler
    void on(CustomerEvent event, @SequenceNumber long version) {
        CustomerId customer = event.customerId();
        BriefingState state = table.state(customer);
        Moment.of(event).ifPresent(moment -> state.moment(new BriefingState.LastMoment(event.occurredAt(),
                moment.kind().name(), moment.channel() == null ? null : moment.channel().name(),
                moment.valence() == null ? null : moment.valence().name(), moment.summary())));
        apply(event, state);
        table.save(customer, state, version);
    }

    private static void apply(CustomerEvent event, BriefingState state) {
        if (event instanceof CustomerRegistered registered) {
            state.name = registered.name();
            state.email = registered.email();
            state.phone = registered.phone();
        } else if (event instanceof AttributeRecorded attribute) {
            state.known.computeIfAbsent(attribute.kind().name(), kind -> new TreeMap<>())
                    .put(attribute.name(), attribute.specialCategory() ? PersonalData.WITHHELD : attribute.value());
            Channels.declared(attribute.name(), attribute.value(), attribute.specialCategory())
                    .ifPresent(channel -> state.declaredChannel = channel.name());
        } else if (event instanceof ConsentGranted consent) {
            state.consents.add(consent.channel().name());
        } else if (event instanceof ConsentWithdrawn consent) {
            state.consents.remove(consent.channel().name());
        } else if (event instanceof TouchpointRecorded touchpoint && touchpoint.direction() == Direction.INBOUND) {
            state.inboundChannels.merge(touchpoint.channel().name(), 1, Integer::sum);
            state.lastInboundWaitSeconds = touchpoint.waitSeconds();
        } else if (event instanceof ComplaintFiled filed) {
            state.openComplaints.put(filed.complaintId().toString(), new BriefingState.OpenComplaint(
                    filed.complaintId().toString(), filed.category().name(), filed.severity().name(), "FILED",
                    filed.occurredAt(), filed.acknowledgeBy(), null, null));
        } else if (event instanceof ComplaintAcknowledged acknowledged) {
            complaint(state, acknowledged.complaintId().toString(), "ACKNOWLEDGED");
        } else if (event instanceof SolutionProposed proposed) {
            Optional.ofNullable(state.openComplaints.get(proposed.complaintId().toString())).ifPresent(c ->
                    state.openComplaints.put(c.complaintId(), new BriefingState.OpenComplaint(c.complaintId(),
                            c.category(), c.severity(), "PROPOSED", c.filedAt(), c.acknowledgeBy(),
                            proposed.proposal(), c.promisedBy())));
        } else if (event instanceof SolutionAgreed agreed) {
            String id = agreed.complaintId().toString();
            Optional.ofNullable(state.openComplaints.get(id)).ifPresent(c ->
                    state.openComplaints.put(id, new BriefingState.OpenComplaint(id, c.category(), c.severity(),
                            "AGREED", c.filedAt(), c.acknowledgeBy(), agreed.proposal(), agreed.promisedBy())));
            if (agreed.promisedBy() != null) {
                state.promises.put("solution:" + id, new BriefingState.Promise("SOLUTION", id, agreed.promisedBy(),
                        agreed.proposal(), null, false));
            }
        } else if (event instanceof ComplaintResolved resolved) {
            state.openComplaints.remove(resolved.complaintId().toString());
            state.promises.remove("solution:" + resolved.complaintId());
        } else if (event instanceof ComplaintReopened reopened) {
            state.openComplaints.put(reopened.complaintId().toString(), new BriefingState.OpenComplaint(
                    reopened.complaintId().toString(), "REOPENED", "MEDIUM", "REOPENED", reopened.occurredAt(), null,
                    null, null));
        } else if (event instanceof FollowUpScheduled followUp) {
            state.promises.put("follow-up:" + followUp.followUpId(), new BriefingState.Promise("FOLLOW_UP",
                    followUp.followUpId().toString(), followUp.dueAt(), followUp.purpose(), followUp.channel().name(),
                    false));
        } else if (event instanceof FollowUpCompleted followUp) {
            state.promises.remove("follow-up:" + followUp.followUpId());
        } else if (event instanceof FollowUpMissed missed) {
            state.promises.computeIfPresent("follow-up:" + missed.followUpId(), (key, promise) -> promise.markedOverdue());
        } else if (event instanceof ServiceStandardBreached breach) {
            state.lastBreachAt = breach.dueAt();
            state.lastBreachStandard = breach.standard().name();
            if (breach.standard() == ServiceStandard.PROMISED_SOLUTION) {
                state.promises.computeIfPresent("solution:" + breach.subject(), (key, promise) -> promise.markedOverdue());
            }
        } else if (event instanceof PurchaseRecorded purchase) {
            state.revenue = state.revenue.add(purchase.amount().amount());
            state.purchases++;
            state.firstPurchaseAt = state.firstPurchaseAt == null || purchase.occurredAt().isBefore(state.firstPurchaseAt)
                    ? purchase.occurredAt() : state.firstPurchaseAt;
            state.lastPurchaseAt = state.lastPurchaseAt == null || purchase.occurredAt().isAfter(state.lastPurchaseAt)
                    ? purchase.occurredAt() : state.lastPurchaseAt;
        } else if (event instanceof AccountLost) {
            state.lost = true;
        } else if (event instanceof AccountReactivated) {
            state.lost = false;
        } else if (event instanceof PersonalDataErased) {
            state.name = PersonalData.ERASED;
            state.email = null;
            state.phone = null;
            state.known.clear();
            state.declaredChannel = null;
            state.openComplaints.replaceAll((id, c) -> new BriefingState.OpenComplaint(c.complaintId(), c.category(),
                    c.severity(), c.state(), c.filedAt(), c.acknowledgeBy(), null, c.promisedBy()));
            state.promises.replaceAll((key, p) -> new BriefingState.Promise(p.kind(), p.id(), p.dueAt(), null,
                    p.channel(), p.overdue()));
            state.lastMoments.replaceAll(m -> new BriefingState.LastMoment(m.occurredAt(), m.kind(), m.channel(),
                    m.valence(), null));
        }
    }

    private static void complaint(BriefingState state, String complaintId, String newState) {
        Optional.ofNullable(state.openComplaints.get(complaintId))
                .ifPresent(complaint -> state.openComplaints.put(complaintId, complaint.in(newState)));
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
