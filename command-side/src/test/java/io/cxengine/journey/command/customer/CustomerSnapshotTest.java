package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.platform.eventstore.JournalSerializers;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.complaintFiled;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;
import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot of a customer restores every piece of state the decisions need, exactly. */
class CustomerSnapshotTest {

    @Test
    @DisplayName("a customer with complaints in every state, follow-ups, clocks and a loss survives a snapshot")
    void snapshotRoundTrip() {
        Customer customer = new Customer();
        ComplaintId open = ComplaintId.random();
        ComplaintId proposed = ComplaintId.random();
        ComplaintId agreed = ComplaintId.random();
        ComplaintId resolved = ComplaintId.random();
        FollowUpId followUp = FollowUpId.random();
        TouchpointId call = TouchpointId.random();
        replay(customer, customerRegistered(CUSTOMER));
        replay(customer, new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "4", false, NOON));
        replay(customer, new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON));
        replay(customer, new TouchpointRecorded(CUSTOMER, call, Channel.PHONE, Direction.INBOUND, "billing", null,
                Valence.NEGATIVE, "agent", "in-house", 10, 60, null, true, ServiceStandard.CALL_RETURN,
                NOON.plus(Duration.ofHours(24)), null, null, null, null, null, NOON));
        replay(customer, touchpointRecorded(TouchpointId.random(), Channel.CHAT, Direction.INBOUND, Valence.NEUTRAL, NOON));
        for (ComplaintId complaint : new ComplaintId[]{open, proposed, agreed, resolved}) {
            replay(customer, complaintFiled(complaint, NOON));
        }
        replay(customer, new ComplaintAcknowledged(CUSTOMER, proposed, NOON));
        replay(customer, new SolutionProposed(CUSTOMER, proposed, "refund", NOON));
        replay(customer, new SolutionProposed(CUSTOMER, agreed, "credit", NOON));
        replay(customer, new SolutionAgreed(CUSTOMER, agreed, "credit", NOON.plus(Duration.ofDays(2)), NOON));
        replay(customer, new ComplaintResolved(CUSTOMER, resolved, "done", NOON));
        replay(customer, new FollowUpScheduled(CUSTOMER, followUp, NOON.plus(Duration.ofDays(1)), Channel.PHONE, "check",
                open, NOON));
        // An order awaiting fulfilment, and one filled.
        replay(customer, new PurchaseRecorded(CUSTOMER, "web-1",
                io.cxengine.journey.customer.Money.of("10.00", "EUR"), NOON.plus(Duration.ofDays(1)), null, NOON));
        replay(customer, new PurchaseRecorded(CUSTOMER, "web-2",
                io.cxengine.journey.customer.Money.of("12.00", "EUR"), NOON.plus(Duration.ofDays(1)), null, NOON));
        replay(customer, new io.cxengine.journey.customer.CustomerEvent.OrderFulfilled(CUSTOMER, "web-2", NOON));
        replay(customer, new AccountLost(CUSTOMER, io.cxengine.journey.customer.LossReason.COMPETITOR, null, NOON));

        Serializer snapshots = JournalSerializers.snapshots(io.cxengine.journey.platform.personaldata.PersonalDataKeys.inMemory());
        Customer restored = snapshots.deserialize(snapshots.serialize(customer, byte[].class));

        assertThat(restored).usingRecursiveComparison().isEqualTo(customer);
    }

    @Test
    @DisplayName("a customer's snapshot grows with what is open, not with the history: 10,000 events, the size of 10")
    void snapshotIsBoundedByWhatIsOpen() {
        Serializer snapshots = JournalSerializers.snapshots(io.cxengine.journey.platform.personaldata.PersonalDataKeys.inMemory());
        Customer brief = customerWithHistory(10);
        Customer long_ = customerWithHistory(10_000);

        int briefSize = snapshots.serialize(brief, byte[].class).getData().length;
        int longSize = snapshots.serialize(long_, byte[].class).getData().length;

        assertThat(longSize).as("bytes of the 10,000-event snapshot against the 10-event one (%d)", briefSize)
                .isLessThanOrEqualTo(briefSize + 64);
    }

    private static final AggregateModel<Customer> MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Customer.class);

    /** Applies the event as Axon does when loading the customer: to the customer and to its members. */
    private static void replay(Customer customer, Object event) {
        MODEL.publish(GenericEventMessage.asEventMessage(event), customer);
    }

    /** Registered, then touchpoints, complaints and follow-ups filed and resolved, one open complaint at the end. */
    private static Customer customerWithHistory(int events) {
        Customer customer = new Customer();
        replay(customer, customerRegistered(CUSTOMER));
        replay(customer, new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "4", false, NOON));
        for (int event = 2; event < events; event += 5) {
            ComplaintId complaint = ComplaintId.random();
            replay(customer, touchpointRecorded(TouchpointId.random(), Channel.CHAT, Direction.INBOUND, Valence.NEUTRAL,
                    NOON));
            replay(customer, complaintFiled(complaint, NOON));
            replay(customer, new ComplaintResolved(CUSTOMER, complaint, "done", NOON));
            FollowUpId followUp = FollowUpId.random();
            replay(customer, new FollowUpScheduled(CUSTOMER, followUp, NOON.plus(Duration.ofDays(1)), Channel.PHONE,
                    "check", null, NOON));
            replay(customer, new FollowUpCompleted(CUSTOMER, followUp, "called", Valence.POSITIVE, NOON));
        }
        replay(customer, complaintFiled(ComplaintId.of("00000000-0000-4000-8000-000000000001"), NOON));
        return customer;
    }
}
