package io.cxengine.journey.query.briefing;

import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.query.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.EnumSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The briefing projection's handlers on a real PostgreSQL: the card an agent reads is built fact by fact. */
class BriefingProjectionTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();
    BriefingTable table;
    BriefingProjection projection;
    CustomerId customer;
    long version;

    @BeforeEach
    void projection() {
        database.empty(BriefingTable.TABLES);
        table = new BriefingTable(database.jdbc(), database.writes());
        projection = new BriefingProjection(table, ReadModelDatabase.VALUE, Clock.fixed(NOW, ZoneOffset.UTC));
        customer = CustomerId.random();
        version = 0;
        projection.on(new CustomerRegistered(customer, "Ada King", "ada@example.com", "+44 20 7946 0000",
                IdentificationMethod.CALLER_ID, NOW.minus(Duration.ofDays(30))), version++);
    }

    BriefingView briefing() {
        return projection.handle(new FindBriefing(customer)).orElseThrow();
    }

    static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    @Test
    @DisplayName("what the customer told us, how to reach them and how long they waited")
    void knownAndReach() {
        projection.on(new AttributeRecorded(customer, AttributeKind.PSYCHOGRAPHIC, "Preferred channel", "e-mail", false,
                hoursAgo(50)), version++);
        projection.on(new AttributeRecorded(customer, AttributeKind.DEMOGRAPHIC, "religion", "none", true,
                hoursAgo(49)), version++);
        projection.on(new ConsentGranted(customer, Channel.EMAIL, hoursAgo(48)), version++);
        projection.on(new ConsentGranted(customer, Channel.PHONE, hoursAgo(47)), version++);
        projection.on(new ConsentWithdrawn(customer, Channel.PHONE, hoursAgo(46)), version++);
        projection.on(new TouchpointRecorded(customer, TouchpointId.random(), Channel.PHONE, Direction.INBOUND,
                "billing question", null, Valence.NEUTRAL, null, null, 420, 60, null, false, null, null, null, null, null, null, null,
                hoursAgo(2)), version++);

        BriefingView briefing = briefing();
        assertThat(briefing.greetingName()).isEqualTo("Ada");
        assertThat(briefing.alreadyKnown().attributes().get("DEMOGRAPHIC")).containsEntry("religion",
                PersonalData.WITHHELD);
        assertThat(briefing.reach().declaredChannel()).isEqualTo("EMAIL");
        assertThat(briefing.reach().observedChannel()).isEqualTo("PHONE");
        assertThat(briefing.reach().consents()).containsExactly("EMAIL");
        assertThat(briefing.suggestedApproach().scenario()).isEqualTo("IMPATIENT");
        assertThat(briefing.version()).isEqualTo(version - 1);
    }

    @Test
    @DisplayName("a complaint's steps, its promised solution and a missed follow-up are what is open and due")
    void openAndDue() {
        ComplaintId complaint = ComplaintId.random();
        FollowUpId followUp = FollowUpId.random();
        projection.on(new ComplaintFiled(customer, complaint, ComplaintCategory.DELIVERY_DELAY, null, "late",
                Severity.MEDIUM, null, hoursAgo(40), null, hoursAgo(48)), version++);
        projection.on(new ComplaintAcknowledged(customer, complaint, hoursAgo(47)), version++);
        projection.on(new SolutionAgreed(customer, complaint, "a new delivery", hoursAgo(1), hoursAgo(46)), version++);
        projection.on(new ServiceStandardBreached(customer, ServiceStandard.PROMISED_SOLUTION, complaint.toString(),
                hoursAgo(46), hoursAgo(1), hoursAgo(1)), version++);
        projection.on(new FollowUpScheduled(customer, followUp, hoursAgo(3), Channel.PHONE, "check the delivery",
                complaint, hoursAgo(45)), version++);
        projection.on(new FollowUpMissed(customer, followUp, hoursAgo(3), hoursAgo(3)), version++);

        BriefingView briefing = briefing();
        assertThat(briefing.openComplaints()).singleElement().satisfies(open -> {
            assertThat(open.state()).isEqualTo("AGREED");
            assertThat(open.proposal()).isEqualTo("a new delivery");
        });
        assertThat(briefing.promisesDue()).extracting(BriefingState.Promise::kind, BriefingState.Promise::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FOLLOW_UP", true),
                        org.assertj.core.groups.Tuple.tuple("SOLUTION", true));
        assertThat(briefing.routing().priority()).isEqualTo(2);

        projection.on(new ComplaintResolved(customer, complaint, "delivered", NOW), version++);
        assertThat(briefing().openComplaints()).isEmpty();
        assertThat(briefing().promisesDue()).extracting(BriefingState.Promise::kind).containsExactly("FOLLOW_UP");
    }

    @Test
    @DisplayName("the agent sees the engine's at-risk signal and since when, until it ends or the account is lost")
    void atRisk() {
        projection.on(new CustomerAtRisk(customer, EnumSet.of(RiskSign.NEGATIVE_BALANCE), -1, hoursAgo(30)), version++);
        projection.on(new CustomerAtRisk(customer, EnumSet.of(RiskSign.NEGATIVE_BALANCE,
                RiskSign.COMPLAINT_PAST_STANDARD), -2, hoursAgo(20)), version++);
        assertThat(briefing().risk().signs()).containsExactly("NEGATIVE_BALANCE", "COMPLAINT_PAST_STANDARD");
        assertThat(briefing().risk().since()).as("since the turn, not the latest sign").isEqualTo(hoursAgo(30));

        projection.on(new CustomerNoLongerAtRisk(customer, hoursAgo(10)), version++);
        assertThat(briefing().risk()).isNull();

        projection.on(new CustomerAtRisk(customer, EnumSet.of(RiskSign.REPEATED_BREACHES), 0, hoursAgo(5)), version++);
        projection.on(new AccountLost(customer, LossReason.COMPETITOR, null, hoursAgo(1)), version++);
        assertThat(briefing().risk()).as("a loss ends the watch").isNull();
    }

    @Test
    @DisplayName("after erasure the card keeps what is due, without a name, contact data or anything said")
    void erased() {
        projection.on(new ComplaintFiled(customer, ComplaintId.random(), ComplaintCategory.DELIVERY_DELAY, null,
                "late", Severity.MEDIUM, null, hoursAgo(40), null, hoursAgo(48)), version++);
        projection.on(new PersonalDataErased(customer, NOW), version++);

        BriefingView briefing = briefing();
        assertThat(briefing.fullName()).isEqualTo(PersonalData.ERASED);
        assertThat(briefing.alreadyKnown().email()).isNull();
        assertThat(briefing.openComplaints()).hasSize(1);
        assertThat(briefing.lastMoments()).allSatisfy(moment -> assertThat(moment.summary()).isNull());
        assertThat(database.jdbc().sql("SELECT state::text FROM read_model.customer_briefing").query(String.class)
                .single()).doesNotContain("Ada").doesNotContain("example.com").doesNotContain("late");
    }

    @Test
    @DisplayName("a state stored by an earlier version of the engine is read and carried on")
    void storedState() {
        database.jdbc().sql("""
                        UPDATE read_model.customer_briefing SET state = CAST(:state AS JSONB)
                         WHERE customer_id = :customer""")
                .param("customer", customer.value())
                .param("state", """
                        {"name": "Ada King", "email": null, "phone": null, "revenue": 0, "purchases": 0,
                         "firstPurchaseAt": null, "lastPurchaseAt": null, "lost": true, "consents": ["MAIL"],
                         "declaredChannel": null, "inboundChannels": {"EMAIL": 2},
                         "known": {"DEMOGRAPHIC": {"children": "2", "age": "40"}}, "openComplaints": {},
                         "promises": {}, "lastMoments": [], "lastInboundWaitSeconds": null, "lastBreachAt": null,
                         "lastBreachStandard": null}""")
                .update();
        projection.on(new ConsentGranted(customer, Channel.CHAT, NOW), version++);

        BriefingView briefing = briefing();
        assertThat(briefing.reach().consents()).containsExactly("CHAT", "MAIL");
        assertThat(briefing.reach().observedChannel()).isEqualTo("EMAIL");
        assertThat(briefing.routing().reason()).startsWith("Lost account");
        assertThat(briefing.alreadyKnown().attributes().get("DEMOGRAPHIC").keySet()).containsExactly("age", "children");
    }
}
