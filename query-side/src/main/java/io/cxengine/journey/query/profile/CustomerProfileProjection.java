package io.cxengine.journey.query.profile;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.moment.Channels;
import io.cxengine.journey.query.moment.Moment;
import io.cxengine.journey.query.value.ValueSettings;
import io.cxengine.journey.query.http.ViewChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Keeps {@code read_model.customer_profile} in step with every customer's journey, and answers for it. */
@Component
@ProcessingGroup(CustomerProfileProjection.PROCESSING_GROUP)
class CustomerProfileProjection implements ReadModel {

    static final String PROCESSING_GROUP = "customer-profile";
    /** The live view this projection feeds ({@link ViewChanges}). */
    static final String LIVE_VIEW = "profile";

    private final CustomerProfileTable table;
    private final ValueSettings settings;
    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final Pseudonyms pseudonyms;
    private final ViewChanges changes;

    CustomerProfileProjection(CustomerProfileTable table, ValueSettings settings, QueryUpdateEmitter updates,
                              Clock clock, Pseudonyms pseudonyms, ViewChanges changes) {
        this.table = table;
        this.settings = settings;
        this.updates = updates;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
        this.changes = changes;
        changes.on(LIVE_VIEW, this::changed);
    }

    /** Any other fact: the customer's version, and a moment of truth if it is one. */
    @EventHandler
    void on(CustomerEvent event, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(event, version, message, replay, () -> {
        });
    }

    @EventHandler
    void on(CustomerRegistered registered, @SequenceNumber long version, EventMessage<?> message,
            ReplayStatus replay) {
        table.registered(registered, version);
        moment(registered, message);
        followed(registered, replay);
    }

    @EventHandler
    void on(AttributeRecorded attribute, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(attribute, version, message, replay, () -> {
            table.attribute(attribute);
            Channels.declared(attribute.name(), attribute.value(), attribute.specialCategory())
                    .ifPresent(channel -> table.declaredChannel(attribute.customerId(), channel));
        });
    }

    @EventHandler
    void on(ConsentGranted consent, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(consent, version, message, replay, () -> table.consent(consent.customerId(), consent.channel(), true));
    }

    @EventHandler
    void on(ConsentWithdrawn consent, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(consent, version, message, replay, () -> table.consent(consent.customerId(), consent.channel(), false));
    }

    @EventHandler
    void on(TouchpointRecorded touchpoint, @SequenceNumber long version, EventMessage<?> message,
            ReplayStatus replay) {
        profile(touchpoint, version, message, replay, () -> {
            if (touchpoint.direction() == Direction.INBOUND) {
                table.inboundContact(touchpoint.customerId(), touchpoint.channel(), touchpoint.occurredAt());
            }
            table.contact(touchpoint.customerId(), touchpoint.occurredAt());
        });
    }

    @EventHandler
    void on(ComplaintFiled filed, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(filed, version, message, replay, () -> table.openComplaints(filed.customerId(), 1));
    }

    @EventHandler
    void on(ComplaintReopened reopened, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(reopened, version, message, replay, () -> table.openComplaints(reopened.customerId(), 1));
    }

    @EventHandler
    void on(ComplaintResolved resolved, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(resolved, version, message, replay, () -> table.openComplaints(resolved.customerId(), -1));
    }

    @EventHandler
    void on(FollowUpScheduled followUp, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(followUp, version, message, replay,
                () -> table.followUpScheduled(followUp.customerId(), followUp.followUpId(), followUp.dueAt()));
    }

    @EventHandler
    void on(FollowUpCompleted followUp, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(followUp, version, message, replay, () -> {
            table.followUpState(followUp.customerId(), followUp.followUpId(), "COMPLETED");
            table.contact(followUp.customerId(), followUp.occurredAt());
        });
    }

    @EventHandler
    void on(FollowUpMissed followUp, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(followUp, version, message, replay,
                () -> table.followUpState(followUp.customerId(), followUp.followUpId(), "MISSED"));
    }

