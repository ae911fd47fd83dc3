package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.command.customer.CustomerCommand.Attribute;
import io.cxengine.journey.command.customer.CustomerCommand.RegisterCustomer;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.CustomerAtRisk;
import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerEvent.FollowUpScheduled;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Intention-revealing test data for the Customer aggregate, and a fixture wired as the engine wires it. */
final class CustomerFixtures {

    static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");
    static final CustomerId CUSTOMER = CustomerId.of("7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21");
    static final TouchpointId TOUCHPOINT = TouchpointId.of("0f5c8d2a-1b3e-4a6f-8c9d-0e1f2a3b4c5d");
    static final ComplaintId COMPLAINT = ComplaintId.of("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d");
    static final FollowUpId FOLLOW_UP = FollowUpId.of("2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e");
    static final ServiceStandards STANDARDS = new ServiceStandards(Duration.ofHours(24), Duration.ofHours(24),
            Duration.ofHours(24), Duration.ofSeconds(6), 3, Duration.ofDays(1), Duration.ofMinutes(5));

    private CustomerFixtures() {
    }

    /** A fixture with the collaborators the engine gives the aggregate: standards and the deadline registry. */
    static FixtureConfiguration<Customer> customerFixture() {
        return customerFixture(STANDARDS);
    }

    /** A customer whose clocks run by these standards, version 1 of each for ever. */
    static FixtureConfiguration<Customer> customerFixture(ServiceStandards standards) {
        return customerFixture(StandardsInForce.fixed(standards));
    }

    /** A customer whose clocks run by this book of standards. */
    static FixtureConfiguration<Customer> customerFixture(StandardsInForce standards) {
        FixtureConfiguration<Customer> fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(standards);
        fixture.registerInjectableResource(new InMemoryScheduledDeadlines());
        fixture.registerInjectableResource(new IdsOfStoredEvents(fixture));
        return fixture;
    }

    static RegisterCustomer registerCustomer(CustomerId customer) {
        return new RegisterCustomer(customer, "Grace Hopper", "grace@example.com", "+1 555 0100",
                IdentificationMethod.CALLER_ID, List.of(), Set.of(), NOON);
    }

    static RegisterCustomer registerCustomer(CustomerId customer, List<Attribute> attributes, Set<Channel> consents) {
        return new RegisterCustomer(customer, "Grace Hopper", "grace@example.com", "+1 555 0100",
                IdentificationMethod.CALLER_ID, attributes, consents, NOON);
    }

    static CustomerRegistered customerRegistered(CustomerId customer) {
        return new CustomerRegistered(customer, "Grace Hopper", "grace@example.com", "+1 555 0100",
                IdentificationMethod.CALLER_ID, NOON);
    }

    static Attribute attribute(String name, String value) {
        return new Attribute(AttributeKind.DEMOGRAPHIC, name, value, false);
    }

    static TouchpointRecorded touchpointRecorded(TouchpointId touchpoint, Channel channel, Direction direction,
                                                 Valence valence, Instant at) {
        // An outbound call or e-mail answers the clocks of its standard, as the engine records it.
        ServiceStandard answers = direction != Direction.OUTBOUND ? null
                : channel == Channel.PHONE ? ServiceStandard.CALL_RETURN
                : channel == Channel.EMAIL ? ServiceStandard.EMAIL_RESPONSE : null;
        return new TouchpointRecorded(CUSTOMER, touchpoint, channel, direction, "billing question",
                InteractionStage.UNDERSTANDING, valence, "agent-042", "in-house", 12, 300, null, false, null, null,
                answers, channel == Channel.PHONE && direction == Direction.INBOUND ? 18 : null, null, null, null, at);
    }

    static ComplaintFiled complaintFiled(ComplaintId complaint, Instant at) {
        return new ComplaintFiled(CUSTOMER, complaint, ComplaintCategory.BILLING_MISTAKE, null, "Charged twice",
                Severity.HIGH, null, at.plus(Duration.ofHours(24)), null, at);
    }

    /** The watch's record that the customer's history turned, as it follows a negative fact. */
    static CustomerAtRisk atRisk(int recentBalance, Instant at, RiskSign... signs) {
        return new CustomerAtRisk(CUSTOMER, EnumSet.copyOf(List.of(signs)), recentBalance, at);
    }

    static AccountLost accountLost(Instant at) {
        return new AccountLost(CUSTOMER, LossReason.INDIFFERENCE, "No purchase for 90 days", at);
    }

    /**
     * The ids the fixture's stored events introduced (as the event store's trigger adds them to
     * {@code customer_fact_id}), and those claimed while a command runs.
     */
    static final class IdsOfStoredEvents implements RecordedIds {
        private final FixtureConfiguration<Customer> fixture;

        IdsOfStoredEvents(FixtureConfiguration<Customer> fixture) {
            this.fixture = fixture;
        }

        @Override
        public Optional<String> find(CustomerId customer, Kind kind, String id) {
            Map<String, String> known = new HashMap<>(claimed());
            fixture.getEventStore().readEvents(customer.toString()).asStream().forEach(message -> {
                Object event = message.getPayload();
                if (event instanceof TouchpointRecorded touchpoint) {
                    known.put(Kind.TOUCHPOINT + "/" + touchpoint.touchpointId(), "");
                } else if (event instanceof ComplaintFiled complaint) {
                    known.put(Kind.COMPLAINT + "/" + complaint.complaintId(), complaint.occurredAt().toString());
                } else if (event instanceof FollowUpScheduled followUp) {
                    known.put(Kind.FOLLOW_UP + "/" + followUp.followUpId(), "");
                } else if (event instanceof PurchaseRecorded purchase) {
                    known.put(Kind.ORDER + "/" + purchase.orderId(),
                            purchase.amount().amount().toPlainString() + " " + purchase.amount().currency());
                }
            });
            return Optional.ofNullable(known.get(kind + "/" + id));
        }

        @Override
        public Optional<String> claim(CustomerId customer, Kind kind, String id, String detail) {
            Optional<String> known = find(customer, kind, id);
            if (known.isEmpty()) {
                claimed().put(kind + "/" + id, detail);
            }
            return known;
        }

        /** Claims last as long as the command's unit of work, as in the engine. */
        private static Map<String, String> claimed() {
            return CurrentUnitOfWork.get().root().getOrComputeResource("claimed", name -> new HashMap<String, String>());
        }
    }

    /** Remembers deadline ids in memory, as the JDBC registry does in PostgreSQL. */
    static final class InMemoryScheduledDeadlines implements ScheduledDeadlines {
        private final Map<String, String> ids = new HashMap<>();

        @Override
        public void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId) {
            ids.put(customer + "/" + clock, scheduleId);
        }

        @Override
        public Optional<String> forget(CustomerId customer, ServiceClock.Key clock) {
            return Optional.ofNullable(ids.remove(customer + "/" + clock));
        }
    }
}
