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

    private final CustomerProfileTable table;
    private final ValueSettings settings;
    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final Pseudonyms pseudonyms;

    CustomerProfileProjection(CustomerProfileTable table, ValueSettings settings, QueryUpdateEmitter updates,
                              Clock clock, Pseudonyms pseudonyms) {
        this.table = table;
        this.settings = settings;
        this.updates = updates;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(CustomerEvent event, @SequenceNumber long version, EventMessage<?> message, ReplayStatus replay) {
        CustomerId customer = event.customerId();
        if (event instanceof CustomerRegistered registered) {
            table.registered(registered, version);
        } else {
            table.version(customer, version);
        }
        Moment.of(event).ifPresent(moment ->
                table.moment(customer, message.getIdentifier(), event.occurredAt(), moment.weight()));
        apply(event, message.getIdentifier());
        // A rebuild replays the past into copies of the tables: subscribers follow the live ones.
        if (!replay.isReplay() && subscribed(customer)) {
            find(customer).ifPresent(view -> updates.emit(FindCustomerProfile.class,
                    query -> query.customerId().equals(customer), view));
        }
    }

    private void apply(CustomerEvent event, String eventId) {
        CustomerId customer = event.customerId();
        if (event instanceof AttributeRecorded attribute) {
            table.attribute(attribute);
            Channels.declared(attribute.name(), attribute.value(), attribute.specialCategory())
                    .ifPresent(channel -> table.declaredChannel(customer, channel));
        } else if (event instanceof ConsentGranted consent) {
            table.consent(customer, consent.channel(), true);
        } else if (event instanceof ConsentWithdrawn consent) {
            table.consent(customer, consent.channel(), false);
        } else if (event instanceof TouchpointRecorded touchpoint) {
            if (touchpoint.direction() == Direction.INBOUND) {
                table.inboundContact(customer, touchpoint.channel(), touchpoint.occurredAt());
            }
            table.contact(customer, touchpoint.occurredAt());
        } else if (event instanceof ComplaintFiled || event instanceof ComplaintReopened) {
            table.openComplaints(customer, 1);
        } else if (event instanceof ComplaintResolved) {
            table.openComplaints(customer, -1);
        } else if (event instanceof FollowUpScheduled followUp) {
            table.followUpScheduled(customer, followUp.followUpId(), followUp.dueAt());
        } else if (event instanceof FollowUpCompleted followUp) {
            table.followUpState(customer, followUp.followUpId(), "COMPLETED");
            table.contact(customer, followUp.occurredAt());
        } else if (event instanceof FollowUpMissed followUp) {
            table.followUpState(customer, followUp.followUpId(), "MISSED");
        } else if (event instanceof SatisfactionMeasured survey) {
            if (survey.score() != null) {
                table.survey(customer, eventId, survey.occurredAt(), survey.kind().name(), survey.score());
            }
            table.contact(customer, survey.occurredAt());
        } else if (event instanceof PurchaseRecorded purchase) {
            table.purchase(purchase);
            table.contact(customer, purchase.occurredAt());
        } else if (event instanceof AccountLost lost) {
            table.lost(customer, lost.occurredAt());
        } else if (event instanceof AccountReactivated reactivated) {
            table.reactivated(customer, reactivated.occurredAt());
        } else if (event instanceof PersonalDataErased) {
            table.erased(customer);
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