    @EventHandler
    void on(SatisfactionMeasured survey, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(survey, version, message, replay, () -> {
            if (survey.score() != null) {
                table.survey(survey.customerId(), message.getIdentifier(), survey.occurredAt(), survey.kind().name(),
                        survey.score());
            }
            table.contact(survey.customerId(), survey.occurredAt());
        });
    }

    @EventHandler
    void on(PurchaseRecorded purchase, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(purchase, version, message, replay, () -> {
            table.purchase(purchase);
            table.contact(purchase.customerId(), purchase.occurredAt());
        });
    }

    @EventHandler
    void on(AccountLost lost, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(lost, version, message, replay, () -> table.lost(lost.customerId(), lost.occurredAt()));
    }

    @EventHandler
    void on(AccountReactivated reactivated, @SequenceNumber long version, EventMessage<?> message,
            ReplayStatus replay) {
        profile(reactivated, version, message, replay,
                () -> table.reactivated(reactivated.customerId(), reactivated.occurredAt()));
    }

    @EventHandler
    void on(CustomerAtRisk atRisk, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(atRisk, version, message, replay,
                () -> table.atRisk(atRisk.customerId(), atRisk.signs(), atRisk.occurredAt()));
    }

    @EventHandler
    void on(CustomerNoLongerAtRisk ended, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(ended, version, message, replay, () -> table.noLongerAtRisk(ended.customerId()));
    }

    @EventHandler
    void on(PersonalDataErased erased, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        profile(erased, version, message, replay, () -> table.erased(erased.customerId()));
    }

    /** The customer's version, the event as a moment of truth (if it is one), its own fact, then its subscribers. */
    private void profile(CustomerEvent event, long version, EventMessage<?> message, ReplayStatus replay,
                         Runnable fact) {
        table.version(event.customerId(), version);
        moment(event, message);
        fact.run();
        followed(event, replay);
    }

    private void moment(CustomerEvent event, EventMessage<?> message) {
        Moment.of(event).ifPresent(moment ->
                table.moment(event.customerId(), message.getIdentifier(), event.occurredAt(), moment.weight()));
    }

    /**
     * Subscribers of the customer's profile, on whichever node, are fed once the batch has committed
     * ({@link ViewChanges}). A rebuild replays the past into copies of the tables: subscribers follow the live ones.
     */
    private void followed(CustomerEvent event, ReplayStatus replay) {
        if (!replay.isReplay()) {
            changes.changed(LIVE_VIEW, event.customerId().toString(), "-");
        }
    }

    /** The profile of a customer changed, on this node or another: this node's subscribers get it. */
    private void changed(String customerId, String detail) {
        CustomerId customer = CustomerId.of(customerId);
        if (subscribed(customer)) {
            find(customer).ifPresent(view -> updates.emit(FindCustomerProfile.class,
                    query -> query.customerId().equals(customer), view));
        }
    }

    private boolean subscribed(CustomerId customer) {
        return updates.activeSubscriptions().stream()
                .anyMatch(query -> query.getPayload() instanceof FindCustomerProfile find
                        && find.customerId().equals(customer));
    }

    private Optional<CustomerProfileView> find(CustomerId customer) {
        return table.find(customer, clock.instant().minus(ProfileRules.RECENT))
                .map(row -> ProfileRules.view(row, settings));
    }

    @QueryHandler
    Optional<CustomerProfileView> handle(FindCustomerProfile query) {
        return find(query.customerId());
    }

    @QueryHandler
    Optional<PseudonymousProfileView> handle(FindPseudonymousProfile query) {
        return find(pseudonyms.customerOf(query.pseudonym()))
                .map(view -> PseudonymousProfileView.of(view, query.pseudonym().value()));
    }

    @QueryHandler
    List<CustomerMatchView> handle(FindCustomersByContact query) {
        return table.findByContact(query.email(), query.phone()).stream()
                .map(match -> new CustomerMatchView(match.customerId(), match.name(),
                        ProfileRules.isLost(match.lostAt(), match.reactivatedAt()) ? "LOST" : "ACTIVE",
                        ProfileRules.visitorTier(match.purchaseCount(), match.identifiedVia())))
                .toList();
    }

    @Override
    public List<String> tables() {
        return CustomerProfileTable.TABLES;
    }
}
