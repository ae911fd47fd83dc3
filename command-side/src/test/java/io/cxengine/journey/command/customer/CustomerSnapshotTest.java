package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.platform.JournalSerializers;
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
    @DisplayName("a customer with complaints in every state, follow-ups, clocks, purchases and a loss survives a snapshot")
    void snapshotRoundTrip() {
        Customer customer = new Customer();
        ComplaintId open = ComplaintId.random();
        ComplaintId proposed = ComplaintId.random();
        ComplaintId agreed = ComplaintId.random();
        ComplaintId resolved = ComplaintId.random();
        FollowUpId followUp = FollowUpId.random();
        TouchpointId call = TouchpointId.random();
        customer.on(customerRegistered(CUSTOMER));
        customer.on(new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "4", false, NOON));
        customer.on(new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON));
        customer.on(new TouchpointRecorded(CUSTOMER, call, Channel.PHONE, Direction.INBOUND, "billing", null,
                Valence.NEGATIVE, "agent", "in-house", 10, 60, null, true, NOON.plus(Duration.ofHours(24)), NOON));
        customer.on(touchpointRecorded(TouchpointId.random(), Channel.CHAT, Direction.INBOUND, Valence.NEUTRAL, NOON));
        for (ComplaintId complaint : new ComplaintId[]{open, proposed, agreed, resolved}) {
            customer.on(complaintFiled(complaint, NOON));
        }
        customer.on(new ComplaintAcknowledged(CUSTOMER, proposed, NOON));
        customer.on(new SolutionProposed(CUSTOMER, proposed, "refund", NOON));
        customer.on(new SolutionProposed(CUSTOMER, agreed, "credit", NOON));
        customer.on(new SolutionAgreed(CUSTOMER, agreed, "credit", NOON.plus(Duration.ofDays(2)), NOON));
        customer.on(new ComplaintResolved(CUSTOMER, resolved, "done", NOON));
        customer.on(new FollowUpScheduled(CUSTOMER, followUp, NOON.plus(Duration.ofDays(1)), Channel.PHONE, "check",
                open, NOON));
        customer.on(new PurchaseRecorded(CUSTOMER, "536365", Money.of("12.50", "GBP"), NOON));
        customer.on(new AccountLost(CUSTOMER, io.cxengine.journey.customer.LossReason.COMPETITOR, null, NOON));

        Serializer snapshots = JournalSerializers.snapshots(io.cxengine.journey.platform.PersonalDataKeys.inMemory());
        Customer restored = snapshots.deserialize(snapshots.serialize(customer, byte[].class));

        assertThat(restored).usingRecursiveComparison().isEqualTo(customer);
    }
}
